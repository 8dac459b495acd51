/**
 * @module upload-through-app
 * Uploads synthetic bytes through the running app's resumable upload API from Node, the way the
 * SPA does (create, PUT 8 MiB parts, complete), optionally cutting the connection in the middle
 * of the part at a given fraction and resuming by asking which parts exist. Used by the large
 * upload test and the upload-throughput bench.
 */
import { z } from 'zod';
import { uploadStatusSchema } from '../../shared/media-schema';
import type { MediaItem } from '../../shared/media-schema';

/** The bytes of part `n` (1-based) of a synthetic MP4-looking file of `size` bytes. */
export function syntheticPart(size: number, partSize: number, n: number): Uint8Array<ArrayBuffer> {
  const start = (n - 1) * partSize;
  const bytes = new Uint8Array(Math.min(partSize, size - start));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (start + i) % 251;
  if (n === 1) bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')], 0);
  return bytes;
}

/** A visitor of the app over HTTP with its cookie. */
export class AppVisitor {
  #cookie = '';
  constructor(readonly baseUrl: string) {}

  /** Calls the app and keeps the visitor cookie. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookie) headers.set('Cookie', this.#cookie);
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    const set = response.headers.get('Set-Cookie');
    if (set) this.#cookie = set.split(';')[0] ?? '';
    return response;
  }

  /** Creates a session and returns its id. */
  async createSession(): Promise<string> {
    const response = await this.fetch('/api/sessions', { method: 'POST' });
    return z.object({ session: z.object({ id: z.string() }) }).parse(await response.json()).session
      .id;
  }
}

/** What {@link uploadSynthetic} did. */
export interface UploadRun {
  media: MediaItem;
  wallMs: number;
  /** Part numbers re-sent after the cut (empty without one). */
  resentParts: number[];
  /** Parts the edge already had when asked after the cut. */
  partsKeptAtCut: number;
}

/**
 * Uploads `size` synthetic bytes into `sessionId`.
 * @param cutAtFraction cut the connection halfway through the part holding this fraction of the
 *   file (e.g. 0.5), then resume
 * @param onCut called right after the cut, before resuming (e.g. to read memory at mid-upload)
 * @throws Error when any answer is not the expected one
 */
export async function uploadSynthetic(
  visitor: AppVisitor,
  sessionId: string,
  size: number,
  cutAtFraction?: number,
  onCut?: () => void,
): Promise<UploadRun> {
  const startedAt = performance.now();
  const created = await visitor.fetch(`/api/sessions/${sessionId}/media`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'big.mp4', sizeBytes: size }),
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const { media } = uploadStatusSchema.parse(await created.json());
  const base = `/api/sessions/${sessionId}/media/${media.id}`;
  const cutPart =
    cutAtFraction === undefined
      ? null
      : Math.min(media.partCount, Math.floor((size * cutAtFraction) / media.partSizeBytes) + 1);
  const put = async (n: number, cut: boolean): Promise<void> => {
    const bytes = syntheticPart(size, media.partSizeBytes, n);
    if (!cut) {
      const response = await visitor.fetch(`${base}/parts/${n}`, { method: 'PUT', body: bytes });
      if (!response.ok) throw new Error(`part ${n}: ${response.status} ${await response.text()}`);
      return;
    }
    // Send half the part, then drop the connection.
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(bytes.subarray(0, bytes.length >> 1));
        setTimeout(() => controller.abort(new Error('connection cut')), 200);
      },
    });
    await visitor
      .fetch(`${base}/parts/${n}`, {
        method: 'PUT',
        body,
        signal: controller.signal,
        headers: { 'Content-Length': String(bytes.length) },
        duplex: 'half',
      } as RequestInit)
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  };
  for (let n = 1; n <= media.partCount; n++) {
    await put(n, n === cutPart);
    if (n === cutPart) break;
  }
  let resentParts: number[] = [];
  let partsKeptAtCut = 0;
  if (cutPart !== null) {
    onCut?.();
    const status = uploadStatusSchema.parse(await (await visitor.fetch(base)).json());
    partsKeptAtCut = status.uploadedParts.length;
    const have = new Set(status.uploadedParts);
    resentParts = Array.from({ length: media.partCount }, (_, i) => i + 1).filter(
      (n) => !have.has(n),
    );
    for (const n of resentParts) await put(n, false);
  }
  const done = await visitor.fetch(`${base}/complete`, { method: 'POST' });
  if (!done.ok) throw new Error(`complete: ${done.status} ${await done.text()}`);
  const item = z.object({ media: uploadStatusSchema.shape.media }).parse(await done.json()).media;
  return { media: item, wallMs: performance.now() - startedAt, resentParts, partsKeptAtCut };
}
