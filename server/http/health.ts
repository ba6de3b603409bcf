import type { RequestHandler } from 'express';

export interface HealthStats {
  boardsLoaded: () => number;
  connections: () => number;
}

/** GET /healthz: liveness plus a few counters for the operator (no user data). */
export function healthHandler(stats: HealthStats): RequestHandler {
  const started = Date.now();
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      status: 'ok',
      uptimeS: Math.round((Date.now() - started) / 1000),
      boardsLoaded: stats.boardsLoaded(),
      connections: stats.connections(),
    });
  };
}
