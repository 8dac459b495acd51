/**
 * @module demo-host
 * A marketing page on a second local origin that embeds the widget with one tag, for trying it
 * by hand (`npm run demo-host -- --app http://127.0.0.1:8787`, then open
 * http://localhost:8788) and for the browser tests and the bench (`startDemoHost`).
 *
 * The page is served on `localhost` while the app runs on `127.0.0.1`: different sites, so the
 * widget really is a third-party iframe (cookies partitioned, storage partitioned).
 * - `/` — the host page. Query options become the widget's `data-*` attributes (`theme`,
 *   `accent`, `lang`, `layout`, `aspect`, `placeholder`). Events are listed on the page and kept
 *   in `window.reelwrightEvents`; `window.reelwrightSend(command)` posts a command to the frame.
 * - `/intruder` — a page that posts a `prompt` to its parent's first frame from its own origin
 *   (the widget must ignore it); `/intruder?restore=<token>&session=<id>` keeps posting a
 *   `restore` with that identity instead (the widget must ignore that too).
 * - `/frame?src=<url>` — a page that only frames `src` (to check who may frame what).
 */
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Default port of `npm run demo-host` (EMBED_ALLOWED_ORIGINS in wrangler.toml allows it). */
export const DEMO_HOST_PORT = 8788;
/** Widget options the page passes through from its query string. */
const OPTION_NAMES = ['theme', 'accent', 'lang', 'layout', 'aspect', 'placeholder'] as const;

/** A running demo host. */
export interface DemoHost {
  /** e.g. `http://localhost:8788` */
  url: string;
  stop(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function hostPage(appUrl: string, query: URLSearchParams): string {
  const attributes = OPTION_NAMES.filter((name) => query.has(name))
    .map((name) => ` data-${name}="${escapeHtml(query.get(name) ?? '')}"`)
    .join('');
  const appOrigin = new URL(appUrl).origin;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Coffee — make a promo video</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#1d2230}
#log{font:12px/1.4 ui-monospace,monospace;background:#f3f4f8;padding:8px;max-height:200px;overflow:auto}</style>
</head><body>
<h1>Acme Coffee</h1>
<p>Make a promo video for your café, right here.</p>
<div id="reelwright" data-reelwright${attributes}></div>
<form id="send"><input id="prompt" aria-label="Prompt for the widget" size="60" value="a 15-second promo video for Acme Coffee">
<button>Send prompt to the widget</button> <button type="button" id="export">Export from the host</button></form>
<pre id="log" aria-label="Widget events"></pre>
<script>
window.reelwrightEvents = [];
const target = document.getElementById('reelwright');
for (const type of ['ready','draft-updated','render-progress','render-completed','error','persist','forget']) {
  target.addEventListener('reelwright:' + type, (event) => {
    window.reelwrightEvents.push(event.detail);
    if (type === 'ready') window.reelwrightReadyAt = performance.now();
    document.getElementById('log').textContent += JSON.stringify(event.detail).slice(0, 200) + '\\n';
  });
}
window.reelwrightSend = (command) => target.querySelector('iframe').contentWindow.postMessage(command, ${JSON.stringify(appOrigin)});
document.getElementById('send').addEventListener('submit', (event) => {
  event.preventDefault();
  window.reelwrightSend({ type: 'prompt', text: document.getElementById('prompt').value });
});
document.getElementById('export').addEventListener('click', () => window.reelwrightSend({ type: 'export' }));
window.loaderTagAt = performance.now();
</script>
<script src="${escapeHtml(appUrl)}/widget.js" async></script>
</body></html>`;
}

/** How often the intruder repeats its `restore`, ms: often enough to race the real host's answer. */
const INTRUDER_RESTORE_EVERY_MS = 20;

const INTRUDER_PAGE = `<!doctype html><html><body><script>
const query = new URLSearchParams(location.search);
if (query.has('restore')) {
  const restore = { type: 'restore', visitor: query.get('restore'), session: query.get('session'), render: null };
  setInterval(() => window.parent.frames[0].postMessage(restore, '*'), ${INTRUDER_RESTORE_EVERY_MS});
} else {
  window.parent.frames[0].postMessage({ type: 'prompt', text: 'make it vertical' }, '*');
  window.parent.frames[0].postMessage({ type: 'export' }, '*');
}
document.body.textContent = 'sent';
</script></body></html>`;

function framePage(src: string): string {
  return `<!doctype html><html><body><iframe id="framed" src="${escapeHtml(src)}" width="800" height="600"></iframe></body></html>`;
}

/**
 * Serves the demo host on `127.0.0.1:<port>` (default a free port) and resolves with its URL
 * on `localhost`. `appUrl` is the app's base URL (where `/widget.js` is).
 */
export async function startDemoHost(appUrl: string, port = 0): Promise<DemoHost> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const html =
      url.pathname === '/'
        ? hostPage(appUrl, url.searchParams)
        : url.pathname === '/intruder'
          ? INTRUDER_PAGE
          : url.pathname === '/frame'
            ? framePage(url.searchParams.get('src') ?? '')
            : null;
    response.writeHead(html === null ? 404 : 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { app: { type: 'string' }, port: { type: 'string' } } });
  const appUrl = values.app ?? 'http://127.0.0.1:8787';
  const host = await startDemoHost(appUrl, Number(values.port ?? DEMO_HOST_PORT));
  console.log(`demo host: ${host.url} (embeds ${appUrl}/widget.js; Ctrl+C stops)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
