/**
 * Builds the SPA from `web/` into `dist/` (served by the Worker's static assets), and for
 * `npm run dev` serves it with HMR, proxying `/api` to `wrangler dev` on :8787.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

/** Entries: the SPA, the widget page (/embed) and the widget loader, which hosts load as a plain `/widget.js`. */
const ENTRIES = {
  main: fileURLToPath(new URL('./web/index.html', import.meta.url)),
  embed: fileURLToPath(new URL('./web/embed.html', import.meta.url)),
  widget: fileURLToPath(new URL('./web/widget/widget.ts', import.meta.url)),
};

export default defineConfig({
  root: 'web',
  // web/public holds `_headers` (the SPA refuses to be framed), copied to dist/ as is.
  publicDir: 'public',
  plugins: [preact()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      input: ENTRIES,
      // The loader keeps a stable name (sites link to it); everything else is content-hashed.
      output: { entryFileNames: (chunk) => (chunk.name === 'widget' ? 'widget.js' : 'assets/[name]-[hash].js') },
    },
  },
  worker: { format: 'es' },
  // Pre-bundled up front so the dev server does not reload the page when the renderer first loads.
  optimizeDeps: { include: ['mediabunny', '@mediabunny/aac-encoder', 'lucide', 'zod'] },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8787' },
  },
});
