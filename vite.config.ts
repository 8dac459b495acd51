/**
 * Builds the SPA from `web/` into `dist/` (served by the Worker's static assets), and for
 * `npm run dev` serves it with HMR, proxying `/api` to `wrangler dev` on :8787.
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
  },
  worker: { format: 'es' },
  // Pre-bundled up front so the dev server does not reload the page when the renderer first loads.
  optimizeDeps: { include: ['mediabunny', '@mediabunny/aac-encoder', 'lucide', 'zod'] },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8787' },
  },
});
