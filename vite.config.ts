/**
 * Builds the SPA from `web/` into `dist/` (served by the Worker's static assets), and for
 * `npm run dev` serves it with HMR, proxying `/api` to `wrangler dev` on :8787.
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { staticAssetHeaders } from './shared/security-policy';
import { NOTICES_FILE, thirdPartyNotices } from './scripts/lib/third-party-notices';
import { stripEspeakWasm } from './scripts/lib/strip-espeak-wasm';

/** Entries: the SPA, the widget page (/embed), the widget loader, which hosts load as a plain `/widget.js`, and the render worker's page. */
const ENTRIES = {
  main: fileURLToPath(new URL('./web/index.html', import.meta.url)),
  embed: fileURLToPath(new URL('./web/embed.html', import.meta.url)),
  widget: fileURLToPath(new URL('./web/widget/widget.ts', import.meta.url)),
  // The render worker's page, opened only by `npm run render-worker` (scripts/render-worker.ts).
  renderWorker: fileURLToPath(new URL('./web/render-worker.html', import.meta.url)),
};

/** The ffmpeg.wasm core's wasm as Vite emits it (`web/app/media/convert-media.ts` imports it with `?url`). */
const FFMPEG_WASM_ASSET = /(?:^|\/)ffmpeg-core-[\w-]+\.wasm$/;

/**
 * Stores the ffmpeg.wasm core (~31 MiB) gzipped (~10 MiB) as `…wasm.gz`: Workers static assets
 * are at most 25 MiB each (wrangler refuses a bigger file), and the page gunzips it itself
 * (`convert-media.ts`). Every chunk naming the asset is pointed at the new name.
 */
function gzipFfmpegWasm(): Plugin {
  return {
    name: 'reelwright:gzip-ffmpeg-wasm',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'asset' || !FFMPEG_WASM_ASSET.test(fileName)) continue;
        const source =
          typeof output.source === 'string' ? Buffer.from(output.source) : output.source;
        delete bundle[fileName];
        this.emitFile({ type: 'asset', fileName: `${fileName}.gz`, source: gzipSync(source) });
        const name = basename(fileName);
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk') chunk.code = chunk.code.replaceAll(name, `${name}.gz`);
        }
      }
    },
  };
}

/** eSpeak NG's wasm as Vite emits it (`web/narration/speech-worker.ts` imports it with `?url`). */
const ESPEAK_WASM_ASSET = /(?:^|\/)espeak-ng-[\w-]+\.wasm$/;

/**
 * Emits eSpeak NG's wasm without the data files our voices never read (18.5 MB → ~2.9 MB,
 * scripts/lib/strip-espeak-wasm.ts), under a name hashed from the stripped bytes; the speech
 * worker's chunk is pointed at the new name. A plugin of the worker build, which emits it.
 */
function stripEspeakWasmAsset(): Plugin {
  return {
    name: 'reelwright:strip-espeak-wasm',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'asset' || !ESPEAK_WASM_ASSET.test(fileName)) continue;
        const source =
          typeof output.source === 'string' ? Buffer.from(output.source) : output.source;
        const stripped = await stripEspeakWasm(source);
        const hash = createHash('sha256').update(stripped).digest('base64url').slice(0, 8);
        const name = `espeak-ng-${hash}.wasm`;
        delete bundle[fileName];
        this.emitFile({
          type: 'asset',
          fileName: `${dirname(fileName)}/${name}`,
          source: stripped,
        });
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk') chunk.code = chunk.code.replaceAll(basename(fileName), name);
        }
      }
    },
  };
}

/**
 * Writes `dist/_headers` (the static assets' Content-Security-Policy, nosniff, referrer policy
 * and framing refusal) from shared/security-policy.ts, the policy the Worker also sends.
 */
function emitSecurityHeaders(): Plugin {
  return {
    name: 'reelwright:security-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: staticAssetHeaders() });
    },
  };
}

/** Licence notices of every package the browser downloads (page and Web Worker bundles). */
const notices = thirdPartyNotices(
  fileURLToPath(new URL(`./dist/${NOTICES_FILE}`, import.meta.url)),
);

export default defineConfig({
  root: 'web',
  // No public folder: the only file that is not built, `_headers`, is written by emitSecurityHeaders.
  publicDir: false,
  plugins: [preact(), gzipFfmpegWasm(), emitSecurityHeaders(), notices.page],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      input: ENTRIES,
      // The loader keeps a stable name (sites link to it); everything else is content-hashed.
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'widget' ? 'widget.js' : 'assets/[name]-[hash].js',
        // zod (its core and `zod/mini`, all the browser uses) and web/zod-jitless.ts in one chunk,
        // so zod is configured before any chunk builds a schema: otherwise its `new Function` probe
        // runs first and the page's CSP reports it.
        codeSplitting: {
          groups: [
            {
              name: 'zod',
              test: /[\\/]node_modules[\\/]zod[\\/](?:mini|v4[\\/](?:core|mini|locales))[\\/]|[\\/]web[\\/]zod-jitless\.ts$/,
            },
          ],
        },
      },
    },
  },
  worker: { format: 'es', plugins: () => [notices.worker(), stripEspeakWasmAsset()] },
  // Pre-bundled up front so the dev server does not reload the page when the renderer first loads.
  // ffmpeg.wasm starts its own worker from `new URL('./worker.js', import.meta.url)`, which pre-bundling would break.
  optimizeDeps: {
    include: ['mediabunny', '@mediabunny/aac-encoder', 'lucide', 'zod'],
    exclude: ['@ffmpeg/ffmpeg'],
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8787' },
  },
});
