import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The client lives in client/; the server serves client/dist in production and
// proxies nothing: in development run `npm run dev` (server on 3000, Vite on 5173 with proxy).
export default defineConfig({
  root: 'client',
  // Brotli and gzip copies of every asset at build time, served as they are (server/http/client.ts).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
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
