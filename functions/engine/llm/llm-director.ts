/**
 * @module llm-director
 * The embedded engine with `DIRECTOR=llm`: a language model directs, through the AI SDK
 * (`streamText`) against any OpenAI-compatible endpoint or Workers AI (pick-llm-provider.ts).
 * The model's text is streamed as our `text-delta` events; the draft changes only through its tool calls, each
 * validated against the registry (director-tools.ts) and applied with the rules director's own
 * functions (apply-tool-calls.ts). A turn with an invalid call gets one retry, the model told
 * what was wrong; after that, or on any failure (timeout, HTTP 429, 5xx, refusal, a cut stream),
 * the rules director answers and one plain line says so. While a batch (one video per upload) is
 * current, the rules director answers: the tools edit one video.
 * Given the previous turn's uploads and `mediaNow` (engine.ts), it asks the model at once and
 * holds the turn's events until the uploads are listed; when they changed meanwhile, that
 * request is abandoned and the turn runs again from the listed ones. So the model's request, and
 * its first token, do not wait for the R2 listing.
 * The API key goes only into the request to the model's endpoint: never into the prompt,
 * an event or a log line.
 */
import { APICallError, streamText, tool, zodSchema } from 'ai';
import type { LanguageModel, ModelMessage, ToolSet } from 'ai';
import { DIRECTOR_TOOLS, readToolCall } from '../director-tools';
import type { ToolCall } from '../director-tools';
import type { MediaSummary } from '../../../shared/media-schema';
import type { BrandKitStore, ChatTurnInput, Engine, EngineEvent } from '../engine';
import { EmbeddedEngine, TYPING_DELAY_MS } from '../embedded/embedded-engine';
import { hasCjk } from '../embedded/reading-length';
import { toolTurnEvents } from './apply-tool-calls';
import type { LlmConfig } from './llm-config';
import { buildPrompt } from './llm-prompt';
import { pickLlmProvider } from './pick-llm-provider';

/** Why the model's turn was given up (each has one plain line, {@link fallbackLine}). */
export type LlmFailureReason =
  | 'timeout'
  | 'rate-limit'
  | 'server'
  | 'refusal'
  | 'cut'
  | 'invalid-tools';

/** The model's turn failed for `reason`. */
export class LlmTurnError extends Error {
  override readonly name = 'LlmTurnError';
  constructor(readonly reason: LlmFailureReason) {
    super(`language-model turn failed: ${reason}`);
  }
}

const REASON_EN: Record<LlmFailureReason, string> = {
  timeout: 'The language model took too long',
  'rate-limit': 'The language model is busy (rate limited)',
  server: 'The language model’s server failed',
  refusal: 'The language model declined',
  cut: 'The language model’s answer broke off',
  'invalid-tools': 'The language model’s edits were not valid',
};
const REASON_ZH: Record<LlmFailureReason, string> = {
  timeout: '语言模型响应超时',
  'rate-limit': '语言模型繁忙（限流）',
  server: '语言模型服务出错',
  refusal: '语言模型拒绝了请求',
  cut: '语言模型的回答中断了',
  'invalid-tools': '语言模型给出的修改无效',
};

/** The one plain line that says the rules director answered instead. */
export function fallbackLine(reason: LlmFailureReason, cjk: boolean): string {
  return cjk
    ? `${REASON_ZH[reason]}，由内置导演回答。`
    : `${REASON_EN[reason]}; the built-in director answered instead.`;
}

/**
 * The registry as AI SDK tools (no `execute`: the director applies accepted calls itself). Each
 * schema is wrapped once with `zodSchema`, which keeps its JSON Schema: a bare zod schema is
 * converted again on every request (20 tools, ~7–40 ms on a 2-core machine).
 */
const SDK_TOOLS: ToolSet = Object.fromEntries(
  DIRECTOR_TOOLS.map((entry) => {
    const inputSchema = zodSchema(entry.input);
    // Converted as the module loads (select-engine.ts loads it while the turn reads storage).
    void inputSchema.jsonSchema;
    return [entry.name, tool({ description: entry.description, inputSchema })];
  }),
);

/** A tool call as the model sent it. */
interface RawCall {
  id: string;
  name: string;
  input: unknown;
}

/** What one request to the model gave. */
interface Attempt {
  text: string;
  calls: RawCall[];
}

/** The failure an SDK error stands for. */
function reasonOf(error: unknown, signal: AbortSignal): LlmFailureReason {
  if (signal.aborted) return 'timeout';
  if (error instanceof LlmTurnError) return error.reason;
  if (APICallError.isInstance(error)) {
    if (error.statusCode === 429) return 'rate-limit';
    if (error.statusCode !== undefined && error.statusCode >= 500) return 'server';
    return 'server';
  }
  return 'cut';
}

/** The messages of the retry: the model's calls, each answered by its error (or "resend"). */
function retryMessages(
  messages: readonly ModelMessage[],
  attempt: Attempt,
  checks: ReadonlyArray<ReturnType<typeof readToolCall>>,
): ModelMessage[] {
  return [
    ...messages,
    {
      role: 'assistant',
      content: [
        ...(attempt.text ? [{ type: 'text' as const, text: attempt.text }] : []),
        ...attempt.calls.map((call) => ({
          type: 'tool-call' as const,
          toolCallId: call.id,
          toolName: call.name,
          input: call.input,
        })),
      ],
    },
    {
      role: 'tool',
      content: attempt.calls.map((call, index) => {
        const check = checks[index];
        return {
          type: 'tool-result' as const,
          toolCallId: call.id,
          toolName: call.name,
          output:
            check === undefined || check.ok
              ? {
                  type: 'text' as const,
                  value: 'Not applied: send all the calls again, corrected.',
                }
              : { type: 'error-text' as const, value: check.error },
        };
      }),
    },
  ];
}

/** The language-model director (see the module doc). */
export class LlmDirector implements Engine {
  readonly name = 'embedded' as const;
  readonly renderer = 'browser' as const;
  readonly checksMedia = true;
  readonly #model: LanguageModel;
  readonly #rules: Engine;

  readonly #brandKits: BrandKitStore | undefined;

  /**
   * @param config the model to call (llm-config.ts)
   * @param typingDelayMs the rules director's pacing when it answers (0 in unit tests)
   * @param brandKits the visitor's brand kit, applied to the videos it plans (absent: the kit
   *   in the turn's input, if any), as the rules director does
   */
  constructor(
    private readonly config: LlmConfig,
    typingDelayMs: number = TYPING_DELAY_MS,
    brandKits?: BrandKitStore,
  ) {
    this.#model = pickLlmProvider(config);
    this.#brandKits = brandKits;
    this.#rules = new EmbeddedEngine(typingDelayMs, brandKits);
  }

  /**
   * Runs one turn (see the module doc). Never throws for the model's faults: the rules
   * director answers them.
   */
  async *chat(input: ChatTurnInput): AsyncIterable<EngineEvent> {
    const { mediaNow, ...known } = input;
    if (mediaNow === undefined) yield* this.#turn(known);
    else yield* this.#checkedTurn(known, mediaNow);
  }

  /**
   * The turn started from `input.media` (the previous turn's uploads) while `mediaNow` lists
   * them: its events are held until the list is in, then passed on when it is the same, else
   * the started turn is stopped (its model request aborted) and the turn runs from the list.
   */
  async *#checkedTurn(
    input: ChatTurnInput,
    mediaNow: Promise<MediaSummary[]>,
  ): AsyncGenerator<EngineEvent> {
    const stop = new AbortController();
    const started = this.#turn(input, stop.signal);
    try {
      const first = started.next();
      // A turn that fails before the list is in is answered below; never an unhandled rejection.
      first.catch(() => undefined);
      const media = await mediaNow;
      if (JSON.stringify(media) !== JSON.stringify(input.media ?? [])) {
        stop.abort();
        yield* this.#turn({ ...input, media });
        return;
      }
      const head = await first;
      if (head.done === true) return;
      yield head.value;
      yield* started;
    } finally {
      await started.return(undefined);
    }
  }

  /** One turn (see {@link LlmDirector.chat}); `stop` ends it quietly, without a fallback. */
  async *#turn(input: ChatTurnInput, stop?: AbortSignal): AsyncGenerator<EngineEvent> {
    if ((input.batch ?? null) !== null) {
      yield* this.#rules.chat(input);
      return;
    }
    const cjk = hasCjk(input.text);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    const stopped = (): void => controller.abort();
    stop?.addEventListener('abort', stopped);
    let events: EngineEvent[];
    try {
      events = yield* this.#toolTurn(input, cjk, controller.signal);
    } catch (error) {
      if (stop?.aborted === true) return;
      const reason = reasonOf(error, controller.signal);
      console.warn(`llm director: fell back to the rules director (${reason})`);
      yield* this.#fallback(input, fallbackLine(reason, cjk));
      return;
    } finally {
      clearTimeout(timer);
      stop?.removeEventListener('abort', stopped);
    }
    yield* events;
  }

  /** The model's turn: up to two requests, then the events of its accepted calls. */
  async *#toolTurn(
    input: ChatTurnInput,
    cjk: boolean,
    signal: AbortSignal,
  ): AsyncGenerator<EngineEvent, EngineEvent[]> {
    const prompt = buildPrompt(input);
    let messages = prompt.messages;
    for (let tries = 0; ; tries++) {
      const attempt = yield* this.#request(prompt.system, messages, signal);
      const checks = attempt.calls.map((call) => readToolCall(call.name, call.input));
      const accepted = checks.flatMap((check): ToolCall[] => (check.ok ? [check.call] : []));
      if (accepted.length === checks.length)
        return toolTurnEvents(await this.#withBrandKit(input), accepted, attempt.text, cjk);
      if (tries >= 1) throw new LlmTurnError('invalid-tools');
      messages = retryMessages(messages, attempt, checks);
    }
  }

  /** `input` with the visitor's saved brand kit (read once the model has answered, off its path). */
  async #withBrandKit(input: ChatTurnInput): Promise<ChatTurnInput> {
    const brandKit = (await this.#brandKits?.load()) ?? input.brandKit;
    return brandKit === undefined ? input : { ...input, brandKit };
  }

  /** One streamed request: its text (yielded as deltas as it comes) and its tool calls. */
  async *#request(
    system: string,
    messages: ModelMessage[],
    signal: AbortSignal,
  ): AsyncGenerator<EngineEvent, Attempt> {
    const result = streamText({
      model: this.#model,
      system,
      messages,
      tools: SDK_TOOLS,
      abortSignal: signal,
      // The rules director answers at once instead of the SDK's retries.
      maxRetries: 0,
      // Errors arrive as `error` parts (handled below); the SDK's default logs them whole.
      onError: () => undefined,
    });
    let text = '';
    const calls: RawCall[] = [];
    let finish: string | null = null;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        text += part.text;
        yield { type: 'text-delta', delta: part.text };
      } else if (part.type === 'tool-call')
        calls.push({ id: part.toolCallId, name: part.toolName, input: part.input });
      else if (part.type === 'error') throw part.error;
      else if (part.type === 'abort') throw new LlmTurnError('timeout');
      else if (part.type === 'finish') finish = part.finishReason;
    }
    if (finish === 'content-filter') throw new LlmTurnError('refusal');
    if (finish !== 'stop' && finish !== 'tool-calls') throw new LlmTurnError('cut');
    return { text, calls };
  }

  /** The rules director's answer, its reply opened by the plain line. */
  async *#fallback(input: ChatTurnInput, line: string): AsyncGenerator<EngineEvent> {
    yield { type: 'text-delta', delta: `${line}\n\n` };
    for await (const event of this.#rules.chat(input))
      yield event.type === 'text' ? { ...event, text: `${line}\n\n${event.text}` } : event;
  }
}
