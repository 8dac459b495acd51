/**
 * @module media-frames
 * Decoded pictures of uploaded media for {@link drawFrame}: the draw stays synchronous, so the
 * caller first awaits {@link MediaFrames.prepare} for a time (it decodes ahead: each video
 * segment keeps a running mediabunny `CanvasSink` iterator, so sequential frames decode each
 * packet once), then draws; the media branch of draw-scene reads {@link MediaFrames.frameFor}.
 * Video (MP4, MOV, WebM, MKV: whatever WebCodecs decodes) goes through mediabunny with the file's
 * rotation applied; images through `createImageBitmap`; an animated GIF's frames through
 * WebCodecs' `ImageDecoder`, played in a loop from the segment's start.
 * Preview (main thread) and export (encode worker) use the same class, so they draw the same frames.
 */
import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny';
import type { WrappedCanvas } from 'mediabunny';
import type { Draft, VideoSegment } from '../../shared/draft-schema';
import { RenderError } from './render-errors';
import { requestHeaders } from './request-headers';

/** A picture ready to draw, with its size in px. */
export interface MediaFrame {
  image: CanvasImageSource;
  width: number;
  height: number;
}

/** What draw-scene needs: the frame prepared for a segment, or null (then it draws a placeholder). */
export interface MediaFrameLookup {
  frameFor(segment: VideoSegment): MediaFrame | null;
  /** The draft's logo (draw-logo.ts), or null when it has none or it could not be loaded. */
  logoFrame?(): MediaFrame | null;
}

/**
 * A jump further ahead than this restarts decoding at the new place instead of decoding every
 * frame in between (a seek in the preview); 2 s is about one GOP of typical camera files.
 */
const RESTART_AHEAD_S = 2;
/**
 * Canvases each video's sink reuses round-robin (no 8 MB allocation per 1080p frame). A cursor
 * holds two (the frame shown and the next one); the sink fills the next slot only when asked for
 * a frame, so 4 leaves a spare for `getCanvas` and never overwrites a canvas still shown.
 */
const CANVAS_POOL_SIZE = 4;
/** Frames whose start is within this of the asked time count as "at" it (float timestamps). */
const TIME_EPSILON_S = 1e-4;

/** One frame of an animated GIF: its picture and when it ends, ms from the animation's start. */
interface AnimationFrame {
  bitmap: ImageBitmap;
  endMs: number;
}

type Source =
  | { kind: 'image'; bitmap: ImageBitmap }
  | { kind: 'animation'; frames: AnimationFrame[]; loopMs: number }
  | { kind: 'video'; input: Input; sink: CanvasSink; durationS: number };

/**
 * Most frames kept of an animated GIF: 300 (10 s at 30 fps). Each is a decoded bitmap; a longer
 * animation plays its first 300 frames in a loop.
 */
const MAX_ANIMATION_FRAMES = 300;
/** Browsers show a GIF frame with a delay under 20 ms as 100 ms; we follow them. */
const MIN_GIF_FRAME_MS = 20;
const DEFAULT_GIF_FRAME_MS = 100;

/** One video segment's running decode position. */
interface Cursor {
  iterator: AsyncGenerator<WrappedCanvas, void, unknown>;
  current: WrappedCanvas | null;
  pending: WrappedCanvas | null;
  done: boolean;
}

/** Loads a file's bytes: `fetch` of a same-origin URL by default. */
export type MediaLoader = (mediaId: string) => Promise<Blob>;

/** Builds a loader from `{mediaId: url}`. @throws RenderError `media-failed` when a download fails */
export function urlLoader(urls: Readonly<Record<string, string>>): MediaLoader {
  return async (mediaId) => {
    const url = urls[mediaId];
    if (url === undefined)
      throw new RenderError('media-failed', 'A clip of this video is missing; upload it again.');
    const response = await fetch(url, { credentials: 'same-origin', headers: requestHeaders() });
    if (!response.ok)
      throw new RenderError(
        'media-failed',
        `A clip of this video could not be downloaded (HTTP ${response.status}).`,
      );
    return response.blob();
  };
}

/** Every media id the draft's video tracks show. */
function segmentMediaIds(draft: Draft): string[] {
  const ids = new Set<string>();
  for (const track of draft.tracks) {
    if (track.kind !== 'video') continue;
    for (const segment of track.segments)
      if (segment.visual.type === 'media') ids.add(segment.visual.mediaId);
  }
  return [...ids];
}

/** Every media id the draft shows: its video tracks' uploads and its logo. */
export function visualMediaIds(draft: Draft): string[] {
  const ids = segmentMediaIds(draft);
  return draft.logo && !ids.includes(draft.logo.mediaId) ? [...ids, draft.logo.mediaId] : ids;
}

/** Decoded media for one draft (see the module doc). Call {@link dispose} when done. */
export class MediaFrames implements MediaFrameLookup {
  readonly #sources = new Map<string, Source>();
  readonly #cursors = new Map<string, Cursor>();
  readonly #frames = new Map<string, MediaFrame>();
  #logo: ImageBitmap | null = null;
  /** Why the draft's logo is left out (deleted, not the visitor's, not a picture), or null. */
  logoSkipped: string | null = null;

  /**
   * Opens every visual upload of `draft`, and its logo: a logo that cannot be downloaded or
   * decoded is left out ({@link logoSkipped} says why), never fatal.
   * @throws RenderError `media-failed` with a plain message when a scene's file cannot be read or decoded
   */
  static async open(draft: Draft, load: MediaLoader): Promise<MediaFrames> {
    const frames = new MediaFrames();
    for (const mediaId of segmentMediaIds(draft))
      frames.#sources.set(mediaId, await openSource(await load(mediaId)));
    if (draft.logo) {
      try {
        const file = await load(draft.logo.mediaId);
        frames.#logo = await createImageBitmap(file);
      } catch (cause) {
        frames.logoSkipped = `The logo was left out: ${cause instanceof Error ? cause.message : String(cause)}`;
        console.warn(frames.logoSkipped);
      }
    }
    return frames;
  }

  /** The draft's logo, decoded once by {@link open}; null without one. */
  logoFrame(): MediaFrame | null {
    const logo = this.#logo;
    return logo ? { image: logo, width: logo.width, height: logo.height } : null;
  }

  #queue: Promise<void> = Promise.resolve();

  /**
   * Decodes (ahead) what every video track shows at `timeMs`, including a transition's outgoing
   * segment. Calls run one after another (the preview may ask again before a decode finished).
   * @throws RenderError `media-failed` when decoding fails part-way
   */
  prepare(draft: Draft, timeMs: number): Promise<void> {
    const run = this.#queue.then(() => this.#prepare(draft, timeMs));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #prepare(draft: Draft, timeMs: number): Promise<void> {
    const wanted = new Set<string>();
    for (const track of draft.tracks) {
      if (track.kind !== 'video') continue;
      for (const segment of segmentsAt(track.segments, timeMs)) {
        if (segment.visual.type !== 'media') continue;
        wanted.add(segment.id);
        const source = this.#sources.get(segment.visual.mediaId);
        if (!source) continue;
        if (source.kind === 'image') {
          this.#frames.set(segment.id, {
            image: source.bitmap,
            width: source.bitmap.width,
            height: source.bitmap.height,
          });
          continue;
        }
        if (source.kind === 'animation') {
          const at = (((timeMs - segment.startMs) % source.loopMs) + source.loopMs) % source.loopMs;
          const frame =
            source.frames.find((candidate) => at < candidate.endMs) ??
            source.frames[source.frames.length - 1];
          if (frame)
            this.#frames.set(segment.id, {
              image: frame.bitmap,
              width: frame.bitmap.width,
              height: frame.bitmap.height,
            });
          continue;
        }
        const seconds = Math.min(
          Math.max(0, (segment.visual.sourceStartMs + timeMs - segment.startMs) / 1000),
          Math.max(0, source.durationS - TIME_EPSILON_S),
        );
        const frame = await this.#videoFrame(segment, source, seconds);
        if (frame)
          this.#frames.set(segment.id, {
            image: frame.canvas,
            width: frame.canvas.width,
            height: frame.canvas.height,
          });
      }
    }
    for (const id of [...this.#cursors.keys()]) {
      if (!wanted.has(id)) await this.#closeCursor(id);
    }
    for (const id of [...this.#frames.keys()]) if (!wanted.has(id)) this.#frames.delete(id);
  }

  /** The picture prepared for `segment` by the last {@link prepare}, or null. */
  frameFor(segment: VideoSegment): MediaFrame | null {
    return this.#frames.get(segment.id) ?? null;
  }

  /** Stops decoding and frees the files. */
  async dispose(): Promise<void> {
    for (const id of [...this.#cursors.keys()]) await this.#closeCursor(id);
    this.#logo?.close();
    this.#logo = null;
    for (const source of this.#sources.values()) {
      if (source.kind === 'image') source.bitmap.close();
      else if (source.kind === 'animation') for (const frame of source.frames) frame.bitmap.close();
      else source.input.dispose();
    }
    this.#sources.clear();
    this.#frames.clear();
  }

  async #videoFrame(
    segment: VideoSegment,
    source: Extract<Source, { kind: 'video' }>,
    seconds: number,
  ): Promise<WrappedCanvas | null> {
    let cursor = this.#cursors.get(segment.id);
    const behind = cursor?.current && seconds + TIME_EPSILON_S < cursor.current.timestamp;
    const farAhead = cursor?.pending && seconds > cursor.pending.timestamp + RESTART_AHEAD_S;
    if (!cursor || behind || farAhead) {
      await this.#closeCursor(segment.id);
      const iterator = source.sink.canvases(seconds);
      const first = await iterator.next();
      const second = first.done ? null : await iterator.next();
      cursor = {
        iterator,
        current: first.done ? null : first.value,
        pending: second && !second.done ? second.value : null,
        done: first.done === true || second?.done === true,
      };
      this.#cursors.set(segment.id, cursor);
    }
    while (cursor.pending && cursor.pending.timestamp <= seconds + TIME_EPSILON_S) {
      cursor.current = cursor.pending;
      const next = cursor.done ? null : await cursor.iterator.next();
      cursor.pending = next && !next.done ? next.value : null;
      if (!next || next.done) cursor.done = true;
    }
    return cursor.current ?? (await source.sink.getCanvas(seconds));
  }

  async #closeCursor(id: string): Promise<void> {
    const cursor = this.#cursors.get(id);
    this.#cursors.delete(id);
    await cursor?.iterator.return(undefined).catch(() => undefined);
  }
}

/** The segments drawn at `timeMs`: the active one and, during its transition in, the one before. */
function segmentsAt(segments: readonly VideoSegment[], timeMs: number): VideoSegment[] {
  const shown: VideoSegment[] = [];
  segments.forEach((segment, i) => {
    const end = segment.startMs + segment.durationMs;
    if (segment.startMs <= timeMs && timeMs < end) {
      shown.push(segment);
      const previous = segments[i - 1];
      const transition = segment.transitionIn;
      if (
        previous &&
        transition &&
        transition.kind !== 'cut' &&
        timeMs < segment.startMs + transition.durationMs
      )
        shown.push(previous);
    }
  });
  return shown;
}

/**
 * Decodes an animated GIF's frames with WebCodecs' `ImageDecoder` (null for a still GIF: it is
 * drawn as an image).
 */
async function openAnimation(blob: Blob): Promise<Source | null> {
  const decoder = new ImageDecoder({ data: blob.stream(), type: blob.type });
  try {
    await decoder.tracks.ready;
    const track = decoder.tracks.selectedTrack;
    if (!track?.animated || track.frameCount < 2) return null;
    await decoder.completed;
    const frames: AnimationFrame[] = [];
    let endMs = 0;
    for (
      let frameIndex = 0;
      frameIndex < Math.min(track.frameCount, MAX_ANIMATION_FRAMES);
      frameIndex++
    ) {
      const { image } = await decoder.decode({ frameIndex });
      const delayMs = (image.duration ?? 0) / 1000;
      endMs += delayMs >= MIN_GIF_FRAME_MS ? delayMs : DEFAULT_GIF_FRAME_MS;
      frames.push({ bitmap: await createImageBitmap(image), endMs });
      image.close();
    }
    return { kind: 'animation', frames, loopMs: endMs };
  } finally {
    decoder.close();
  }
}

/** Opens one file: an image bitmap, or a mediabunny video input with a canvas sink. */
async function openSource(blob: Blob): Promise<Source> {
  if (blob.type === 'image/gif' && typeof ImageDecoder !== 'undefined') {
    const animation = await openAnimation(blob).catch(() => null);
    if (animation) return animation;
  }
  if (blob.type.startsWith('image/')) {
    try {
      return { kind: 'image', bitmap: await createImageBitmap(blob) };
    } catch (cause) {
      throw new RenderError('media-failed', 'A photo of this video could not be decoded.', {
        cause,
      });
    }
  }
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new RenderError('media-failed', 'A clip of this video has no picture.');
    if (!(await track.canDecode())) {
      throw new RenderError(
        'media-failed',
        `This browser cannot decode a clip of this video (${track.codec ?? 'unknown'} codec); convert it to MP4 (H.264) and upload it again.`,
      );
    }
    return {
      kind: 'video',
      input,
      sink: new CanvasSink(track, { poolSize: CANVAS_POOL_SIZE }),
      durationS: await track.computeDuration(),
    };
  } catch (cause) {
    input.dispose();
    if (cause instanceof RenderError) throw cause;
    throw new RenderError(
      'media-failed',
      'A clip of this video could not be read; it may be damaged or cut short.',
      { cause },
    );
  }
}
