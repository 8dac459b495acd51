/**
 * @module map-adk-events
 * Turns the ADK events of one chat stream into our {@link EngineEvent}s. Text: `partial`
 * deltas are shown as they come; a final (non-partial) event holds the whole text of that
 * message and is NOT shown again (a final without deltas before it is shown once, as a delta);
 * at the end {@link AdkTurnMapper.finish} gives the whole reply once, which replaces the
 * deltas. Function calls become status lines; function responses (role "user") and thoughts
 * are not chat text.
 */
import type { EngineEvent } from '../engine';
import { MAX_EVENT_TEXT_CHARS } from '../../../shared/events-schema';
import type { AdkEvent } from './upstream-schema';
import { toolStatus } from './gui-actions';

/** Between two messages of one reply. */
const MESSAGE_SEPARATOR = '\n\n';

/** Maps one stream's events; one instance per stream. */
export class AdkTurnMapper {
  /** Whole texts of finished messages. */
  readonly #finals: string[] = [];
  /** Deltas of the message in progress (shown, no final yet). */
  #open = '';
  /** Whether anything was shown as a delta (for the separator between messages). */
  #shown = false;
  /** Error events seen inside the stream (`errorCode`/`errorMessage`). */
  errors = 0;

  /** The engine events for one ADK event (may be none). */
  map(event: AdkEvent): EngineEvent[] {
    const out: EngineEvent[] = [];
    if (event.errorCode !== undefined || event.errorMessage !== undefined) {
      this.errors += 1;
      console.warn('upstream event error', event.errorCode, event.errorMessage?.slice(0, 200));
      out.push({
        type: 'error',
        code: 'upstream_failed',
        message:
          'The video service reported a problem while answering. Your draft is as shown; please try again.',
      });
      return out;
    }
    const parts = event.content?.parts ?? [];
    if (event.content?.role === 'user') return out; // function responses
    for (const part of parts) {
      if (part.functionCall !== undefined)
        out.push({ type: 'status', message: toolStatus(part.functionCall.name) });
    }
    const text = parts
      .filter((part) => part.thought !== true && typeof part.text === 'string')
      .map((part) => part.text ?? '')
      .join('')
      .slice(0, MAX_EVENT_TEXT_CHARS - MESSAGE_SEPARATOR.length);
    if (text === '') return out;
    if (event.partial === true) {
      out.push({ type: 'text-delta', delta: this.#lead() + text });
      this.#open += text;
      this.#shown = true;
      return out;
    }
    if (this.#open === '') {
      out.push({ type: 'text-delta', delta: this.#lead() + text });
      this.#shown = true;
    }
    this.#finals.push(text);
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

  #lead(): string {
    return this.#shown && this.#open === '' ? MESSAGE_SEPARATOR : '';
  }
}
