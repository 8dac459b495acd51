/**
 * @module serve-fake-upstream
 * `npm run fake-upstream`: serves the fake remote API (./fake-upstream.ts) on a local port so
 * the whole app can be tried against it by hand:
 *
 * ```
 * npm run fake-upstream            # http://127.0.0.1:8790 (PORT=… to change)
 * npm run fake-upstream -- --mode=stock-adk   # or FAKE_UPSTREAM_MODE=stock-adk: like `adk api_server`
 * # in wrangler.toml [vars] (or .dev.vars): ENGINE = "nemo", NEMO_API_BASE = "http://127.0.0.1:8790"
 * npm start
 * ```
 * A tiny node:http ↔ fetch adapter (no extra dependency); responses are streamed chunk by
 * chunk, so the chat stream arrives as the fake writes it. Finished renders serve the real
 * H.264 MP4 as long as the draft, `test/fixtures/render-<s>s.mp4` (4, 10, 12, 20 and 30 s; a
 * draft of another length fails upstream naming the missing file, see test/fixtures/README.md).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeUpstream } from './fake-upstream';
import type { FakeUpstream, FakeUpstreamMode } from './fake-upstream';

/** Default port: next to wrangler dev's 8787 and the demo host's 8788. */
export const DEFAULT_FAKE_PORT = 8790;
/** Frame and heartbeat pacing by hand, ms: slow enough to watch the reply stream in. */
export const HAND_FRAME_DELAY_MS = 40;
export const HAND_HEARTBEAT_DELAY_MS = 500;

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The fixture `render-<s>s.mp4` lasting `durationMs`.
 * @throws Error naming the missing file when there is none that long
 */
export function readRenderFixture(durationMs: number): Uint8Array {
  const file = path.join(here, '..', 'fixtures', `render-${durationMs / 1_000}s.mp4`);
  if (!existsSync(file))
    throw new Error(
      `no render fixture lasts ${durationMs} ms: make ${path.basename(file)} as test/fixtures/README.md says`,
    );
  return new Uint8Array(readFileSync(file));
}

/** Turns a node request into a fetch `Request` (body streamed). */
function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const controller = new AbortController();
  req.on('close', () => controller.abort());
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    // Node's fetch needs this for a streamed request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a fetch `Response` to a node response, flushing every chunk as it comes. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/**
 * The fake's mode from `--mode=<mode>` in `argv` or else `FAKE_UPSTREAM_MODE` in `env`.
 * @throws Error for a mode the fake does not have
 */
export function fakeModeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): FakeUpstreamMode {
  const flag = argv.find((arg) => arg.startsWith('--mode='))?.slice('--mode='.length);
  const mode = flag ?? env.FAKE_UPSTREAM_MODE ?? 'hosted';
  if (mode !== 'hosted' && mode !== 'stock-adk')
    throw new Error(`unknown fake upstream mode "${mode}" (hosted or stock-adk)`);
  return mode;
}

/**
 * Starts the fake on `port` (0 = any free port) and resolves with its base URL and a close function.
 * @param mode how its `/run_sse` behaves (see fake-upstream's module doc).
 */
export async function serveFakeUpstream(
  port: number,
  mode: FakeUpstreamMode = 'hosted',
  fake: FakeUpstream = createFakeUpstream({
    mode,
    frameDelayMs: HAND_FRAME_DELAY_MS,
    heartbeatDelayMs: HAND_HEARTBEAT_DELAY_MS,
    renderFile: readRenderFixture,
  }),
): Promise<{ url: string; fake: FakeUpstream; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? `127.0.0.1:${port}`}`;
    Promise.resolve(fake.app.fetch(toRequest(req, origin)))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        console.error('fake upstream: request failed', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    fake,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  const port = Number(process.env.PORT ?? DEFAULT_FAKE_PORT);
  const mode = fakeModeFrom(process.argv.slice(2), process.env);
  const { url } = await serveFakeUpstream(port, mode);
  console.log(`fake nemo upstream (${mode}) on ${url}  (ENGINE=nemo NEMO_API_BASE=${url})`);
  console.log(
    'keywords in chat: [silent] [talk] [error:CODE] [error-once:CODE] [stream-error] [cut] [hang] [hang-headers] [heartbeats:N] [slow] [render-file:html] [render-file:Ns] [tool-ms:N] (stock-adk)',
  );
}
