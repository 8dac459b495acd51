/**
 * @module draft-encoder
 * One encode worker (encode-worker.ts, the same code and protocol as the visitor's export)
 * prepared once for a draft, then asked for one unit at a time: chunk `k` of the draft's
 * GOP-aligned plan (shared/render-chunk-plan.ts) by `encode-range`, or the whole soundtrack
 * (mixed here, as `OfflineAudioContext` exists only on the main thread) by `audio`. A render
 * worker's page keeps one across the chunk leases of a render, so the fonts, media and H.264
 * encoder are set up once per render rather than once per chunk. A failed or aborted unit ends
 * the worker (it may be mid-range); {@link DraftEncoder.usable} then says to make a new one.
 *
 * @example
 * const encoder = new DraftEncoder(draft, { encodeAudio: false });
 * const chunk = await encoder.encodeChunk(3, signal); // a chunk file (shared/render-chunk-file.ts)
 * encoder.terminate();
 */
import type { Draft } from '../../shared/draft-schema';
import { chunkFrameRange, planChunks } from '../../shared/render-chunk-plan';
import type { ChunkPlan } from '../../shared/render-chunk-plan';
import { workerEventSchema } from './encode-protocol';
import { mixAudio } from './mix-audio';
import { urlLoader } from './media-frames';
import { RenderAbortedError, RenderError, renderErrorFromCode } from './render-errors';
import { toMixedAudio } from './render-video';

/** What the unit in flight waits for: the chunk of `index`, or the encoded audio. */
interface PendingUnit {
  awaits: { kind: 'chunk'; index: number } | { kind: 'audio' };
  resolve: (bytes: Uint8Array<ArrayBuffer>) => void;
  reject: (error: Error) => void;
}

/** An encode worker prepared for one draft; one unit at a time. */
export class DraftEncoder {
  readonly plan: ChunkPlan;
  readonly #draft: Draft;
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  #pending: PendingUnit | null = null;
  /** Set once the worker failed, was aborted mid-unit or terminated: it takes no more units. */
  #ended: Error | null = null;

  /**
   * Starts the worker and prepares it for `draft` (its uploads are not readable here: render
   * workers only get drafts without them, see shared/draft-media-ids.ts).
   * @param options.encodeAudio set up the AAC encoder too (for {@link encodeAudio})
   */
  constructor(draft: Draft, options: { encodeAudio: boolean }) {
    this.#draft = draft;
    this.plan = planChunks({ durationMs: draft.durationMs, fps: draft.canvas.fps });
    this.#worker = new Worker(new URL('./encode-worker.ts', import.meta.url), {
      type: 'module',
      name: 'reelwright-encode',
    });
    let markReady: () => void = () => undefined;
    this.#ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    this.#worker.addEventListener('error', (event) =>
      this.#end(new RenderError('encode-failed', `The encode worker failed: ${event.message}.`)),
    );
    this.#worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = workerEventSchema.safeParse(event.data);
      if (!message.success) {
        this.#end(
          new RenderError('encode-failed', 'The encode worker sent an unexpected message.'),
        );
        return;
      }
      const data = message.data;
      if (data.type === 'ready') markReady();
      else if (data.type === 'chunk')
        this.#settle({ kind: 'chunk', index: data.index }, data.bytes);
      else if (data.type === 'audio-encoded') this.#settle({ kind: 'audio' }, data.bytes);
      else if (data.type === 'error') this.#end(renderErrorFromCode(data.code, data.message));
      // `progress`: a unit is one chunk, the page reports none.
    });
    this.#worker.postMessage({
      type: 'prepare',
      draft,
      mediaUrls: {},
      encodeAudio: options.encodeAudio,
    });
  }

  /** True while the worker can take another unit (it has not failed, been aborted or ended). */
  get usable(): boolean {
    return this.#ended === null;
  }

  /**
   * Encodes chunk `index` of {@link plan}.
   * @returns its chunk file (shared/render-chunk-file.ts)
   * @throws RenderError as the export does (`encode-failed`, `unsupported-video`, …);
   *   RenderAbortedError when `signal` aborts (the worker is ended); RangeError for an index
   *   outside the plan
   */
  async encodeChunk(index: number, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    if (!Number.isInteger(index) || index < 0 || index >= this.plan.chunkCount)
      throw new RangeError(`chunk ${index} is outside the plan (${this.plan.chunkCount} chunks)`);
    return this.#run({ kind: 'chunk', index }, signal, async () => {
      this.#worker.postMessage({
        type: 'encode-range',
        index,
        ...chunkFrameRange(this.plan, index),
      });
    });
  }

  /**
   * Mixes the draft's soundtrack and encodes it (the encoder must have been made with
   * `encodeAudio`).
   * @returns the soundtrack's audio chunk file
   * @throws RenderError (`audio-mix-failed`, `unsupported-audio`, …); RenderAbortedError when
   *   `signal` aborts
   */
  async encodeAudio(signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    return this.#run({ kind: 'audio' }, signal, async () => {
      const mixed = toMixedAudio(await mixAudio(this.#draft, urlLoader({})));
      this.#worker.postMessage(
        { type: 'audio', audio: mixed },
        mixed.channels.map((channel) => channel.buffer),
      );
    });
  }

  /** Ends the worker; a unit in flight rejects with RenderAbortedError. */
  terminate(): void {
    this.#end(new RenderAbortedError());
  }

  /** Sends one unit once the worker is ready, and resolves with what it answers. */
  async #run(
    awaits: PendingUnit['awaits'],
    signal: AbortSignal | undefined,
    send: () => Promise<void>,
  ): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#ended !== null) throw this.#ended;
    if (this.#pending !== null) throw new Error('the encoder is busy with another unit');
    if (signal?.aborted) throw new RenderAbortedError({ cause: signal.reason });
    const answer = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
      this.#pending = { awaits, resolve, reject };
    });
    const onAbort = () => this.#end(new RenderAbortedError({ cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([this.#ready, answer]);
      await send();
      return await answer;
    } catch (error) {
      this.#end(error instanceof Error ? error : new Error(String(error)));
      throw this.#ended ?? error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#pending = null;
    }
  }

  /** Hands what the worker answered to the unit that waits for it. */
  #settle(answered: PendingUnit['awaits'], bytes: ArrayBuffer): void {
    const pending = this.#pending;
    const expected =
      pending !== null &&
      pending.awaits.kind === answered.kind &&
      (answered.kind !== 'chunk' ||
        (pending.awaits.kind === 'chunk' && pending.awaits.index === answered.index));
    if (!expected) {
      this.#end(new RenderError('encode-failed', 'The encode worker answered a unit not asked.'));
      return;
    }
    pending.resolve(new Uint8Array(bytes));
  }

  /** Ends the worker for good with `reason`, rejecting the unit in flight (the first reason wins). */
  #end(reason: Error): void {
    if (this.#ended === null) {
      this.#ended = reason;
      this.#worker.terminate();
    }
    this.#pending?.reject(this.#ended);
  }
}
