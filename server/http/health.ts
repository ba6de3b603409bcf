import type { RequestHandler } from 'express';

export interface HealthStats {
  boardsLoaded: () => number;
  connections: () => number;
  /** Why storage refuses every write from now on, or null (Storage.writeFailure). */
  storageFailure?: () => string | null;
}

/**
 * GET /healthz: liveness plus a few counters for the operator (no user data). 503 when the
 * storage can no longer write (a failed disk sync): the node takes no edits until restarted.
 */
export function healthHandler(stats: HealthStats): RequestHandler {
  const started = Date.now();
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const storageFailure = stats.storageFailure?.() ?? null;
    res.status(storageFailure === null ? 200 : 503).json({
      status: storageFailure === null ? 'ok' : 'storage_failed',
      ...(storageFailure === null ? {} : { storageFailure }),
      uptimeS: Math.round((Date.now() - started) / 1000),
      boardsLoaded: stats.boardsLoaded(),
      connections: stats.connections(),
    });
  };
}
