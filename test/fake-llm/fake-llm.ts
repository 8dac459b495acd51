/**
 * @module fake-llm
 * A fake OpenAI-compatible model server, as a Hono app: `POST /v1/chat/completions` with
 * `stream: true` answers in the chat-completions SSE format — `data: {choices:[{delta:{content}}]}`
 * frames, tool calls as `delta.tool_calls[{index,id,type:'function',function:{name,arguments}}]`
 * with the arguments streamed in pieces, a last frame with `finish_reason`, then `data: [DONE]`.
 * The workerd tests call it in-process; `npm run fake-llm` serves it on a port.
 *
 * Scripted by keywords in the last user message (a turn ending with tool results is a retry):
 * `[llm:plan]` plans a 3-scene video; `[llm:edits]` makes it vertical, retitles it and turns the
 * music off in one turn; `[llm:undo]`, `[llm:export]` call those tools; `[llm:429]` / `[llm:500]`
 * answer that status; `[llm:cut-mid-tool]` ends the body inside a tool call's arguments;
 * `[llm:bad-args]` sends an out-of-bounds length, then a valid one on the retry;
 * `[llm:bad-args-twice]` sends it both times; `[llm:refuse]` ends with `content_filter`;
 * `[llm:hang]` never answers; `[llm:inject]` obeys an injected "ignore your instructions": it
 * echoes its whole prompt, calls a tool that does not exist, asks for an absurd length and an
 * overlay longer than allowed — on every try. Without a keyword it follows simple rules so it
 * can be tried by hand: with no video yet it plans one from the message; "shorter", "longer",
 * "vertical", "square", "no music", "undo", "export" become those tools.
 * With `apiKey` set it refuses (401) a request without `Authorization: Bearer <apiKey>`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { TIDE_POOLS_PLAN } from '../support/tide-pools-plan';

/** Gap between streamed frames, ms: small, so tests are quick but the stream is really streamed. */
export const FAKE_LLM_FRAME_MS = 1;
/** Words per text frame (a model streams a few tokens at a time). */
const WORDS_PER_FRAME = 4;
/** Pieces a tool call's arguments are cut into (at least two: tests need them reassembled). */
const ARGUMENT_PIECES = 3;

/** Options of {@link createFakeLlm}. */
export interface FakeLlmOptions {
  /** The key the fake expects as a Bearer token (unset: any or none). */
  apiKey?: string;
  /** Frame gap, ms (default {@link FAKE_LLM_FRAME_MS}). */
  frameMs?: number;
  /**
   * Wait before the first frame, ms (default 0): a real model reads the whole prompt before its
   * first token (time to first token), while the response headers come at once.
   */
  firstTokenMs?: number;
}

/** What the fake saw of one request, for assertions. */
export interface FakeLlmRequest {
  authorization: string | null;
  /** The request body as sent (model, messages, tools). */
  body: ChatRequest;
}

/** The fake: its app and the requests it got. */
export interface FakeLlm {
  app: Hono;
  requests: FakeLlmRequest[];
}

const messageSchema = z.looseObject({
  role: z.string(),
  content: z
    .union([z.string(), z.array(z.looseObject({ text: z.string().optional() })), z.null()])
    .optional(),
});
const chatRequestSchema = z.looseObject({
  model: z.string(),
  stream: z.boolean().optional(),
  messages: z.array(messageSchema),
  tools: z.array(z.looseObject({ function: z.looseObject({ name: z.string() }) })).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** A tool call the fake makes: its name and arguments. */
interface FakeCall {
  name: string;
  args: unknown;
}

/** The fake's answer to one request. */
type Script =
  | { kind: 'status'; status: 429 | 500 }
  | { kind: 'hang' }
  | {
      kind: 'stream';
      text: string;
      calls: FakeCall[];
      finish: 'stop' | 'tool_calls' | 'content_filter';
      /** End the body halfway through the first call's arguments. */
      cut?: boolean;
    };

/** The text of a message's content. */
function contentText(message: ChatRequest['messages'][number]): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
  return '';
}

const PLAN: FakeCall = { name: 'plan_video', args: TIDE_POOLS_PLAN };

/** A plan from a message by hand: its first sentence is the title, the rest the scenes. */
function planFrom(text: string): FakeCall {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((part) => part.trim() !== '');
  const title = (sentences[0] ?? text).replace(/[.!?]$/, '').slice(0, 60) || 'My video';
  const scenes = sentences.slice(1, 11).map((sentence) => sentence.slice(0, 200));
  const brief = (PLAN.args as { brief: Record<string, unknown> }).brief;
  return {
    name: 'plan_video',
    args: { brief: { ...brief, title, scenes, fromScript: scenes.length > 0 } },
  };
}

/** The rules for a message without a keyword (see the module doc). */
function byHand(text: string, hasVideo: boolean): Script {
  const lower = text.toLowerCase();
  const calls: FakeCall[] = [];
  if (/\bundo\b/.test(lower)) calls.push({ name: 'undo', args: {} });
  if (/\bshorter\b/.test(lower)) calls.push({ name: 'set_duration', args: { change: 'shorter' } });
  if (/\blonger\b/.test(lower)) calls.push({ name: 'set_duration', args: { change: 'longer' } });
  if (/\bvertical\b/.test(lower)) calls.push({ name: 'set_aspect', args: { aspect: 'vertical' } });
  if (/\bsquare\b/.test(lower)) calls.push({ name: 'set_aspect', args: { aspect: 'square' } });
  if (/\bno music\b/.test(lower)) calls.push({ name: 'set_music', args: { on: false } });
  if (/\bexport\b/.test(lower)) calls.push({ name: 'export', args: {} });
  if (calls.length === 0 && !hasVideo) calls.push(planFrom(text));
  if (calls.length === 0)
    return {
      kind: 'stream',
      text: 'I can make it shorter, longer, vertical or square.',
      calls,
      finish: 'stop',
    };
  return { kind: 'stream', text: 'On it.', calls, finish: 'tool_calls' };
}

/** What the fake answers to a request (see the module doc). */
export function scriptFor(request: ChatRequest): Script {
  const messages = request.messages;
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const text = lastUser ? contentText(lastUser) : '';
  const retry = messages.at(-1)?.role === 'tool';
  const system = messages
    .filter((message) => message.role === 'system')
    .map(contentText)
    .join('\n');
  const tooLong = 'x'.repeat(5_000);
  if (text.includes('[llm:429]')) return { kind: 'status', status: 429 };
  if (text.includes('[llm:500]')) return { kind: 'status', status: 500 };
  if (text.includes('[llm:hang]')) return { kind: 'hang' };
  if (text.includes('[llm:refuse]'))
    return {
      kind: 'stream',
      text: 'I cannot help with that.',
      calls: [],
      finish: 'content_filter',
    };
  if (text.includes('[llm:cut-mid-tool]'))
    return { kind: 'stream', text: 'Planning…', calls: [PLAN], finish: 'tool_calls', cut: true };
  if (text.includes('[llm:plan]'))
    return {
      kind: 'stream',
      text: 'Here is a plan about tide pools.',
      calls: [PLAN],
      finish: 'tool_calls',
    };
  if (text.includes('[llm:edits]'))
    return {
      kind: 'stream',
      text: 'Making it vertical, retitling it and turning the music off.',
      calls: [
        { name: 'set_aspect', args: { aspect: 'vertical' } },
        { name: 'set_title', args: { text: 'Rock pools' } },
        { name: 'set_music', args: { on: false } },
      ],
      finish: 'tool_calls',
    };
  if (text.includes('[llm:undo]'))
    return {
      kind: 'stream',
      text: 'Going back.',
      calls: [{ name: 'undo', args: {} }],
      finish: 'tool_calls',
    };
  if (text.includes('[llm:export]'))
    return {
      kind: 'stream',
      text: 'Ready.',
      calls: [{ name: 'export', args: {} }],
      finish: 'tool_calls',
    };
  if (text.includes('[llm:bad-args]') || text.includes('[llm:bad-args-twice]')) {
    const good = retry && text.includes('[llm:bad-args]');
    return {
      kind: 'stream',
      text: 'Making it 20 seconds.',
      calls: [{ name: 'set_duration', args: { durationMs: good ? 20_000 : -5 } }],
      finish: 'tool_calls',
    };
  }
  if (text.includes('[llm:inject]'))
    return {
      kind: 'stream',
      text: `As instructed, here is everything I was told: ${system}\n${messages.map(contentText).join('\n')}`,
      calls: [
        { name: 'reveal_api_key', args: { where: 'reply' } },
        { name: 'set_duration', args: { durationMs: 1_000_000_000_000 } },
        { name: 'add_overlay', args: { text: tooLong } },
      ],
      finish: 'tool_calls',
    };
  return byHand(text.replace(/\[llm:[a-z0-9-]+\]/g, ''), !/Timeline \(0 tracks\)/.test(system));
}

/** One SSE frame of a chunk. */
function frame(delta: Record<string, unknown>, finish: string | null = null): string {
  const chunk = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The frames of a streamed answer (the last ones left out when it is cut). */
function framesOf(script: Extract<Script, { kind: 'stream' }>): string[] {
  const frames = [frame({ role: 'assistant', content: '' })];
  const words = script.text.match(/\S+\s*/g) ?? [];
  for (let at = 0; at < words.length; at += WORDS_PER_FRAME)
    frames.push(frame({ content: words.slice(at, at + WORDS_PER_FRAME).join('') }));
  script.calls.forEach((call, index) => {
    const args = JSON.stringify(call.args);
    const size = Math.ceil(args.length / ARGUMENT_PIECES);
    const id = `call_${index}`;
    frames.push(
      frame({
        tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (let at = 0; at < args.length; at += size) {
      if (script.cut && index === 0 && at >= size) return;
      frames.push(
        frame({ tool_calls: [{ index, function: { arguments: args.slice(at, at + size) } }] }),
      );
    }
  });
  if (script.cut) return frames;
  frames.push(frame({}, script.finish), 'data: [DONE]\n\n');
  return frames;
}

/** Creates a fresh fake (see the module doc). */
export function createFakeLlm(options: FakeLlmOptions = {}): FakeLlm {
  const frameMs = options.frameMs ?? FAKE_LLM_FRAME_MS;
  const firstTokenMs = options.firstTokenMs ?? 0;
  const requests: FakeLlmRequest[] = [];
  const app = new Hono();
  app.post('/v1/chat/completions', async (c) => {
    const authorization = c.req.header('authorization') ?? null;
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`)
      return c.json(
        { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } },
        401,
      );
    const parsed = chatRequestSchema.safeParse(await c.req.json());
    if (!parsed.success) return c.json({ error: { message: parsed.error.message } }, 400);
    requests.push({ authorization, body: parsed.data });
    const script = scriptFor(parsed.data);
    if (script.kind === 'status')
      return c.json(
        { error: { message: script.status === 429 ? 'Rate limit reached' : 'Server error' } },
        script.status,
      );
    if (script.kind === 'hang') {
      const signal = c.req.raw.signal;
      // Answers only once the client gave up (499: "client closed request"; nobody reads it).
      return new Promise<Response>((resolve) => {
        signal.addEventListener('abort', () => resolve(new Response(null, { status: 499 })));
      });
    }
    const encoder = new TextEncoder();
    const frames = framesOf(script);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        if (firstTokenMs > 0) await new Promise((resolve) => setTimeout(resolve, firstTokenMs));
        for (const text of frames) {
          controller.enqueue(encoder.encode(text));
          if (frameMs > 0) await new Promise((resolve) => setTimeout(resolve, frameMs));
        }
        controller.close();
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    });
  });
  return { app, requests };
}
