import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { ApiError } from '../errors.js';
import { isSameOriginRequest } from './origin.js';

/** A Host header we may echo into the CSP (anything odd is left out rather than escaped). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Security headers for every HTTP response (helmet). The CSP is what the Vite-built client
 * needs and no more: scripts and styles only from our own origin (no inline script, no eval),
 * data: images and fonts for CSS, and connections to our own origin over http(s) and ws(s) —
 * spelled out because older browsers do not count ws: as 'self'. Nobody may frame Tavlen.
 */
export function securityHeaders(): RequestHandler {
  const sameHostWebsockets = (req: Request): string => {
    const host = req.headers.host;
    return host && PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
  };
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => sameHostWebsockets(req as Request)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // A card's address must not travel to other sites in Referer.
    referrerPolicy: { policy: 'no-referrer' },
  });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Guards for the JSON API, before any route: CSRF protection for state-changing requests
 * (same-origin check on top of the SameSite=Lax cookie), JSON bodies only (a cross-site HTML
 * form cannot send application/json), and the body size limit.
 */
export function apiGuards(opts: { trustProxy: boolean; bodyLimitBytes: number }): RequestHandler[] {
  const sameOrigin: RequestHandler = (req, _res, next) => {
    if (STATE_CHANGING.has(req.method) && !isSameOriginRequest(req, opts.trustProxy)) {
      throw new ApiError('cross_site_request');
    }
    next();
  };
  const jsonOnly: RequestHandler = (req, _res, next) => {
    if (hasBody(req) && !req.is('application/json')) throw new ApiError('unsupported_media_type');
    next();
  };
  return [sameOrigin, jsonOnly, express.json({ limit: opts.bodyLimitBytes })];
}

/** The client IP as Express sees it (X-Forwarded-For only with TRUST_PROXY). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
