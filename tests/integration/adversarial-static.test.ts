/**
 * Adversarial review of static file serving (server/http/client.ts): the real clientRouter on a
 * temporary dist folder (the server child only serves client/dist when it has been built), with
 * raw request paths a browser would normalise away.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRouter } from '../../server/http/client.js';

let root: string;
let server: Server;
let port: number;

/** GET with the path exactly as given (no URL normalisation). */
const rawGet = (path: string) =>
  new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tavlen-static-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tavlen</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dist, '.env'), 'SECRET=dotfile');
  writeFileSync(join(root, 'secret.txt'), 'SECRET=outside');
  const app = express();
  app.use(clientRouter(dist)!);
  await new Promise<void>((res) => {
    server = app.listen(0, '127.0.0.1', () => res());
  });
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((res) => server.close(res));
  rmSync(root, { recursive: true, force: true });
});

describe('adversarial: static files', () => {
  it('serves the build, but nothing outside it, no dotfiles, and no redirect to another host', async () => {
    expect((await rawGet('/assets/app.js')).body).toBe('console.log(1)');
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%252e%252e/%252e%252e/secret.txt',
      '/..\\secret.txt',
      '/.env',
      '/assets/../.env',
      '/%00../secret.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.body, path).not.toContain('SECRET');
      expect(res.status, path).toBeLessThan(500);
    }
    // A directory redirect must stay on this host (no //evil.example open redirect).
    for (const path of ['//evil.example/assets', '/assets', '//evil.example/%2e%2e']) {
      const res = await rawGet(path);
      if (res.location) expect(res.location, path).toMatch(/^\/(?!\/)/);
    }
  });
});
