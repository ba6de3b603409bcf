import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';

/**
 * How the built client travels (issue #12, "Delivery"): precompressed at build (brotli, gzip)
 * and sent as such to browsers that accept it, hashed assets cached for a year as immutable,
 * the page itself always revalidated, and no source maps to read the client's source from.
 * Needs the built client (npm test builds it before the tests run).
 */
let srv: TestServer;

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

/** A raw GET (fetch would decompress and hide the encoding), with the body's size in bytes. */
function get(
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${srv.baseUrl}${path}`,
      { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: all.length, body: all.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('delivery of the client', () => {
  it('sends the main bundle as brotli or gzip as the browser accepts, cached for good; the page revalidates', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();

    const plain = await get(script!);
    const br = await get(script!, 'gzip, deflate, br');
    const gz = await get(script!, 'gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    for (const r of [plain, br, gz]) {
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // What goes over the wire: a third of the bundle or less.
    expect(br.bytes).toBeLessThan(plain.bytes / 3);
    expect(gz.bytes).toBeLessThan(plain.bytes / 2);
    console.info(`main bundle: ${plain.bytes} B, brotli ${br.bytes} B, gzip ${gz.bytes} B`);
  });

  it('publishes no source maps', async () => {
    const page = await get('/');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(page.body)![1]!;
    const map = await get(`${script}.map`);
    // An unknown path gets the app's page (client-side routes), never a map.
    expect(map.body).not.toContain('"mappings"');
    expect((await get(script)).body).not.toContain('sourceMappingURL');
  });
});
