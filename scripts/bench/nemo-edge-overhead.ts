/**
 * @module nemo-edge-overhead (bench)
 * What the edge adds to a remote (nemo) chat turn, measured in one run on this machine against
 * the fake upstream served by node: the same turn read straight from the upstream's `/run_sse`
 * and read through the Worker (`wrangler dev`, ENGINE=nemo, `POST /api/sessions/:id/messages`).
 * Figures (medians of {@link RUNS} alternating runs, after one warm-up each):
 * - time to the first reply text (first partial ADK frame with text vs first `text-delta`),
 * - total stream time (upstream body end vs our `done`, which includes the state read after it),
 * - delta spread (first→last text delta), to show events are passed on as they arrive, not buffered.
 * At two paces: frames 200 ms apart (slower than the session room's typing pace,
 * `TYPING_DELAY_MS` = 100 ms between deltas, so any gap is the edge's) and 40 ms apart (faster:
 * there the typing pace spaces the deltas on purpose).
 * Target (issue #3): first-text ratio ≤ 1.10 and no added buffering. Never fails on a figure.
 */
import { readTimed } from '../lib/read-timed-sse';
import { startApp } from '../lib/start-app';
import { serveFakeUpstream } from '../../test/fake-upstream/serve-fake-upstream';

/** Measured runs per path (alternating), after one warm-up each. */
const RUNS = 7;

/** One stream's timings, ms from the request. */
interface StreamTiming {
  firstTextMs: number;
  totalMs: number;
  deltaSpreadMs: number;
  deltas: number;
}

function timing(textTimes: number[], totalMs: number): StreamTiming {
  const first = textTimes[0] ?? Number.NaN;
  return {
    firstTextMs: first,
    totalMs,
    deltaSpreadMs: (textTimes.at(-1) ?? first) - first,
    deltas: textTimes.length,
  };
}

async function direct(
  base: string,
  token: string,
  sessionId: string,
  text: string,
): Promise<StreamTiming> {
  const started = performance.now();
  const response = await fetch(`${base}/run_sse`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'X-Skill-Source': 'bench',
      'X-Skill-Version': '1',
      'X-Skill-Platform': 'node',
    },
    body: JSON.stringify({
      app_name: 'nemo_agent',
      session_id: sessionId,
      new_message: { role: 'user', parts: [{ text }] },
    }),
  });
  const textTimes: number[] = [];
  const total = await readTimed(response, started, (data, _event, at) => {
    if (data.includes('"partial":true') && data.includes('"text"')) textTimes.push(at);
  });
  return timing(textTimes, total);
}

async function throughWorker(
  appUrl: string,
  cookie: string,
  sessionId: string,
  text: string,
): Promise<StreamTiming> {
  const started = performance.now();
  const response = await fetch(`${appUrl}/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const textTimes: number[] = [];
  const total = await readTimed(response, started, (_data, event, at) => {
    if (event === 'text-delta') textTimes.push(at);
  });
  return timing(textTimes, total);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs the edge-overhead benchmark and prints its figures. */
export async function benchNemoEdgeOverhead(): Promise<void> {
  const upstream = await serveFakeUpstream(0);
  const app = await startApp({ vars: { ENGINE: 'nemo', NEMO_API_BASE: upstream.url } });
  try {
    // Direct client: its own token and session.
    const tokenAnswer = await fetch(`${upstream.url}/api/auth/anonymous-token`, {
      method: 'POST',
      headers: { 'X-Client-Id': crypto.randomUUID() },
    });
    const token = String(((await tokenAnswer.json()) as { data: { token: string } }).data.token);
    const sessionAnswer = await fetch(`${upstream.url}/api/tasks/me/with-session/nemo_agent`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ task_name: 'project', language: 'en' }),
    });
    const upstreamSession = String(
      ((await sessionAnswer.json()) as { data: { session_id: string } }).data.session_id,
    );
    // Worker client: a visitor cookie and a session.
    const created = await fetch(`${app.url}/api/sessions`, { method: 'POST' });
    const cookie = (created.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const session = String(((await created.json()) as { session: { id: string } }).session.id);

    await direct(
      upstream.url,
      token,
      upstreamSession,
      'Generate a 10-second video about "Urban Dreams" [talk]',
    );
    await throughWorker(
      app.url,
      cookie,
      session,
      'Generate a 10-second video about "Urban Dreams" [talk]',
    );
    // Two paces: 200 ms between frames (`[slow]`, slower than the session room's typing pace, so
    // any gap is the edge's) and the fake's default 40 ms (faster than the typing pace).
    for (const [label, keyword] of [
      ['frames every 200 ms', '[slow]'],
      ['frames every 40 ms', ''],
    ] as const) {
      const prompt = (i: number): string =>
        `Generate a ${10 + i}-second video about "Take ${i}" [talk] ${keyword}`;
      const directRuns: StreamTiming[] = [];
      const workerRuns: StreamTiming[] = [];
      for (let i = 0; i < RUNS; i++) {
        directRuns.push(await direct(upstream.url, token, upstreamSession, prompt(i)));
        workerRuns.push(await throughWorker(app.url, cookie, session, prompt(i)));
      }
      const row = (name: string, runs: StreamTiming[]) => ({
        name,
        first: median(runs.map((r) => r.firstTextMs)),
        total: median(runs.map((r) => r.totalMs)),
        spread: median(runs.map((r) => r.deltaSpreadMs)),
        deltas: median(runs.map((r) => r.deltas)),
      });
      const a = row('straight from the fake upstream', directRuns);
      const b = row('through the Worker (ENGINE=nemo)', workerRuns);
      console.log(`\n${label}: ${RUNS} runs each (medians)`);
      for (const r of [a, b]) {
        console.log(
          `${r.name.padEnd(36)} first text ${r.first.toFixed(1).padStart(7)} ms  total ${r.total.toFixed(1).padStart(7)} ms  delta spread ${r.spread.toFixed(1).padStart(6)} ms  deltas ${r.deltas}`,
        );
      }
      console.log(
        `ratio first text (worker/direct): ${(b.first / a.first).toFixed(2)} (target ≤ 1.10)`,
      );
      console.log(`ratio total stream (worker/direct): ${(b.total / a.total).toFixed(2)}`);
      console.log(
        `delta spread difference: ${(b.spread - a.spread).toFixed(1)} ms (≈ 0: events passed on as they arrive)`,
      );
    }
  } finally {
    await app.stop();
    await upstream.close();
  }
}
