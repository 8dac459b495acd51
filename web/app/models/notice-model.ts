/**
 * @module notice-model
 * The error banner's state: one plain-words message at a time (the newest wins), dismissed by
 * the visitor or replaced by the next one.
 */
import { action, createModel, signal } from '@preact/signals';
import { plainError } from '../format/plain-error';

/** The banner model: `error` is the message shown (role="alert"), or null for none. */
export const NoticeModel = createModel(() => {
  const error = signal<string | null>(null);

  /** Shows `message` in the banner. */
  const showError = action((message: string) => {
    error.value = message;
  });

  /** Shows the plain-words form of anything thrown (see {@link plainError}). */
  const showFailure = action((cause: unknown) => {
    error.value = plainError(cause);
  });

  /** Hides the banner. */
  const dismiss = action(() => {
    error.value = null;
  });

  return { error, showError, showFailure, dismiss };
});

export type NoticeModel = InstanceType<typeof NoticeModel>;
