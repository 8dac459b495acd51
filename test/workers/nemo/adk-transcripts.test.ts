/**
 * Real `/run_sse` output of stock Google ADK servers (test/fixtures/adk-transcripts/, sources in
 * its README) through the whole nemo engine: the Worker's `/run_sse` call is answered with the
 * transcript's bytes as an SSE body (one frame per chunk), everything else by the fake upstream,
 * and the assertions are on the events the browser receives and the text the visitor reads.
 * The same harness runs hand-written streams for the faults stock ADK can send.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StreamEvent } from '../../../shared/events-schema';
import { LONG_RUNNING_NOTE } from '../../../functions/engine/nemo/nemo-engine';
import { Visitor } from '../visitor-client';
import { routeUpstream } from './route-upstream';

const TRANSCRIPTS = import.meta.glob<string>('../../fixtures/adk-transcripts/*.sse', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The transcript `name` (file name without `.sse`). */
function transcript(name: string): string {
  const text = TRANSCRIPTS[`../../fixtures/adk-transcripts/${name}.sse`];
  if (text === undefined) throw new Error(`no transcript ${name}`);
  return text;
}

/** Pause between two frames of a replayed stream, ms (`pauseMs` in the frames list adds more). */
const FRAME_GAP_MS = 2;

/** A frame's bytes, or a silence (ms) before the next one. */
type Piece = string | { pauseMs: number };

/** An SSE body that sends `pieces` one by one. */
function sseBody(pieces: Piece[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const piece of pieces) {
        const wait = typeof piece === 'string' ? FRAME_GAP_MS : piece.pauseMs;
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (typeof piece === 'string') controller.enqueue(encoder.encode(piece));
      }
      controller.close();
    },
  });
}

/** The frames of a transcript file, each with its blank line. */
function frames(text: string): string[] {
  return text
    .split(/\n\n+/)
    .filter((frame) => frame.trim() !== '')
    .map((frame) => `${frame}\n\n`);
}

/** What one replayed turn gave: the browser's events, the `/run_sse` body sent, and more. */
interface Replay {
  events: StreamEvent[];
  /** The `/run_sse` request body the engine sent. */
  sent: Record<string, unknown>;
  statuses: string[];
  deltas: string;
  /** The whole reply the visitor finally reads (the `text` event), or null. */
  reads: string | null;
  errors: string[];
}

/** How many times `item` is in `list`. */
const count = (list: string[], item: string): number => list.filter((x) => x === item).length;

/** One chat turn of a new visitor whose `/run_sse` answers `pieces`. */
async function replay(pieces: Piece[], message = 'Hello'): Promise<Replay> {
  const sent: Record<string, unknown>[] = [];
  routeUpstream({}, (request) => {
    if (new URL(request.url).pathname !== '/run_sse') return null;
    void request
      .clone()
      .json()
      .then((body) => sent.push(z.record(z.string(), z.unknown()).parse(body)));
    return new Response(sseBody(pieces), {
      headers: { 'Content-Type': 'text/event-stream' },
    });
  });
  const visitor = new Visitor();
  const session = await visitor.createSession();
  const { events } = await visitor.chat(session.id, message);
  const text = events.find((event) => event.type === 'text');
  return {
    events,
    sent: sent[0] ?? {},
    statuses: events.flatMap((event) => (event.type === 'status' ? [event.message] : [])),
    deltas: events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join(''),
    reads: text?.type === 'text' ? text.text : null,
    errors: events.flatMap((event) => (event.type === 'error' ? [event.code] : [])),
  };
}

/**
 * Per test, ms: a turn takes well under a second, but a file's first turn warms up the Worker
 * (about 3.5 s alone, more while the whole project runs), past vitest's default 5 s.
 */
const TURN_TEST_TIMEOUT_MS = 20_000;

describe('stock ADK /run_sse transcripts through the whole engine', {
  timeout: TURN_TEST_TIMEOUT_MS,
}, () => {
  it('01 non-streaming plain text: one whole message, shown once', async () => {
    const turn = await replay(frames(transcript('01-nonstreaming-plain-text')));
    expect(turn.sent).toMatchObject({ user_id: 'me', streaming: true });
    expect(turn.errors).toEqual([]);
    expect(turn.deltas).toBe('The result of 2 + 2 is **4**.');
    expect(turn.reads).toBe('The result of 2 + 2 is **4**.');
    expect(turn.events.at(-1)?.type).toBe('done');
  });

  it('02 streaming partials then final: the deltas stream, the final replaces them once', async () => {
    const turn = await replay(frames(transcript('02-streaming-partials-then-final')));
    expect(turn.errors).toEqual([]);
    const whole =
      'こんにちは！しりとりをしましょう！\n\nまず、最初の単語「string」ですね。プログラミング用語ですね！\n\nそれでは、しりとりを始めるにあたって、簡単なルール説明です。\n\n- 一度使った単語は使えません。\n- 単語の最後が「ん」で終わったら負けです。\n\nでは、私が最初の単語を選びますね。\n\n「ごりら」\n\nさあ、あなたの番です！';
    expect(turn.deltas.trim()).toBe(whole);
    expect(turn.reads).toBe(whole);
  });

  it('03 tool call, response, text: one status line, the response is not chat text', async () => {
    const turn = await replay(frames(transcript('03-tool-call-response-text')));
    expect(turn.errors).toEqual([]);
    expect(turn.statuses).toContain('getting weather…');
    expect(turn.deltas).not.toContain('success');
    expect(turn.reads).toBe(
      'OK. The weather in New York is sunny with a temperature of 25 degrees Celsius (41 degrees Fahrenheit).',
    );
  });

  it('04 long-running auth tool: the reply, then plainly that the service is still working', async () => {
    const turn = await replay(frames(transcript('04-tool-call-longrunning-auth')));
    expect(turn.errors).toEqual([]);
    expect(count(turn.statuses, 'getting directions…')).toBe(1);
    expect(JSON.stringify(turn.events)).not.toContain('clientSecret');
    expect(turn.reads).toBe(
      `To get directions, I need you to sign in with your Google account first. Please follow the link to authorize me.\n\n${LONG_RUNNING_NOTE}`,
    );
  });

  it('05 stateDelta then text: the state delta stays upstream, the directions are read', async () => {
    const turn = await replay(frames(transcript('05-statedelta-then-text')));
    expect(turn.errors).toEqual([]);
    expect(JSON.stringify(turn.events)).not.toContain('REFRESH_TOKEN');
    expect(turn.reads).toMatch(/^Directions from 'atlanta ga' to 'apex nc' by drive:\n/);
    expect(turn.reads).toMatch(/18\. Continue straight to stay on N Salem St$/);
  });

  it('06 output_key copies the reply into stateDelta: the reply is read once', async () => {
    const turn = await replay(frames(transcript('06-output-key-statedelta')));
    expect(turn.errors).toEqual([]);
    expect(turn.reads).toMatch(/^Okay, I will find 5 open job positions/);
    expect(turn.reads?.match(/Okay, I will find/g)).toHaveLength(1);
    expect(turn.reads).toMatch(
      /\*\*Company:\*\* Salesforce\n {4}\*\*Location:\*\* San Francisco, CA$/,
    );
  });

  it('08 an event with only a stateDelta, then text: the text is read', async () => {
    const turn = await replay(frames(transcript('08-statedelta-only-then-text')));
    expect(turn.errors).toEqual([]);
    expect(turn.reads).toBe('Hi! I can tell you the weather in a city.');
  });

  it('09 progressive SSE with thoughts and a tool: thoughts hidden, one status, GUI chip', async () => {
    const turn = await replay(frames(transcript('09-progressive-sse-thoughts-tool')));
    expect(turn.errors).toEqual([]);
    expect(count(turn.statuses, 'setting text style…')).toBe(1);
    expect(JSON.stringify(turn.events)).not.toContain('Planning the title change');
    expect(turn.reads).toBe(
      'Sure, making the title red now.\n\nDone! The title is now red. Click Export when you are ready.',
    );
    expect(turn.events.some((event) => event.type === 'actions')).toBe(true);
  });
});

/** One ADK event frame. */
function adk(event: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ author: 'nemo_agent', ...event })}\n\n`;
}
const say = (text: string, partial = false): string =>
  adk({ content: { role: 'model', parts: [{ text }] }, partial });
const call = (id: string, name: string): string =>
  adk({ content: { role: 'model', parts: [{ functionCall: { id, name, args: {} } }] } });
const answer = (id: string, name: string): string =>
  adk({
    content: { role: 'user', parts: [{ functionResponse: { id, name, response: { ok: true } } }] },
  });

describe('stock ADK faults through the whole engine', { timeout: TURN_TEST_TIMEOUT_MS }, () => {
  it('errorCode STOP on an empty turn after a tool is success: the "what changed" answer comes', async () => {
    const turn = await replay([
      call('c1', 'set_volume'),
      answer('c1', 'set_volume'),
      adk({ errorCode: 'STOP' }),
    ]);
    expect(turn.errors).toEqual([]);
    expect(turn.reads).toMatch(/finished without a reply/);
  });

  it('MAX_TOKENS on an event that carries the whole text keeps the text, no error', async () => {
    const turn = await replay([
      say('Here is ', true),
      adk({
        content: { role: 'model', parts: [{ text: 'Here is the plan.' }] },
        errorCode: 'MAX_TOKENS',
      }),
    ]);
    expect(turn.errors).toEqual([]);
    expect(turn.reads).toBe('Here is the plan.');
  });

  it('a real failure (SAFETY, no text) is one error; text before it is kept', async () => {
    const turn = await replay([
      say('Working on it.'),
      adk({ errorCode: 'SAFETY', errorMessage: 'blocked' }),
    ]);
    expect(turn.errors).toEqual(['upstream_failed']);
    expect(turn.reads).toBe('Working on it.');
  });

  it('a tool silent for longer than the idle limit keeps the turn alive, with "still working…"', async () => {
    // The workers-nemo project's idle limit is 400 ms and "still working" 30 ms.
    const turn = await replay([
      call('c1', 'render_scene'),
      { pauseMs: 1_000 },
      answer('c1', 'render_scene'),
      say('Rendered.'),
    ]);
    expect(turn.errors).toEqual([]);
    expect(turn.statuses).toContain('still working…');
    expect(turn.reads).toBe('Rendered.');
  });

  it('silence with no tool running still times out', async () => {
    const turn = await replay([say('Hm', true), { pauseMs: 1_000 }, say('Hm.')]);
    expect(turn.errors).toEqual(['upstream_timeout']);
  });

  it('a streamed functionCall chunk without a name does not discard the text beside it', async () => {
    const turn = await replay([
      adk({
        content: {
          role: 'model',
          parts: [
            { text: 'Adding music.' },
            { functionCall: { partialArgs: [{ jsonPath: '$.track' }], willContinue: true } },
          ],
        },
      }),
    ]);
    expect(turn.errors).toEqual([]);
    expect(turn.reads).toBe('Adding music.');
  });

  it('text parts of one event are paragraphs; code and inline data are not chat text', async () => {
    const turn = await replay([
      adk({
        content: {
          role: 'model',
          parts: [
            { text: 'Here is the code:' },
            { executableCode: { language: 'PYTHON', code: 'print(1+1)' } },
            { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '2' } },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { text: 'The total is 2.' },
          ],
        },
      }),
    ]);
    expect(turn.reads).toBe('Here is the code:\n\nThe total is 2.');
    expect(JSON.stringify(turn.events)).not.toContain('print(1+1)');
  });

  it('an error frame that is not JSON after a partial reply ends the turn with a clear error', async () => {
    const turn = await replay([
      say('Making the ', true),
      'data: {"error": "model said "no" to that"}\n\n',
      say('never read', true),
    ]);
    expect(turn.errors).toEqual(['upstream_failed']);
    expect(turn.reads).toBe('Making the');
    expect(turn.deltas).not.toContain('never read');
    expect(turn.events.at(-1)?.type).toBe('done');
  });
});
