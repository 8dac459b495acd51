/**
 * @module plain-error
 * Turns anything thrown into one sentence a visitor can read. {@link ApiError}s already carry
 * the server's plain message; browser errors (WebCodecs, audio, memory) get a short
 * explanation instead of a stack trace.
 */
import { ApiError } from '../api-error';

/**
 * The plain-words message for an unknown thrown value.
 *
 * @example
 * plainError(new ApiError(402, 'out_of_credits', 'You are out of credits.')) // 'You are out of credits.'
 */
export function plainError(cause: unknown): string {
  if (cause instanceof ApiError) return cause.message;
  if (cause instanceof DOMException && cause.name === 'AbortError') return 'Stopped.';
  if (cause instanceof DOMException && cause.name === 'NotSupportedError') {
    return 'This browser cannot encode video. Try a recent Chrome, Edge or Safari.';
  }
  if (cause instanceof RangeError) return 'The video is too large for this browser to handle. Try a shorter one.';
  if (cause instanceof Error && cause.message.trim() !== '') return sentence(cause.message.trim());
  return 'Something went wrong. Try again.';
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
