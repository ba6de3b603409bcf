import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';
import { YJS_PATH_PREFIX } from '../../shared/protocol/limits.js';

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PATHS = ['/api', YJS_PATH_PREFIX.replace(/\/$/, ''), '/socket.io', '/healthz'];

/**
 * Serves the built client (client/dist) if it exists: static files, then index.html for any
 * other GET so client-side routes survive a reload. Returns null when there is no build.
 */
export function clientRouter(distDir: string = resolve('client/dist')): Router | null {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return null;
  const router = express.Router();
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get('/{*path}', (req, res, next) => {
    if (SERVER_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
