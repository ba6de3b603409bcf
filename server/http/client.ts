import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { YJS_PATH_PREFIX } from '../../shared/protocol/limits.js';

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PATHS = ['/api', YJS_PATH_PREFIX.replace(/\/$/, ''), '/socket.io', '/healthz'];

/** Vite names every file under /assets/ by its content hash: it never changes, so keep it a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built client (client/dist) if it exists: static files, then index.html for any
 * other GET so client-side routes survive a reload. Returns null when there is no build.
 * Files are sent precompressed (the build writes .br and .gz beside each asset) to browsers
 * that accept it; hashed assets are cached for good, everything else is revalidated.
 */
export function clientRouter(distDir: string = resolve('client/dist')): Router | null {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return null;
  const router = express.Router();
  router.use(
    expressStaticGzip(distDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, setHeaders: cacheHeaders },
    }),
  );
  router.get('/{*path}', (req, res, next) => {
    if (SERVER_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}

function cacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
}
