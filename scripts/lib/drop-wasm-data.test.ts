import { describe, expect, it } from 'vitest';
import { dropWasmData } from './drop-wasm-data';

/** `(memory (export "memory") 2)` with one active data segment `bytes` at `offset` (< 2^21). */
function moduleWithData(offset: number, bytes: readonly number[], dataCount = false): Uint8Array {
  const leb = (n: number): number[] =>
    n < 0x80
      ? [n]
      : n < 0x4000
        ? [(n & 0x7f) | 0x80, n >> 7]
        : [(n & 0x7f) | 0x80, ((n >> 7) & 0x7f) | 0x80, n >> 14];
  // i32.const takes a signed LEB128: one more byte when the top bit of the last group is set.
  const sleb = (n: number): number[] => {
    const unsigned = leb(n);
    return ((unsigned.at(-1) ?? 0) & 0x40) === 0
      ? unsigned
      : [...unsigned.slice(0, -1), (unsigned.at(-1) ?? 0) | 0x80, 0];
  };
  const section = (id: number, content: number[]): number[] => [
    id,
    ...leb(content.length),
    ...content,
  ];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(5, [1, 0x00, 2]),
    ...section(7, [1, 6, ...new TextEncoder().encode('memory'), 0x02, 0]),
    ...(dataCount ? section(12, [1]) : []),
    ...section(11, [1, 0x00, 0x41, ...sleb(offset), 0x0b, ...leb(bytes.length), ...bytes]),
  ]);
}

async function memoryOf(wasm: Uint8Array, from: number, to: number): Promise<number[]> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  return [...new Uint8Array(memory.buffer, from, to - from)];
}

describe('dropWasmData', () => {
  const bytes = Array.from({ length: 40 }, (_, i) => i + 1);

  it('leaves the dropped ranges zero and every other byte as it was', async () => {
    const offset = 70_000; // a three-byte LEB128 offset
    const wasm = moduleWithData(offset, bytes);
    const dropped = dropWasmData(wasm, [
      [offset + 30, offset + 38],
      [offset + 4, offset + 10],
      [offset - 100, offset + 2], // starts before the segment
    ]);
    expect(WebAssembly.validate(dropped as Uint8Array<ArrayBuffer>)).toBe(true);
    const expected = bytes.map((byte, i) =>
      i < 2 || (i >= 4 && i < 10) || (i >= 30 && i < 38) ? 0 : byte,
    );
    expect(await memoryOf(dropped, offset - 4, offset + 44)).toEqual([
      0,
      0,
      0,
      0,
      ...expected,
      0,
      0,
      0,
      0,
    ]);
  });

  it('keeps the data count section equal to the segments it now has', async () => {
    const wasm = moduleWithData(64, bytes, true);
    const dropped = dropWasmData(wasm, [[70, 80]]);
    // Two segments now: a stale count of 1 would not validate.
    expect(WebAssembly.validate(dropped as Uint8Array<ArrayBuffer>)).toBe(true);
    expect((await memoryOf(dropped, 64, 104)).filter((byte) => byte === 0)).toHaveLength(10);
  });

  it('returns the same bytes when nothing is dropped', () => {
    const wasm = moduleWithData(64, bytes);
    expect(dropWasmData(wasm, [])).toEqual(wasm);
  });

  it('refuses a passive segment, which code addresses by number', () => {
    const wasm = moduleWithData(16, [1, 2, 3]);
    const passive = Uint8Array.from(wasm);
    // The data section ends [flags, i32.const, 16, end, length 3, 1, 2, 3].
    const flagsAt = wasm.length - 8;
    expect(passive[flagsAt]).toBe(0x00);
    passive[flagsAt] = 0x01;
    expect(() => dropWasmData(passive, [[16, 17]])).toThrow(/active data segments/);
  });
});
