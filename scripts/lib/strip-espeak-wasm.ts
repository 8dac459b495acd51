/**
 * @module strip-espeak-wasm
 * The eSpeak NG `.wasm` the browser downloads, without the data files our voices never read: of
 * the 18 MB of files embedded in npm `espeak-ng` 1.0.2's module, the synthesiser unpacks 17
 * (2.4 MB, web/narration/espeak-data-files.ts NEEDED_DATA_FILE); the build drops the bytes of
 * the other 428 (dictionaries and voices of languages we do not offer), so the speech worker
 * fetches and instantiates ~3 MB instead of 18.5 MB. This is a modification of eSpeak NG
 * (GPL-3.0-or-later): its source is the npm package plus this file. The table of embedded files
 * is read by running the module once in Node (`--version`), from the address the glue passes to
 * its unpacking import, so the dropped ranges are the module's own.
 */
import ESpeakNg from 'espeak-ng';
import {
  NEEDED_DATA_FILE,
  type EmbeddedFile,
  embeddedFiles,
  unpackingWith,
} from '../../web/narration/espeak-data-files';
import { type MemoryRange, dropWasmData } from './drop-wasm-data';

/** Every file embedded in the module, read by running it once. @throws Error when it lists none */
async function listEmbeddedFiles(wasm: Uint8Array): Promise<EmbeddedFile[]> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  let files: EmbeddedFile[] = [];
  await ESpeakNg({
    arguments: ['--version'],
    instantiateWasm: unpackingWith(module, (memory, table, unpackAll) => {
      files = embeddedFiles(memory, table);
      unpackAll(table);
    }),
    print: () => undefined,
    printErr: () => undefined,
  });
  if (files.length === 0) throw new Error('The eSpeak module listed no embedded data files.');
  return files;
}

/**
 * `espeak-ng.wasm` with the bytes of every data file not matching NEEDED_DATA_FILE left out
 * (they read as zeros; the synthesiser never unpacks them).
 * @param wasm the module as npm `espeak-ng` ships it
 * @throws Error when the module lists no embedded files or its data segments cannot be split
 */
export async function stripEspeakWasm(wasm: Uint8Array): Promise<Uint8Array> {
  const unused: MemoryRange[] = (await listEmbeddedFiles(wasm))
    .filter((file) => !NEEDED_DATA_FILE.test(file.name))
    .map((file) => [file.start, file.start + file.bytes]);
  return dropWasmData(wasm, unused);
}
