/**
 * @module load (bench)
 * Many visitors at once against the built app under `wrangler dev` (loopback only): for each N in
 * {@link VISITOR_COUNTS} (or `LOAD_VISITORS=100,300`), N visitors start together; each mints its
 * own visitor (its own cookie), creates a session, sends a prompt (with a `clientMessageId`) and
 * reads the SSE turn to `done`. A `503` with `Retry-After` is waited out and re-sent with the
 * SPA's own code (web/app/net/retry-when-busy.ts; bounded tries, and each visitor gives up after
 * {@link VISITOR_DEADLINE_MS}); a stream that ends before `done` is resumed with `Last-Event-ID`.
 * `LOAD_VERBOSE=1` prints wrangler's output.
 *
 * Prints per N: turns completed and failed, events lost (every session's seqs must run 1, 2, …
 * without a gap or repeat and end in one `done`), 503s seen and retried (our turn gate's `busy`
 * apart from the local runtime's "Your worker restarted mid-request"), p50/p95 turn time (from
 * the first send to `done`, retries included), workerd's peak RSS and CPU time, and the wall
 * time. Benchmarks measure; they never fail on a figure.
 */
import { createParser } from 'eventsource-parser';
import { Agent } from 'undici';
import { startApp } from '../lib/start-app';
import { cpuMsOf, sampleRss } from '../lib/process-memory';
import { type ApiError, apiErrorFromResponse } from '../../web/app/api-error';
import { isBusy, retryWhenBusy } from '../../web/app/net/retry-when-busy';

/** Visitors at once, one run each (issue 10: the goal is 400 with no failed turn). */
const VISITOR_COUNTS = (process.env.LOAD_VISITORS ?? '100,200,400,800').split(',').map(Number);
/** The prompt each visitor sends: a new explainer, a typical first turn. */
const PROMPT = 'make a 20-second explainer about saving water at home';
/** Most resumes of one turn's stream after it ended before `done`. */
const MAX_RESUMES = 5;
/** One visitor gives up after this long, ms, so the run always ends by itself. */
const VISITOR_DEADLINE_MS = 300_000;
/** workerd's processes, under wrangler's process group. */
const WORKERD = 'workerd';
const MIB = 1_048_576;

/** What happened to one visitor. */
interface VisitorOutcome {
  ok: boolean;
  failure: string | null;
  turnMs: number;
  /** Our turn gate's 503 `busy` + `Retry-After`, each retried. */
  busy503: number;
  /** The local runtime's 503 ("Your worker restarted mid-request", `Retry-After: 0`), each retried. */
  runtime503: number;
  /** 503 without `Retry-After`: not retried (the turn fails). */
  other503: number;
  /** Which requests got the runtime's 503 (`POST /sessions`, `POST …/messages`, `GET …/events`). */
  runtime503Routes: string[];
  lostEvents: number;
  resumes: number;
}

/**
 * One HTTP client for every visitor: no connection cap (a browser's is per visitor), and no
 * keep-alive (`pipelining: 0`: each request on its own connection, as N browsers would have).
 */
const dispatcher = new Agent({
  connections: null,
  pipelining: 0,
  headersTimeout: VISITOR_DEADLINE_MS,
  bodyTimeout: VISITOR_DEADLINE_MS,
});

/** A visitor's turn went wrong in a way the SPA would show as an error. */
class VisitorFailure extends Error {}

/** A visitor with its own cookie, counting the 503s it sees. */
class Visitor {
  cookie = '';
  busy503 = 0;
  runtime503 = 0;
  other503 = 0;
  readonly runtime503Routes: string[] = [];
  readonly #deadline = Date.now() + VISITOR_DEADLINE_MS;

  constructor(private readonly baseUrl: string) {}

  /**
   * Fetches `path`, waiting out and re-sending a `503` + `Retry-After` exactly as the SPA does
   * (web/app/net/retry-when-busy.ts: bounded tries); throws on any other failure, or when the visitor's
   * deadline passed.
   */
  async fetch(
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const deadline = AbortSignal.timeout(Math.max(0, this.#deadline - Date.now()));
    return retryWhenBusy(async () => {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (this.cookie !== '') headers.cookie = this.cookie;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        headers,
        dispatcher,
        signal: deadline,
      } as RequestInit);
      const setCookie = response.headers.get('set-cookie');
      if (setCookie !== null) this.cookie = setCookie.split(';')[0] ?? '';
      if (response.ok) return response;
      const error = await apiErrorFromResponse(response);
      if (response.status === 503)
        this.#count503(
          error,
          `${init.method ?? 'GET'} …/${path.split('?')[0]?.split('/').at(-1) ?? ''}`,
        );
      throw error;
    }, deadline);
  }

  #count503(error: ApiError, route: string): void {
    if (!isBusy(error)) this.other503 += 1;
    else if (error.code === 'busy') this.busy503 += 1;
    else {
      this.runtime503 += 1;
      this.runtime503Routes.push(route);
    }
  }
}

/** Reads an SSE body into `seqs`/`types`; resolves when it ends. */
async function readTurn(response: Response, seqs: number[], types: string[]): Promise<void> {
  const parser = createParser({
    onEvent: (message) => {
      seqs.push(Number(message.id));
      types.push(message.event ?? 'message');
    },
  });
  const decoder = new TextDecoder();
  if (response.body === null) throw new VisitorFailure('an SSE answer without a body');
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    parser.feed(decoder.decode(next.value, { stream: true }));
}

/** One visitor: mint, create a session, send the prompt, read the turn to `done`. */
async function runVisitor(baseUrl: string, message: string): Promise<VisitorOutcome> {
  const visitor = new Visitor(baseUrl);
  const seqs: number[] = [];
  const types: string[] = [];
  let resumes = 0;
  let started = 0;
  try {
    const created = (await (await visitor.fetch('/api/sessions', { method: 'POST' })).json()) as {
      session: { id: string };
    };
    const sessionId = created.session.id;
    started = performance.now();
    const answer = await visitor.fetch(`/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: message, clientMessageId: crypto.randomUUID() }),
      headers: { accept: 'text/event-stream' },
    });
    await readTurn(answer, seqs, types).catch(() => undefined);
    while (!types.includes('done')) {
      resumes += 1;
      if (resumes > MAX_RESUMES) throw new VisitorFailure('the turn never reached done');
      const last = seqs.at(-1) ?? 0;
      const resumed = await visitor.fetch(`/api/sessions/${sessionId}/events`, {
        headers: { accept: 'text/event-stream', 'last-event-id': String(last) },
      });
      await readTurn(resumed, seqs, types).catch(() => undefined);
    }
    const turnMs = performance.now() - started;
    const lostEvents = countLost(seqs, types);
    return {
      ok: lostEvents === 0,
      failure: lostEvents === 0 ? null : 'events lost',
      turnMs,
      busy503: visitor.busy503,
      runtime503: visitor.runtime503,
      other503: visitor.other503,
      runtime503Routes: visitor.runtime503Routes,
      lostEvents,
      resumes,
    };
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      failure,
      turnMs: started === 0 ? 0 : performance.now() - started,
      busy503: visitor.busy503,
      runtime503: visitor.runtime503,
      other503: visitor.other503,
      runtime503Routes: visitor.runtime503Routes,
      lostEvents: countLost(seqs, types),
      resumes,
    };
  }
}

/** Events missing or repeated: seqs of a fresh session must be 1..n in order, with one `done`, last. */
function countLost(seqs: number[], types: string[]): number {
  if (seqs.length === 0) return 0;
  const last = Math.max(...seqs);
  const distinct = new Set(seqs).size;
  const missing = last - distinct;
  const repeated = seqs.length - distinct;
  const doneWrong =
    types.filter((type) => type === 'done').length === 1 && types.at(-1) === 'done' ? 0 : 1;
  return missing + repeated + doneWrong;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/** Runs the load benchmark and prints its figures. */
export async function benchLoad(): Promise<void> {
  if (VISITOR_COUNTS.some((count) => !Number.isInteger(count) || count < 1))
    throw new Error('LOAD_VISITORS must be whole numbers, e.g. 100,200');
  console.log(
    `bench: N visitors at once (mint, session, prompt, read the turn to done); load average now: ${(
      await import('node:os')
    )
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    '    N  completed  failed  lost  503 busy  503 runtime  503 other  resumes  p50 turn  p95 turn  workerd RSS peak  workerd CPU  wall',
  );
  for (const count of VISITOR_COUNTS) {
    // A fresh app per N, so one run's sessions do not weigh on the next.
    const app = await startApp({
      vars: { NEW_VISITORS_PER_IP_PER_HOUR: '100000' },
      verbose: process.env.LOAD_VERBOSE === '1',
    });
    try {
      if (app.pid === undefined) throw new Error('wrangler has no pid');
      const rss = sampleRss(app.pid, WORKERD);
      const cpuBeforeMs = cpuMsOf(app.pid, WORKERD);
      const startedMs = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: count }, () => runVisitor(app.url, PROMPT)),
      );
      const { peakBytes } = rss.stop();
      const cpuMs = cpuMsOf(app.pid, WORKERD) - cpuBeforeMs;
      const wallMs = performance.now() - startedMs;
      const completed = outcomes.filter((outcome) => outcome.ok);
      const times = completed.map((outcome) => outcome.turnMs).sort((a, b) => a - b);
      const sum = (pick: (outcome: VisitorOutcome) => number): number =>
        outcomes.reduce((total, outcome) => total + pick(outcome), 0);
      console.log(
        `${String(count).padStart(5)}  ${String(completed.length).padStart(9)}  ${String(count - completed.length).padStart(6)}  ${String(sum((o) => o.lostEvents)).padStart(4)}` +
          `  ${String(sum((o) => o.busy503)).padStart(8)}  ${String(sum((o) => o.runtime503)).padStart(11)}  ${String(sum((o) => o.other503)).padStart(9)}  ${String(sum((o) => o.resumes)).padStart(7)}` +
          `  ${(percentile(times, 50) / 1000).toFixed(1).padStart(6)} s  ${(percentile(times, 95) / 1000).toFixed(1).padStart(6)} s  ${(peakBytes / MIB).toFixed(0).padStart(8)} MiB  ${(cpuMs / 1000).toFixed(1).padStart(9)} s  ${(wallMs / 1000).toFixed(0).padStart(3)} s`,
      );
      const failures = new Map<string, number>();
      for (const outcome of outcomes)
        if (outcome.failure !== null)
          failures.set(outcome.failure, (failures.get(outcome.failure) ?? 0) + 1);
      for (const [failure, times] of failures) console.log(`       ${times} × ${failure}`);
      const routes = new Map<string, number>();
      for (const route of outcomes.flatMap((outcome) => outcome.runtime503Routes))
        routes.set(route, (routes.get(route) ?? 0) + 1);
      if (routes.size > 0)
        console.log(
          `       runtime 503s by request: ${[...routes].map(([route, times]) => `${route} ${times}`).join(', ')}`,
        );
    } finally {
      await app.stop();
    }
  }
}
