/**
 * @module load-preview-runtime
 * Loads the preview's drawing code on demand: a dynamic import keeps it (and its font and icon
 * data) out of the first bundle, which only needs the chat.
 */

/** The lazily loaded preview module. */
export type PreviewRuntime = typeof import('./preview-runtime');

let loading: Promise<PreviewRuntime> | null = null;

/**
 * Imports the preview runtime once per page (later calls share the promise). Rejects when the
 * chunk cannot be fetched; a later call tries again.
 */
export function loadPreviewRuntime(): Promise<PreviewRuntime> {
  loading ??= import('./preview-runtime').catch((cause: unknown) => {
    loading = null;
    throw cause;
  });
  return loading;
}
