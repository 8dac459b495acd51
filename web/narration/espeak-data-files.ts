/**
 * @module espeak-data-files
 * The data files embedded in npm `espeak-ng` 1.0.2's `.wasm` (445 files, 18 MB of its 18.5 MB)
 * and which of them our voices need. The glue unpacks them into its in-memory file system from a
 * table in wasm memory, by calling its import {@link EMBEDDED_FILES_IMPORT} with the table's
 * address (dist/espeak-ng.js `__emscripten_fs_load_embedded_files`: (name, length, data) address
 * triples, ended by a zero name). Read by the synthesiser (espeak-synth.ts, to unpack only the
 * needed files) and by the build (scripts/lib/strip-espeak-wasm.ts, to leave the others out of
 * the `.wasm` the browser downloads).
 */

/** The glue's import that unpacks the embedded data files, run by the module's constructors. */
export const EMBEDDED_FILES_IMPORT = '_emscripten_fs_load_embedded_files';

/**
 * The data files our voices need (shared/narration-schema.ts ESPEAK_VOICE: English and Mandarin,
 * variants f3/m3): the phoneme tables, the English and Mandarin dictionaries (Mandarin text
 * reads Latin words in English), their language files and the two variants: 17 files, 2.4 MB.
 * The other 113 dictionaries and 300 language and voice files are never unpacked (unpacking
 * them, and eSpeak reading every voice file to find one by name, were ~60% of a run's CPU,
 * measured in the bench) and the build drops their bytes from the served `.wasm`.
 */
export const NEEDED_DATA_FILE =
  /\/espeak-ng-data\/(?:phontab|phonindex|phondata|intonations|en_dict|cmn_dict|lang\/gmw\/en(?:-[\w-]+)?|lang\/sit\/cmn|voices\/!v\/[fm]3)$/;

/** One embedded file: its path and where its bytes are in wasm memory. */
export interface EmbeddedFile {
  name: string;
  /** Address of its first byte in wasm memory. */
  start: number;
  /** Its length, bytes. */
  bytes: number;
}

/** The embedded files listed by the table at address `table` of `memory`, in table order. */
export function embeddedFiles(memory: WebAssembly.Memory, table: number): EmbeddedFile[] {
  const words = new Uint32Array(memory.buffer);
  const bytes = new Uint8Array(memory.buffer);
  const decoder = new TextDecoder();
  const files: EmbeddedFile[] = [];
  for (let at = table >> 2; words[at] !== 0; at += 3) {
    const nameAt = words[at] ?? 0;
    files.push({
      name: decoder.decode(bytes.subarray(nameAt, bytes.indexOf(0, nameAt))),
      start: words[at + 2] ?? 0,
      bytes: words[at + 1] ?? 0,
    });
  }
  return files;
}

/** The glue's `instantiateWasm` option (Emscripten `Module.instantiateWasm`). */
export type InstantiateWasm = (
  imports: WebAssembly.Imports,
  done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => object;

/**
 * An `instantiateWasm` option that instantiates `module` with the glue's unpacking import
 * ({@link EMBEDDED_FILES_IMPORT}) replaced by `unpack`, given the instance's memory, the table's
 * address and the glue's own unpacking (the glue's own runs alone while memory is unknown).
 */
export function unpackingWith(
  module: WebAssembly.Module,
  unpack: (memory: WebAssembly.Memory, table: number, unpackAll: (table: number) => void) => void,
): InstantiateWasm {
  return (imports, done) => {
    let memory: WebAssembly.Memory | null = null;
    const env = imports.env as Record<string, WebAssembly.ImportValue>;
    const unpackAll = env[EMBEDDED_FILES_IMPORT];
    if (typeof unpackAll === 'function')
      env[EMBEDDED_FILES_IMPORT] = (table: number) => {
        if (memory) unpack(memory, table, unpackAll as (table: number) => void);
        else unpackAll(table);
      };
    void WebAssembly.instantiate(module, imports).then((instance) => {
      const exported = instance.exports.memory;
      memory = exported instanceof WebAssembly.Memory ? exported : null;
      done(instance, module);
    });
    return {};
  };
}
