/**
 * @module director-turn (bench)
 * How fast the rules (embedded) director answers, measured in one run on this machine:
 * - its turn time in process (`runTurn`: read the message once, plan or edit, check the draft)
 *   for a new video from an 8,000-character script and for an edit of that video
 *   (goal: p95 ≤ 50 ms, issue 12);
 * - prompt → `draft` event through the edge (`wrangler dev`, default engine, `POST
 *   /api/sessions/:id/messages`, read as SSE), and the first reply `text-delta` after it
 *   (goal: draft ≤ 200 ms; the draft goes out before the typed reply).
 * Never fails on a figure.
 */
import type { Draft } from '../../shared/draft-schema';
import type { ChatTurnInput } from '../../functions/engine/engine';
import { runTurn } from '../../functions/engine/embedded/embedded-engine';
import { readTimed } from '../lib/read-timed-sse';
import { startApp } from '../lib/start-app';

/** In-process runs per case, after {@link WARM_UP_RUNS}: enough for a steady p95. */
const TURN_RUNS = 200;
const WARM_UP_RUNS = 20;
/** Chat turns through the edge, after one warm-up. */
const EDGE_RUNS = 15;
/** Length of the benched script, characters (issue 12). */
const SCRIPT_CHARS = 8_000;

const SENTENCES = [
  'Most teams lose hours every week hunting for the right file.',
  'Nimbus keeps every document in one secure cloud workspace.',
  'Search finds any page in a second, even inside scanned PDFs.',
  'Share a folder with a link and choose who may edit it.',
  'Every change is saved, so an old version is one click away.',
  'Setup takes five minutes and works on laptops and phones.',
  'Teams that switched spend their mornings on work, not on searching.',
];

/** A script of about `chars` characters, its sentences numbered so none repeats. */
function scriptOf(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const sentence = `${SENTENCES[i % SENTENCES.length]} Point ${i + 1}.`;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ').slice(0, chars);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

function report(label: string, times: readonly number[], goalMs: number): void {
  console.log(
    `${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms  max ${Math.max(
      ...times,
    )
      .toFixed(2)
      .padStart(7)} ms  (goal p95 ≤ ${goalMs} ms)`,
  );
}

/** Times of `turn()` over the runs, ms. */
function timeTurns(turn: () => unknown): number[] {
  for (let i = 0; i < WARM_UP_RUNS; i++) turn();
  const times: number[] = [];
  for (let i = 0; i < TURN_RUNS; i++) {
    const started = performance.now();
    turn();
    times.push(performance.now() - started);
  }
  return times;
}

function turnInput(text: string, draft: Draft | null): ChatTurnInput {
  return { text, draft, history: [], previousDrafts: draft ? [draft] : [], media: [], batch: null };
}

/** Times to the first `draft` and first `text-delta` of one turn through the edge, ms. */
async function edgeTurn(
  appUrl: string,
  cookie: string,
  sessionId: string,
  text: string,
): Promise<{ draftMs: number; firstDeltaMs: number }> {
  const started = performance.now();
  const response = await fetch(`${appUrl}/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  let draftMs = Number.NaN;
  let firstDeltaMs = Number.NaN;
  await readTimed(response, started, (_data, event, at) => {
    if (event === 'draft' && Number.isNaN(draftMs)) draftMs = at;
    if (event === 'text-delta' && Number.isNaN(firstDeltaMs)) firstDeltaMs = at;
  });
  if (Number.isNaN(draftMs)) throw new Error(`no draft event for "${text.slice(0, 40)}…"`);
  return { draftMs, firstDeltaMs };
}

/** Runs the director benchmark and prints its figures. */
export async function benchDirectorTurn(): Promise<void> {
  const prompt = `Generate a 90-second explainer video from this script: ${scriptOf(SCRIPT_CHARS)}`;
  const planned = runTurn(turnInput(prompt, null)).find((event) => event.type === 'draft');
  if (planned?.type !== 'draft') throw new Error('the plan turn made no draft');
  console.log(
    `script: ${SCRIPT_CHARS} characters; ${TURN_RUNS} runs per case after ${WARM_UP_RUNS} warm-ups`,
  );
  report(
    'rules turn: plan from the script',
    timeTurns(() => runTurn(turnInput(prompt, null))),
    50,
  );
  const edit = 'make it vertical, swap scenes 2 and 3 and faster pace';
  report(
    'rules turn: edit of that video',
    timeTurns(() => runTurn(turnInput(edit, planned.draft))),
    50,
  );

  const app = await startApp();
  try {
    const created = await fetch(`${app.url}/api/sessions`, { method: 'POST' });
    const cookie = (created.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const session = String(((await created.json()) as { session: { id: string } }).session.id);
    await edgeTurn(app.url, cookie, session, 'Generate a 20-second video about warm-up laps');
    const draftTimes: number[] = [];
    const deltaTimes: number[] = [];
    for (let i = 0; i < EDGE_RUNS; i++) {
      const turn = await edgeTurn(
        app.url,
        cookie,
        session,
        `Generate a ${10 + i}-second video about coffee take ${i + 1} with upbeat music`,
      );
      draftTimes.push(turn.draftMs);
      deltaTimes.push(turn.firstDeltaMs);
    }
    console.log(`\nthrough the edge: ${EDGE_RUNS} plan turns after one warm-up`);
    report('prompt → draft event', draftTimes, 200);
    console.log(
      `${'prompt → first reply text-delta'.padEnd(44)} p50 ${percentile(deltaTimes, 50).toFixed(2).padStart(7)} ms  (after the draft in ${draftTimes.filter((d, i) => d < (deltaTimes[i] ?? 0)).length}/${EDGE_RUNS} turns)`,
    );
  } finally {
    await app.stop();
  }
}
