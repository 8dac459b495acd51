/**
 * @module chunk-schedule
 * Which chunk each encode worker of a browser render draws next, and when a finished chunk may
 * go to the chunk store (render-chunk-store.ts). Pure bookkeeping, no workers or timers, so
 * render-video.ts only relays messages.
 *
 * Rules:
 * - A worker takes the lowest chunk nobody has taken (chunks before `firstChunk` are stored
 *   already: a resumed render skips them).
 * - Chunks are released to the store strictly in order: a finished chunk k+1 is held until
 *   chunk k has finished too (the render's ledger at the edge records chunks in order).
 * - Memory: a worker has at most one finished chunk waiting (held, or released but not yet
 *   stored); it takes no new chunk until that one is stored. So the page holds at most one
 *   finished chunk per worker besides what the store queues.
 * - Progress counts the stored frames before `firstChunk`, every finished chunk and the frames
 *   each worker has drawn of the chunk it is on.
 *
 * @example
 * const schedule = new ChunkSchedule<Uint8Array>(planChunks({ durationMs: 12_000, fps: 30 }), 0, 2);
 * schedule.take(0); // { index: 0, firstFrame: 0, frameCount: 120 }
 * schedule.take(1); // { index: 1, firstFrame: 120, frameCount: 120 }
 * schedule.finish(1, 1, bytes1); // [] — held until chunk 0 is done
 * schedule.finish(0, 0, bytes0); // [{ index: 0, … }, { index: 1, … }], store them in this order
 */
import { type ChunkPlan, chunkFrameRange } from '../../shared/render-chunk-plan';

/** One chunk as a frame range: frames `firstFrame … firstFrame + frameCount - 1` of the video. */
export interface ChunkRange {
  index: number;
  firstFrame: number;
  frameCount: number;
}

/** A finished chunk released for storing, with what the worker made of it. */
export interface ReleasedChunk<T> {
  index: number;
  payload: T;
}

/** The chunk schedule of one render over `workerCount` workers (numbered from 0). */
export class ChunkSchedule<T> {
  private nextToTake: number;
  private nextToRelease: number;
  private storedCount = 0;
  /** Finished chunks not yet released, by index, with the worker that made them. */
  private readonly held = new Map<number, { worker: number; payload: T }>();
  /** Released chunks not yet stored: index → worker. */
  private readonly storing = new Map<number, number>();
  /** What each worker draws now, and how many of its frames are done. */
  private readonly current: ({ range: ChunkRange; framesDone: number } | null)[];
  /** Finished chunks per worker that are not stored yet (held or storing). */
  private readonly waitingBy: number[];
  /** Frames of chunks finished here or stored before this page. */
  private framesFinished: number;
  /** Chunks each worker finished. */
  readonly chunksBy: number[];

  /**
   * @param plan the render's chunk plan (shared/render-chunk-plan.ts)
   * @param firstChunk chunks `0 … firstChunk - 1` are stored already (0 ≤ firstChunk ≤ chunkCount)
   * @param workerCount encode workers (≥ 1)
   * @throws RangeError when `firstChunk` or `workerCount` is out of range
   */
  constructor(
    private readonly plan: ChunkPlan,
    private readonly firstChunk: number,
    workerCount: number,
  ) {
    if (!Number.isInteger(firstChunk) || firstChunk < 0 || firstChunk > plan.chunkCount)
      throw new RangeError(`first chunk ${firstChunk} is not in 0…${plan.chunkCount}`);
    if (!Number.isInteger(workerCount) || workerCount < 1)
      throw new RangeError(`worker count ${workerCount} is not a positive integer`);
    this.nextToTake = firstChunk;
    this.nextToRelease = firstChunk;
    this.framesFinished = Math.min(plan.totalFrames, firstChunk * plan.chunkFrames);
    this.current = Array.from({ length: workerCount }, () => null);
    this.waitingBy = Array.from({ length: workerCount }, () => 0);
    this.chunksBy = Array.from({ length: workerCount }, () => 0);
  }

  /**
   * The next chunk for `worker`, now marked as its own; null when every chunk is taken, or the
   * worker is still drawing one, or one of its finished chunks is not stored yet.
   */
  take(worker: number): ChunkRange | null {
    this.checkWorker(worker);
    if (this.current[worker] !== null || this.waitingBy[worker] !== 0) return null;
    if (this.nextToTake >= this.plan.chunkCount) return null;
    const index = this.nextToTake++;
    const range = { index, ...chunkFrameRange(this.plan, index) };
    this.current[worker] = { range, framesDone: 0 };
    return range;
  }

  /** `worker` has drawn and encoded `framesDone` frames of its current chunk. */
  progress(worker: number, framesDone: number): void {
    this.checkWorker(worker);
    const current = this.current[worker];
    if (current) current.framesDone = Math.max(0, Math.min(current.range.frameCount, framesDone));
  }

  /**
   * `worker` finished chunk `index`. Returns the chunks to store now, in order (possibly none:
   * an earlier chunk is still being drawn).
   * @throws Error when `worker` was not drawing chunk `index`
   */
  finish(worker: number, index: number, payload: T): ReleasedChunk<T>[] {
    this.checkWorker(worker);
    const current = this.current[worker];
    if (current?.range.index !== index)
      throw new Error(`worker ${worker} finished chunk ${index}, which it was not drawing`);
    this.current[worker] = null;
    this.framesFinished += current.range.frameCount;
    this.chunksBy[worker] = (this.chunksBy[worker] ?? 0) + 1;
    this.waitingBy[worker] = (this.waitingBy[worker] ?? 0) + 1;
    this.held.set(index, { worker, payload });
    const released: ReleasedChunk<T>[] = [];
    for (let next = this.held.get(this.nextToRelease); next; ) {
      const at = this.nextToRelease++;
      this.held.delete(at);
      this.storing.set(at, next.worker);
      released.push({ index: at, payload: next.payload });
      next = this.held.get(this.nextToRelease);
    }
    return released;
  }

  /**
   * Released chunk `index` is stored: its worker may take another.
   * @throws Error when chunk `index` was not released or is stored already
   */
  stored(index: number): void {
    const worker = this.storing.get(index);
    if (worker === undefined) throw new Error(`chunk ${index} was not waiting to be stored`);
    this.storing.delete(index);
    this.waitingBy[worker] = (this.waitingBy[worker] ?? 1) - 1;
    this.storedCount++;
  }

  /** Every chunk of the render is stored (here or before this page). */
  get allStored(): boolean {
    return this.firstChunk + this.storedCount === this.plan.chunkCount;
  }

  /** Frames done: stored before this page, finished here, and drawn so far of current chunks. */
  get framesDone(): number {
    return this.current.reduce((sum, at) => sum + (at?.framesDone ?? 0), this.framesFinished);
  }

  private checkWorker(worker: number): void {
    if (!Number.isInteger(worker) || worker < 0 || worker >= this.current.length)
      throw new RangeError(`worker ${worker} is not in 0…${this.current.length - 1}`);
  }
}
