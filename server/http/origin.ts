import type { IncomingMessage } from 'node:http';

/**
 * Is this request from one of Tavlen's own pages? The one same-origin check for state-changing
 * HTTP requests (CSRF, server/http/security.ts) and websocket upgrades (cross-site websocket
 * hijacking, server/sync/server.ts and server/realtime/socketio.ts), as OWASP recommends:
 *
 * 1. `Origin` present: its host must be ours (behind a trusted proxy, X-Forwarded-Host).
 *    `Origin: null` (sandboxed frames, some redirects) is refused.
 * 2. No `Origin` but `Sec-Fetch-Site`: only `same-origin` and `none` (typed by the person).
 * 3. Neither: not a browser (integration tests, third-party y-websocket clients, curl); those
 *    do not attach cookies on their own, so they are judged by the cookie they chose to send.
 */
export function isSameOriginRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0])?.trim() ?? req.headers.host;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
