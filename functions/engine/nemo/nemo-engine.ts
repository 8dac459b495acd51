/**
 * @module nemo-engine
 * The remote engine: each chat turn goes to the remote API (docs/remote-api.md) and its
 * ADK stream comes back as our engine events. The rough edges are handled here, at the edge:
 * - token: configured or the visitor's anonymous one; 1001 → a new token, retried once;
 * - session: created on first use and kept by the session room; 1002 (or HTTP 404) → a new
 *   session with the current draft carried over in the message, retried once;
 * - 429 → wait ({@link NemoTimings.rateLimitWaitMs}, 30 s) and retry once;
 * - stream: deltas then one whole text (never doubled), tool calls as status lines, heartbeats
 *   as "still working…" at most every 2 minutes, silence/cap timeouts, cut streams, error frames;
 *   while a tool runs (ADK is silent then) the idle limit is suspended and "still working…"
 *   comes from our clock; an unreadable frame ends the turn; a long-running tool still at work
 *   at the end is said plainly (its result arrives with a later state read);
 * - after the stream: the state is read, its short-key draft decoded and, when it changed,
 *   handed on as a new draft; a stream without text is answered with what changed;
 * - GUI phrases in the reply become action chips.
 * Nothing from the upstream reaches the visitor raw: texts, drafts and plain messages only.
 */
import type { ChatTurnInput, Engine, EngineEvent } from '../engine';
import type { Draft } from '../../../shared/draft-schema';
import { diffDrafts } from '../../../shared/draft-diff';
import { abortableSleep } from '../../../shared/abortable-sleep';
import { readAdkStream, StreamTimeoutError } from './nemo-adk-stream';
import type { AdkStreamEnd } from './nemo-adk-stream';
import { decodeDraft, encodeDraft } from './nemo-draft-codec';
import { guiActions } from './nemo-gui-actions';
import { AdkTurnMapper, UPSTREAM_REPORTED_PROBLEM } from './nemo-map-adk-events';
import { NemoClient } from './nemo-client';
import type { FetchLike } from './nemo-client';
import type { NemoConfig } from './nemo-config';
import { UpstreamCode, UpstreamError, plainUpstreamError } from './nemo-error';
import type { IdentityStore } from './nemo-token';
import { UpstreamToken } from './nemo-token';
import { forwardNewMedia } from './nemo-forward-media';
import type { MediaSource } from './nemo-forward-media';

/** Where the upstream session id of one of our sessions is kept (the `SessionRoom`). */
export interface UpstreamSessionStore {
  load(): Promise<string | null>;
  save(sessionId: string): Promise<void>;
}

/** What a nemo engine needs for one session's turns. */
export interface NemoEngineDeps {
  config: NemoConfig;
  /** The visitor's anonymous identity; null only when a token is configured. */
  identity: IdentityStore | null;
  session: UpstreamSessionStore;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to a `setTimeout` wait (tests may pass a faster clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Where the session's uploads are (R2), to send new ones upstream before a turn. */
  media?: MediaSource;
}

/** Opening words of a message that carries the draft into a new upstream session. */
export const CARRY_DRAFT_PREFIX = 'The project so far (draft JSON):';

/** Status shown while the first upstream answer is awaited. */
const STATUS_ASKING = 'asking the video service…';
const STATUS_STILL_WORKING = 'still working…';
/** Said after the reply when a long-running tool (ADK `longRunningToolIds`) had not finished. */
export const LONG_RUNNING_NOTE =
  'The video service is still working on part of this in the background. Its result is picked up the next time the timeline is read: send your next message in a while and the timeline will update.';

/**
 * The message that moves the draft into a new upstream session: the short-key draft as JSON on
 * one line after {@link CARRY_DRAFT_PREFIX}, a blank line, then the visitor's text.
 */
export function carryDraftMessage(draft: Draft, text: string): string {
  return `${CARRY_DRAFT_PREFIX} ${JSON.stringify(encodeDraft(draft))}\n\n${text}`;
}

/** The remote engine. */
export class NemoEngine implements Engine {
  readonly name = 'nemo';
  readonly renderer = 'remote';
  readonly #deps: NemoEngineDeps | null;

  /** @param deps null builds an engine that only answers `renderer` (the export route's use). */
  constructor(deps: NemoEngineDeps | null) {
    this.#deps = deps;
  }

  /** One chat turn through the remote API (see the module doc). Never throws for upstream faults. */
  async *chat(input: ChatTurnInput): AsyncIterable<EngineEvent> {
    if (this.#deps === null)
      throw new Error('the nemo engine was built without its session context');
    const turn = new NemoTurn(this.#deps, input);
    yield* turn.run();
  }
}

/** One turn's state: token, upstream session, retries spent. */
class NemoTurn {
  readonly #deps: NemoEngineDeps;
  readonly #input: ChatTurnInput;
  readonly #client: NemoClient;
  readonly #token: UpstreamToken;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(deps: NemoEngineDeps, input: ChatTurnInput) {
    this.#deps = deps;
    this.#input = input;
    this.#client = new NemoClient(deps.config, deps.fetch);
    this.#token = new UpstreamToken(this.#client, deps.config, deps.identity);
    this.#sleep = deps.sleep ?? abortableSleep;
  }

  async *run(): AsyncGenerator<EngineEvent> {
    yield { type: 'status', message: STATUS_ASKING };
    try {
      yield* this.#converse();
    } catch (error) {
      if (error instanceof StreamTimeoutError) {
        console.warn('nemo stream timeout', error.message);
        yield {
          type: 'error',
          code: 'upstream_timeout',
          message:
            error.reason === 'idle'
              ? `The video service stopped responding (nothing for ${Math.round(error.limitMs / 1000)} s), so the request was stopped. Your draft is as shown; please try again.`
              : `The video service took longer than ${Math.round(error.limitMs / 60_000)} minutes, so the request was stopped. Your draft is as shown; please try again.`,
        };
        return;
      }
      if (error instanceof UpstreamError) {
        console.warn('nemo upstream error', error.code, error.status, error.message);
        yield {
          type: 'error',
          ...plainUpstreamError(error, {
            anonymous: this.#token.anonymous,
            registerLink: this.#token.registerLink(),
          }),
        };
        return;
      }
      throw error;
    }
  }

  async *#converse(): AsyncGenerator<EngineEvent> {
    const { config } = this.#deps;
    let token = await this.#token.current();
    let sessionId = await this.#deps.session.load();
    let carry = false;
    const retried = { auth: false, session: false, rate: false };
    const waits: EngineEvent[] = [];

    /** Runs `call` with the one retry each of 1001 (new token) and 429 (wait) allows. */
    const guarded = async <T>(call: (token: string) => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          return await call(token);
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          if (error.code === UpstreamCode.tokenInvalid && !retried.auth) {
            retried.auth = true;
            token = await this.#token.refresh(token);
            continue;
          }
          if (error.code === UpstreamCode.rateLimited && !retried.rate) {
            retried.rate = true;
            waits.push({
              type: 'status',
              message: `the video service is busy; trying again in ${Math.round(config.timings.rateLimitWaitMs / 1000)} s…`,
            });
            await this.#sleep(config.timings.rateLimitWaitMs);
            continue;
          }
          throw error;
        }
      }
    };

    if (sessionId === null) {
      sessionId = await guarded((t) => this.#client.createSession(t));
      await this.#deps.session.save(sessionId);
      carry = this.#input.draft !== null;
    }
    yield* waits.splice(0);
    yield* this.#forwardMedia(sessionId, guarded);
    yield* waits.splice(0);

    let response: Response | null = null;
    const abort = new AbortController();
    while (response === null) {
      const message =
        carry && this.#input.draft !== null
          ? carryDraftMessage(this.#input.draft, this.#input.text)
          : this.#input.text;
      const current: string = sessionId;
      let lost = false;
      try {
        response = await guarded((t) => this.#openStream(t, current, message, abort));
      } catch (error) {
        if (
          !(error instanceof UpstreamError) ||
          error.code !== UpstreamCode.sessionNotFound ||
          retried.session
        )
          throw error;
        retried.session = true;
        lost = true;
      }
      yield* waits.splice(0);
      if (lost) {
        yield { type: 'status', message: 'starting a new conversation with the video service…' };
        sessionId = await guarded((t) => this.#client.createSession(t));
        await this.#deps.session.save(sessionId);
        carry = this.#input.draft !== null;
        yield* waits.splice(0);
        yield* this.#forwardMedia(sessionId, guarded);
      }
    }
    if (response.body === null)
      throw new UpstreamError(502, response.status, 'api', 'the chat stream had no body');

    const mapper = new AdkTurnMapper();
    let lastShownAt = Date.now();
    let streamErrors = 0;
    let unreadable = false;
    const frames = readAdkStream(response.body, {
      idleTimeoutMs: config.timings.streamIdleTimeoutMs,
      maxMs: config.timings.streamMaxMs,
      toolRunning: () => mapper.toolRunning,
      quietTickMs: config.timings.stillWorkingMs,
    });
    let end: AdkStreamEnd;
    for (;;) {
      const next = await frames.next();
      if (next.done === true) {
        end = next.value;
        break;
      }
      const frame = next.value;
      if (frame.kind === 'heartbeat' || frame.kind === 'quiet') {
        if (Date.now() - lastShownAt >= config.timings.stillWorkingMs) {
          lastShownAt = Date.now();
          yield { type: 'status', message: STATUS_STILL_WORKING };
        }
      } else if (frame.kind === 'event') {
        for (const event of mapper.map(frame.event)) {
          lastShownAt = Date.now();
          yield event;
        }
      } else if (frame.kind === 'error') {
        streamErrors += 1;
        console.warn('nemo stream error frame', frame.detail);
        yield UPSTREAM_REPORTED_PROBLEM;
      } else if (frame.kind === 'unreadable') {
        // Older ADK's error frame, broken by a quote: the turn failed; stop reading.
        console.warn('nemo stream: an unreadable frame ended the turn', frame.detail);
        unreadable = true;
        yield {
          type: 'error',
          code: 'upstream_failed',
          message:
            'The video service sent a message that could not be read, so the reply was stopped there. What arrived is shown; please try again if something is missing.',
        };
        // Closing the reader cancels the body, so the upstream connection closes.
        await frames.return('complete');
        end = 'complete';
        break;
      } else {
        console.warn('nemo stream: skipped a frame', frame.detail);
      }
    }
    if (end === 'cut') {
      yield {
        type: 'error',
        code: 'upstream_interrupted',
        message:
          'The connection to the video service broke off in the middle of the reply. What arrived is shown; please send your message again if something is missing.',
      };
    }
    const failed = streamErrors > 0 || mapper.errors > 0 || end === 'cut' || unreadable;
    yield* this.#afterStream(token, sessionId, mapper.finish(), failed, mapper.longRunningOpen);
  }

  /** Sends the session's uploads the upstream session has not got yet (see nemo-forward-media). */
  async *#forwardMedia(
    sessionId: string,
    guarded: <T>(call: (token: string) => Promise<T>) => Promise<T>,
  ): AsyncGenerator<EngineEvent> {
    const source = this.#deps.media;
    const media = this.#input.media ?? [];
    if (source === undefined || media.length === 0) return;
    yield* forwardNewMedia({
      source,
      media,
      upstreamSessionId: sessionId,
      upload: (file) => guarded((token) => this.#client.upload(token, sessionId, file)),
      plain: (error) =>
        plainUpstreamError(error, {
          anonymous: this.#token.anonymous,
          registerLink: this.#token.registerLink(),
        }),
    });
  }

  /** Opens `/run_sse`; the request is aborted if no answer comes within the idle timeout. */
  async #openStream(
    token: string,
    sessionId: string,
    message: string,
    abort: AbortController,
  ): Promise<Response> {
    const timer = setTimeout(() => abort.abort(), this.#deps.config.timings.streamIdleTimeoutMs);
    try {
      return await this.#client.runSse(token, sessionId, message, abort.signal);
    } catch (error) {
      if (abort.signal.aborted || (error instanceof UpstreamError && error.kind === 'timeout')) {
        throw new StreamTimeoutError('idle', this.#deps.config.timings.streamIdleTimeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the state after the stream: the new draft (if it changed), the reply text, chips. */
  async *#afterStream(
    token: string,
    sessionId: string,
    text: string | null,
    failed: boolean,
    stillWorking: boolean,
  ): AsyncGenerator<EngineEvent> {
    const before = this.#input.draft;
    let after: Draft | null = null;
    let tooLarge: string | null = null;
    let stateRead = true;
    try {
      const state = await this.#client.state(token, sessionId);
      const decoded =
        state.draft === undefined || state.draft === null ? null : decodeDraft(state.draft);
      after = decoded?.draft ?? null;
      tooLarge = decoded?.tooLarge ?? null;
      if (decoded !== null && after === null)
        console.warn('nemo state: the draft could not be decoded', tooLarge ?? '');
    } catch (error) {
      stateRead = false;
      console.warn('nemo state read failed', error instanceof Error ? error.message : error);
    }
    const changed = after !== null && JSON.stringify(after) !== JSON.stringify(before);
    // A silent stream whose long-running tool is still at work has not "finished": the note says so.
    const silent =
      failed || (stillWorking && !changed)
        ? null
        : silentReply(before, changed ? after : null, stateRead);
    const reply = [text ?? silent, stillWorking ? LONG_RUNNING_NOTE : null]
      .filter((part) => part !== null)
      .join('\n\n');
    if (reply !== '') yield { type: 'text', text: reply };
    if (tooLarge !== null) {
      yield {
        type: 'error',
        code: 'draft_too_large',
        message: `The video service made a timeline too big to keep here (${tooLarge}), so it was not applied. Ask for fewer scenes or shorter texts.`,
      };
    }
    if (changed && after !== null) yield { type: 'draft', draft: after };
    const actions = text === null ? [] : guiActions(text);
    if (actions.length > 0) yield { type: 'actions', actions };
  }
}

/** The words for a stream closed without text (about 30 % of edits, docs/remote-api.md). */
function silentReply(before: Draft | null, after: Draft | null, stateRead: boolean): string {
  if (!stateRead)
    return 'The video service finished without a reply, and its timeline could not be read just now. Say "status" to check it.';
  if (after === null)
    return 'The video service finished without a reply and the timeline did not change. Try saying what to change, e.g. "title in red".';
  const changes = diffDrafts(before, after);
  if (changes.length === 0) return 'Done. The timeline was updated.';
  return `Done. What changed:\n${changes.map((line) => `- ${line}`).join('\n')}`;
}
