/**
 * @module nemo-map-adk-events
 * Turns the ADK events of one chat stream into our {@link EngineEvent}s. Text: `partial`
 * deltas are shown as they come; a final (non-partial) event holds the whole text of that
 * message and is NOT shown again (a final without deltas before it is shown once, as a delta);
 * at the end {@link AdkTurnMapper.finish} gives the whole reply once, which replaces the
 * deltas. Function calls become one status line per call id (progressive SSE sends a call in a
 * partial chunk and again in the final aggregate); function responses (role "user") and
 * thoughts are not chat text. Calls still waiting for their response are tracked, so the
 * stream reader can tell a tool at work from a dead upstream (see {@link AdkTurnMapper.toolRunning}).
 * Event and part shapes: https://github.com/google/adk-python/blob/main/src/google/adk/events/event.py
 */
import type { EngineEvent } from '../engine';
import { MAX_EVENT_TEXT_CHARS } from '../../../shared/events-schema';
import type { AdkEvent, AdkPart } from './nemo-schema';
import { toolStatus } from './nemo-gui-actions';

/** Between two messages of one reply, and between two text parts of one event. */
const MESSAGE_SEPARATOR = '\n\n';

/**
 * The `errorCode` older ADK puts on an empty but successful model turn (a Gemini finish reason
 * copied into `error_code` when the candidate has no parts): not a failure.
 * https://github.com/google/adk-python/blob/main/src/google/adk/models/llm_response.py
 */
const SUCCESS_FINISH_CODE = 'STOP';

/** The one error the visitor sees for a failure the upstream reports inside the stream. */
export const UPSTREAM_REPORTED_PROBLEM: EngineEvent = {
  type: 'error',
  code: 'upstream_failed',
  message:
    'The video service reported a problem while answering. Your draft is as shown; please try again.',
};

/**
 * The chat text of an event's parts: its non-thought texts, joined as paragraphs. Other parts
 * are skipped on purpose: `thought` is the model's reasoning, function calls/responses are
 * shown as status lines or not at all, and `executableCode`, `codeExecutionResult`,
 * `inlineData` and `fileData` (ADK code execution, generated images/audio) have no place in a
 * chat reply here (the video itself reaches the visitor through the draft, not the chat).
 */
function chatText(parts: AdkPart[]): string {
  return parts
    .filter((part) => part.thought !== true && typeof part.text === 'string' && part.text !== '')
    .map((part) => part.text ?? '')
    .join(MESSAGE_SEPARATOR);
}

/** The key of a call: its id, or its name when the upstream gave none. */
function callKey(call: { id?: string | undefined; name: string }): string {
  return call.id ?? `name:${call.name}`;
}

/** Maps one stream's events; one instance per stream. */
export class AdkTurnMapper {
  /** Whole texts of finished messages. */
  readonly #finals: string[] = [];
  /** Deltas of the message in progress (shown, no final yet). */
  #open = '';
  /** Whether anything was shown as a delta (for the separator between messages). */
  #shown = false;
  /** Calls already shown as a status line. */
  readonly #announced = new Set<string>();
  /** Calls with no response yet. */
  readonly #pending = new Set<string>();
  /** Calls the upstream said run on after their event (`longRunningToolIds`). */
  readonly #longRunning = new Set<string>();
  /** Failures reported inside the stream (`errorCode`/`errorMessage`, see {@link map}). */
  errors = 0;

  /** Whether a tool is at work: a call has no response yet (ADK sends nothing meanwhile). */
  get toolRunning(): boolean {
    return this.#pending.size > 0;
  }

  /** Whether a long-running call had no response when the stream ended. */
  get longRunningOpen(): boolean {
    return [...this.#longRunning].some((key) => this.#pending.has(key));
  }

  /**
   * The engine events for one ADK event (may be none). An `errorCode`/`errorMessage` is a
   * failure (one error event) unless it is {@link SUCCESS_FINISH_CODE} or the event still
   * carries text (e.g. `MAX_TOKENS` on a whole reply): then the text is the answer.
   */
  map(event: AdkEvent): EngineEvent[] {
    const out: EngineEvent[] = [];
    const parts = event.content?.parts ?? [];
    this.#track(event, parts);
    const text = chatText(parts).slice(0, MAX_EVENT_TEXT_CHARS - MESSAGE_SEPARATOR.length);
    const modelText = event.content?.role === 'user' ? '' : text;
    if (event.errorCode !== undefined || event.errorMessage !== undefined) {
      console.warn('upstream event error', event.errorCode, event.errorMessage?.slice(0, 200));
      if (event.errorCode !== SUCCESS_FINISH_CODE && modelText === '') {
        this.errors += 1;
        out.push(UPSTREAM_REPORTED_PROBLEM);
        return out;
      }
    }
    if (event.content?.role === 'user') return out; // function responses
    for (const part of parts) {
      const call = part.functionCall;
      if (call === undefined || this.#announced.has(callKey(call))) continue;
      this.#announced.add(callKey(call));
      out.push({ type: 'status', message: toolStatus(call.name) });
    }
    if (modelText === '') return out;
    if (event.partial === true) {
      out.push({ type: 'text-delta', delta: this.#lead() + modelText });
      this.#open += modelText;
      this.#shown = true;
      return out;
    }
    if (this.#open === '') {
      out.push({ type: 'text-delta', delta: this.#lead() + modelText });
      this.#shown = true;
    }
    this.#finals.push(modelText);
    this.#open = '';
    return out;
  }

  /**
   * The whole reply, once: the final texts, plus the deltas of a message whose final never came
   * (a cut stream). Null when the stream had no text.
   */
  finish(): string | null {
    const whole = [...this.#finals, ...(this.#open === '' ? [] : [this.#open])]
      .join(MESSAGE_SEPARATOR)
      .trim();
    // One event holds at most MAX_EVENT_TEXT_CHARS (events-schema.ts); a longer reply is cut.
    return whole === '' ? null : whole.slice(0, MAX_EVENT_TEXT_CHARS);
  }

  /** Notes the calls this event opens or answers. */
  #track(event: AdkEvent, parts: AdkPart[]): void {
    for (const part of parts) {
      if (part.functionCall !== undefined) this.#pending.add(callKey(part.functionCall));
    }
    for (const part of parts) {
      if (part.functionResponse !== undefined) this.#pending.delete(callKey(part.functionResponse));
    }
    for (const id of event.longRunningToolIds ?? []) this.#longRunning.add(id);
  }

  #lead(): string {
    return this.#shown && this.#open === '' ? MESSAGE_SEPARATOR : '';
  }
}
