/**
 * @module serve-r2-object
 * Answers a `GET` for one stored R2 object of known size with HTTP Range support (RFC 9110
 * §14): no `Range` → 200 with the whole file; one satisfiable `bytes=` range → 206 with
 * `Content-Range`; anything else → 416 `range_not_satisfiable` whose `Content-Range` gives the
 * size (byte-range.ts). Hono has no Range helper for R2 bodies, so both file routes (an upload,
 * a finished render) answer through this one function.
 */
import type { Context } from 'hono';
import { parseRange } from './byte-range';

/** The object to serve and the headers of every answer about it. */
export interface R2ObjectFile {
  bucket: R2Bucket;
  key: string;
  /** The object's size in bytes, as recorded when it was stored. */
  sizeBytes: number;
  /** `Content-Type`, `Content-Disposition`, `Cache-Control`…; `Accept-Ranges` and `ETag` are added. */
  headers: Record<string, string>;
}

/**
 * Serves `file` for the request of `c` (its `Range` header).
 * @returns the 200, 206 or 416 answer, or null when the object is missing from R2 (the caller
 *   answers its own 404).
 */
export async function serveR2Object(c: Context, file: R2ObjectFile): Promise<Response | null> {
  const rangeHeader = c.req.header('Range');
  const request = parseRange(rangeHeader, file.sizeBytes);
  const headers: Record<string, string> = { ...file.headers, 'Accept-Ranges': 'bytes' };
  if (request.kind === 'unsatisfiable') {
    return c.json(
      {
        error: {
          code: 'range_not_satisfiable',
          message: `The Range "${rangeHeader ?? ''}" does not fit this ${file.sizeBytes}-byte file.`,
        },
      },
      416,
      {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Range': `bytes */${file.sizeBytes}`,
      },
    );
  }
  const object = await file.bucket.get(
    file.key,
    request.kind === 'range' ? { range: request.range } : {},
  );
  if (object === null) return null;
  headers.ETag = object.httpEtag;
  if (request.kind === 'whole')
    return c.body(object.body, 200, { ...headers, 'Content-Length': String(file.sizeBytes) });
  const { offset, length } = request.range;
  return c.body(object.body, 206, {
    ...headers,
    'Content-Length': String(length),
    'Content-Range': `bytes ${offset}-${offset + length - 1}/${file.sizeBytes}`,
  });
}
