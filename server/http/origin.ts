import type { IncomingMessage } from 'node:http';

/**
 * Cross-site websocket hijacking guard: browsers always send `Origin` on a websocket
 * upgrade, and a page on another site must not ride on the user's session cookie.
 * Non-browser clients (integration tests, third-party y-websocket clients) send no Origin
 * and are judged by their cookie alone. Behind a trusted proxy the public host is taken
 * from X-Forwarded-Host.
 */
export function isSameOriginUpgrade(req: IncomingMessage, trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0])?.trim() ?? req.headers.host;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
