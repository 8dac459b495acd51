/**
 * @module drop-wasm-data
 * Leaves byte ranges of a WebAssembly module's memory image out of its data section: each active
 * data segment is cut into the pieces outside the ranges (memory starts zeroed, so a dropped
 * range reads as zeros). Used by the build (Node) to drop eSpeak's unused data files
 * (strip-espeak-wasm.ts). Binary format: https://webassembly.github.io/spec/core/binary/modules.html
 * (sections, data segments, the data count section).
 */

/** Section ids (spec §5.5.2). */
const DATA_SECTION = 11;
const DATA_COUNT_SECTION = 12;
/** Data segment kind 0: active, memory 0, offset expression (spec §5.5.14). */
const ACTIVE_SEGMENT = 0;
/** The only offset expression handled: `i32.const n` `end`. */
const I32_CONST = 0x41;
const END = 0x0b;
/** The preamble: `\0asm` and version 1, bytes. */
const PREAMBLE_BYTES = 8;

/** A byte range of linear memory, [start, end). */
export type MemoryRange = readonly [start: number, end: number];

class Reader {
  at: number;
  constructor(
    readonly bytes: Uint8Array,
    at: number,
  ) {
    this.at = at;
  }
  byte(): number {
    const value = this.bytes[this.at++];
    if (value === undefined) throw new Error('The wasm module ends early.');
    return value;
  }
  u32(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  }
  i32(): number {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  }
  take(length: number): Uint8Array {
    const slice = this.bytes.subarray(this.at, this.at + length);
    if (slice.length !== length) throw new Error('The wasm module ends early.');
    this.at += length;
    return slice;
  }
}

function u32(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? byte | 0x80 : byte);
  } while (rest > 0);
  return out;
}

function i32(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** The parts of [start, end) outside `drop` (sorted by start). */
function keptPieces(start: number, end: number, drop: readonly MemoryRange[]): MemoryRange[] {
  const kept: MemoryRange[] = [];
  let from = start;
  for (const [dropStart, dropEnd] of drop) {
    if (dropEnd <= from || dropStart >= end) continue;
    if (dropStart > from) kept.push([from, dropStart]);
    from = Math.max(from, dropEnd);
  }
  if (from < end) kept.push([from, end]);
  return kept;
}

/**
 * The module with the bytes of `drop` left out of its active data segments (a segment may become
 * several). Code, memory size and everything else are unchanged.
 * @param drop ranges of linear memory whose initial bytes nobody reads
 * @throws Error when the module is malformed or has a data segment other than an active one for
 *   memory 0 at an `i32.const` offset (passive segments are numbered by code, so cannot be split)
 */
export function dropWasmData(wasm: Uint8Array, drop: readonly MemoryRange[]): Uint8Array {
  const sorted = [...drop].sort((a, b) => a[0] - b[0]);
  const reader = new Reader(wasm, PREAMBLE_BYTES);
  const sections: Array<{ id: number; content: Uint8Array }> = [];
  while (reader.at < wasm.length) {
    const id = reader.byte();
    sections.push({ id, content: reader.take(reader.u32()) });
  }
  const data = sections.find((section) => section.id === DATA_SECTION);
  if (!data) return wasm;
  const segments = new Reader(data.content, 0);
  const out: number[][] = [];
  const pieces: Uint8Array[] = [];
  for (let count = segments.u32(); count > 0; count--) {
    if (segments.byte() !== ACTIVE_SEGMENT || segments.byte() !== I32_CONST)
      throw new Error('Only active data segments at an i32.const offset can be split.');
    const offset = segments.i32();
    if (segments.byte() !== END) throw new Error('Unexpected data segment offset expression.');
    const bytes = segments.take(segments.u32());
    for (const [start, end] of keptPieces(offset, offset + bytes.length, sorted)) {
      out.push([ACTIVE_SEGMENT, I32_CONST, ...i32(start), END, ...u32(end - start)]);
      pieces.push(bytes.subarray(start - offset, end - offset));
    }
  }
  const parts: Uint8Array[] = [wasm.subarray(0, PREAMBLE_BYTES)];
  const section = (id: number, content: Uint8Array[]): void => {
    const length = content.reduce((sum, part) => sum + part.length, 0);
    parts.push(Uint8Array.from([id, ...u32(length)]), ...content);
  };
  for (const { id, content } of sections) {
    if (id === DATA_COUNT_SECTION) section(id, [Uint8Array.from(u32(out.length))]);
    else if (id === DATA_SECTION)
      section(id, [
        Uint8Array.from(u32(out.length)),
        ...out.flatMap((header, index) => [Uint8Array.from(header), pieces[index] as Uint8Array]),
      ]);
    else section(id, [content]);
  }
  const joined = Buffer.concat(parts);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
}
