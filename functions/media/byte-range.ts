/**
 * @module byte-range
 * Parses an HTTP `Range` header (RFC 9110 §14) for one file of known size. Only single
 * `bytes=` ranges are served; anything else is refused with 416 rather than guessed at.
 */

/** A satisfiable range: `length` bytes from `offset` (both in bytes). */
export interface ByteRange {
  offset: number;
  length: number;
}

/** No header (serve the whole file), a range, or a header we refuse (answer 416). */
export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'range'; range: ByteRange }
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * @param header the `Range` header, or undefined.
 * @param size the file's size in bytes.
 * @example parseRange('bytes=0-99', 1000)  // {kind:'range', range:{offset:0, length:100}}
 * @example parseRange('bytes=-100', 1000)  // last 100 bytes
 * @example parseRange('bytes=2000-', 1000) // {kind:'unsatisfiable'}
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined || header.trim() === '') return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ''));
  if (match === null) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const length = Math.min(suffix, size);
    return { kind: 'range', range: { offset: size - length, length } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start)
    return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { offset: start, length: end - start + 1 } };
}
