/**
 * Builds the server into one ES module, dist/server/index.js, which `npm start` and the test
 * fixture run with plain Node. Starting from compiled JavaScript instead of a TypeScript
 * loader, with the dependencies bundled in, cuts restart → listening from seconds to well
 * under one (`npm run bench:startup`; issue #15): after a crash every client waits for it.
 *
 * Left outside the bundle: native addons, and packages that read their own files from disk
 * at run time (pdfkit's font metrics) or are optional native speed-ups of `ws`.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pdfkit', 'bufferutil', 'utf-8-validate', 'pg-native'];

export async function buildServer(): Promise<void> {
  // Chunk names carry a hash: without a clean start, every change left its old chunks behind.
  rmSync('dist/server', { recursive: true, force: true });
  await build({
    entryPoints: { index: 'server/index.ts' },
    outdir: 'dist/server',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // What start-up does not need (PostgreSQL, Redis, PDF rendering) is imported dynamically
    // and lands in chunk files parsed only when used: restart → listening pays for less code.
    splitting: true,
    chunkNames: '[name]-[hash]',
    target: 'node20',
    sourcemap: true,
    // Whitespace and comments out, names kept (stack traces still name the functions): V8
    // holds every module's source in memory, and the comments of the bundled dependencies
    // (some not ASCII, which makes V8 store the whole text two bytes a character) made the
    // server's source 9 MB of heap at rest (issue #15, RSS).
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    // CommonJS dependencies (express, …) call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __tavlenRequire } from 'node:module'; const require = __tavlenRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

/** Vitest global set-up: integration and browser tests run the freshly built server. */
export default async function setup(): Promise<void> {
  await buildServer();
}

if (process.argv[1]?.endsWith('build-server.ts')) await buildServer();
