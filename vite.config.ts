import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/** Server paths: never the app shell, never answered by the service worker. */
const SERVER_PATHS = [/^\/api\//, /^\/yjs/, /^\/socket\.io\//, /^\/healthz/];

// The client lives in client/; the server serves client/dist in production and
// proxies nothing: in development run `npm run dev` (server on 3000, Vite on 5173 with proxy).
export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // An installable app that starts without the network (issue #16, N7; docs/operations.md
    // "Når nettet eller systemet er nede"): the service worker precaches the app shell — the
    // HTML, every JS chunk (the lazy ones too) and CSS — and answers page loads with it.
    // It caches no API or websocket answer: the board's last copy is the client's own
    // (y-indexeddb, the wall's projection cache), which sign-out deletes.
    VitePWA({
      registerType: 'autoUpdate',
      // a file of its own (the CSP allows no inline script)
      injectRegister: 'script',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Tavlen',
        short_name: 'Tavlen',
        description: 'Den digitale tavle for hjemmeplejens forløb',
        lang: 'da',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // the icons, favicon and manifest come in through includeAssets and the manifest
        globPatterns: ['**/*.{js,css,html}'],
        // the precompressed copies are the same files; source maps are never shipped
        globIgnores: ['**/*.map', '**/*.br', '**/*.gz'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
      // never in `npm run dev`: a stale shell while developing helps no one
      devOptions: { enabled: false },
    }),
    // Brotli and gzip copies of every asset at build time, served as they are (server/http/client.ts).
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  // No source maps in the build: they would publish the whole client source.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/yjs': { target: 'ws://localhost:3000', ws: true },
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
