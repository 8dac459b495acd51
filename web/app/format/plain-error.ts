/**
 * @module plain-error
 * Turns anything thrown into one sentence a visitor can read. {@link ApiError}s already carry
 * the server's plain message (a limit's refusal is said in the current locale instead, from its
 * code); browser errors (WebCodecs, audio, memory) get a short
 * explanation (in the current locale) instead of a stack trace.
 */
import { ApiError } from '../api-error';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';

/** The locale's message for each limit's refusal code (README "Limits and abuse"). */
const LIMIT_MESSAGES: Readonly<Record<string, MessageKey>> = {
  too_many_new_visitors: 'error.tooManyNewVisitors',
  session_limit: 'error.sessionLimit',
  upload_quota_exceeded: 'error.uploadQuotaExceeded',
  session_media_limit: 'error.sessionMediaLimit',
  export_rate_limited: 'error.exportRateLimited',
  remote_export_limit: 'error.remoteExportLimit',
};

/**
 * The plain-words message for an unknown thrown value.
 *
 * @example
 * plainError(new ApiError(402, 'out_of_credits', 'You are out of credits.')) // 'You are out of credits.'
 */
export function plainError(cause: unknown): string {
  if (cause instanceof ApiError) {
    const key = LIMIT_MESSAGES[cause.code];
    return key === undefined ? cause.message : t(key);
  }
  if (cause instanceof DOMException && cause.name === 'AbortError') return t('error.stopped');
  if (cause instanceof DOMException && cause.name === 'NotSupportedError') {
    return t('error.noEncoder');
  }
  if (cause instanceof RangeError) return t('error.tooLarge');
  if (cause instanceof Error && cause.message.trim() !== '') return sentence(cause.message.trim());
  return t('error.generic');
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
