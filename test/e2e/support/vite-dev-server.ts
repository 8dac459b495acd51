/**
 * @module vite-dev-server (e2e support)
 * Serves `web/` with the project's Vite config in this process (no build, no API), for browser
 * tests that import browser modules directly, e.g. `import('/render/render-video.ts')`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin, type ViteDevServer } from 'vite';

/** The project folder (this file is `test/e2e/support/vite-dev-server.ts`). */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Dependencies the browser modules import, pre-bundled at start-up: otherwise Vite discovers them
 * on first import and reloads the page in the middle of a test.
 */
const PREBUNDLED_DEPENDENCIES = ['mediabunny', '@mediabunny/aac-encoder', 'lucide', 'zod'];

/** Path of the empty HTML page served for tests (Vite's own 404 page forbids scripts by CSP). */
const BLANK_PAGE_PATH = '/__blank__';

function blankPage(): Plugin {
  return {
    name: 'reelwright-test-blank-page',
    configureServer(server) {
      server.middlewares.use(BLANK_PAGE_PATH, (_request, response) => {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end('<!doctype html><meta charset="utf-8"><title>blank</title>');
      });
    },
  };
}

/** A Vite dev server started for a test: its URL and how to stop it. */
export interface RunningViteServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /** A URL on the server that returns an empty page (a secure origin for WebCodecs). */
  blankPageUrl: string;
  close(): Promise<void>;
}

/** Options of {@link startViteDevServer}. */
export interface ViteDevServerOptions {
  /** Forward `/api` to this app (e.g. `startApp().url`), so modules can call the real edge same-origin. */
  apiProxy?: string;
}

/**
 * Starts a Vite dev server for `web/` on a free loopback port.
 * @throws Error when the server cannot start or reports no address
 */
export async function startViteDevServer(
  options: ViteDevServerOptions = {},
): Promise<RunningViteServer> {
  const server: ViteDevServer = await createServer({
    configFile: path.join(PROJECT_DIR, 'vite.config.ts'),
    root: path.join(PROJECT_DIR, 'web'),
    // No SPA fallback: the app's index.html is not loaded, only the modules a test imports.
    appType: 'custom',
    // Its own pre-bundle cache, so it never rewrites the one `npm run dev` is using.
    cacheDir: path.join(PROJECT_DIR, 'node_modules/.vite-e2e'),
    logLevel: 'warn',
    clearScreen: false,
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      watch: null,
      ...(options.apiProxy
        ? { proxy: { '/api': { target: options.apiProxy, changeOrigin: true } } }
        : {}),
    },
    optimizeDeps: { include: PREBUNDLED_DEPENDENCIES },
    plugins: [blankPage()],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('the Vite dev server reported no TCP address');
  }
  const url = `http://127.0.0.1:${address.port}`;
  return { url, blankPageUrl: `${url}${BLANK_PAGE_PATH}`, close: () => server.close() };
}
