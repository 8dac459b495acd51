/**
 * @module media-model
 * The visitor's uploads: the session's media bin (items from the edge) and the files on their
 * way (one task per file, with byte progress, probing, converting, cancel and a plain error).
 * Several files upload at once; each is probed in this browser once stored, and only then is it
 * "ready" for the director (`media/upload-and-probe.ts`, loaded lazily: a file this browser
 * cannot decode, e.g. AVI, is converted to MP4 there first). A file that cannot be used is removed
 * from the edge again and its task says why.
 */
import { action, computed, createModel, signal } from '@preact/signals';
import type { MediaItem } from '../../../shared/media-schema';
import { isAbort } from '../api-error';
import { plainError } from '../format/plain-error';
import { listMedia } from '../media/upload-client';
import type { NoticeModel } from './notice-model';
import type { SessionModel } from './session-model';

/**
 * One file on its way: `uploading` → `probing` → `done`, or `failed` / `cancelled`; a file the
 * browser cannot decode goes `probing` → (`waiting`, while other files convert) → `converting` →
 * `uploading` (the MP4) → `probing` → `done`.
 */
export interface UploadTask {
  key: string;
  name: string;
  sizeBytes: number;
  /** 0..1 of the bytes stored at the edge (while `converting`: of the file's length converted). */
  progress: number;
  state: 'uploading' | 'probing' | 'waiting' | 'converting' | 'done' | 'failed' | 'cancelled';
  error: string | null;
}

/** Dependencies of {@link MediaModel}. */
export interface MediaModelDeps {
  session: InstanceType<typeof SessionModel>;
  notices: InstanceType<typeof NoticeModel>;
}

/** The media model (see the module doc). */
export const MediaModel = createModel(({ session }: MediaModelDeps) => {
  const items = signal<MediaItem[]>([]);
  const tasks = signal<UploadTask[]>([]);
  /** Bumped to ask the upload button to open the file picker (the "upload" intent). */
  const pickerRequests = signal(0);
  const controllers = new Map<string, AbortController>();
  let nextKey = 0;

  const readyItems = computed(() => items.value.filter((item) => item.status === 'ready'));
  const isActive = (task: UploadTask): boolean =>
    task.state === 'uploading' ||
    task.state === 'probing' ||
    task.state === 'waiting' ||
    task.state === 'converting';
  const busy = computed(() => tasks.value.some(isActive));

  const patch = (key: string, change: Partial<UploadTask>): void => {
    tasks.value = tasks.value.map((task) => (task.key === key ? { ...task, ...change } : task));
  };

  /** Reloads the bin from the edge (after a restore or an upload). Never rejects. */
  const refresh = action(async (): Promise<void> => {
    const id = session.sessionId.value;
    if (id === null) {
      items.value = [];
      return;
    }
    try {
      items.value = await listMedia(id);
    } catch {
      // The bin stays as it was; the next upload or reload tries again.
    }
  });

  async function uploadOne(
    sessionId: string,
    file: File,
    key: string,
    controller: AbortController,
    turn: { wait: Promise<void>; done: () => void },
  ): Promise<void> {
    try {
      await turn.wait;
      // The upload pipeline (and, inside it, mediabunny and ffmpeg.wasm) loads on the first upload.
      const { uploadAndProbe } = await import('../media/upload-and-probe');
      const ready = await uploadAndProbe(
        sessionId,
        file,
        controller.signal,
        (step) => patch(key, step),
        turn.done,
      );
      items.value = [...items.value.filter((item) => item.id !== ready.id), ready].sort(
        (a, b) => a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name),
      );
      patch(key, { state: 'done' });
    } catch (cause) {
      if (controller.signal.aborted || isAbort(cause))
        patch(key, { state: 'cancelled', error: null });
      else patch(key, { state: 'failed', error: plainError(cause) });
    } finally {
      turn.done();
      controllers.delete(key);
    }
  }

  /** Uploads every file at once (creating the session if needed); resolves when all settled. */
  const uploadFiles = action(async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    const started = files.map((file) => {
      const key = `upload-${++nextKey}`;
      const controller = new AbortController();
      controllers.set(key, controller);
      return { file, key, controller };
    });
    tasks.value = [
      ...tasks.value,
      ...started.map(
        ({ file, key }): UploadTask => ({
          key,
          name: file.name,
          sizeBytes: file.size,
          progress: 0,
          state: 'uploading',
          error: null,
        }),
      ),
    ];
    let sessionId: string;
    try {
      sessionId = await session.ensure();
    } catch (cause) {
      for (const { key } of started) patch(key, { state: 'failed', error: plainError(cause) });
      return;
    }
    // Uploads start one after another (so the edge records them in the order picked: the
    // director uses that order), then their parts go up side by side.
    let previous = Promise.resolve();
    await Promise.all(
      started.map(({ file, key, controller }) => {
        let done = (): void => undefined;
        const turn = { wait: previous, done: () => done() };
        previous = new Promise<void>((resolve) => {
          done = resolve;
        });
        return uploadOne(sessionId, file, key, controller, turn);
      }),
    );
  });

  /** Stops one file's upload; the edge drops what it had stored of it. */
  const cancel = action((key: string): void => {
    controllers.get(key)?.abort();
  });

  /** Hides the finished, failed and cancelled tasks. */
  const clearFinished = action((): void => {
    tasks.value = tasks.value.filter(isActive);
  });

  /** Asks the upload control to open the file picker. */
  const requestPicker = action((): void => {
    pickerRequests.value += 1;
  });

  /** Forgets the bin (a new video starts a new session). */
  const reset = action((): void => {
    for (const controller of controllers.values()) controller.abort();
    items.value = [];
    tasks.value = [];
  });

  return {
    items,
    tasks,
    readyItems,
    busy,
    pickerRequests,
    refresh,
    uploadFiles,
    cancel,
    clearFinished,
    requestPicker,
    reset,
  };
});

export type MediaModel = InstanceType<typeof MediaModel>;
