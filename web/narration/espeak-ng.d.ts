/**
 * @module espeak-ng.d
 * Types for npm `espeak-ng` (an Emscripten ES module factory, shipped without types): it takes
 * the Emscripten `Module` options (`arguments`, `instantiateWasm`, `print`, `printErr`), runs
 * eSpeak's `main` with the arguments and resolves to the module (with its file system `FS`).
 */
declare module 'espeak-ng' {
  const ESpeakNg: (options: Record<string, unknown>) => Promise<unknown>;
  export default ESpeakNg;
}
