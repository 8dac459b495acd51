/**
 * @module espeak-synth
 * Speech from eSpeak NG compiled to WebAssembly (npm `espeak-ng` 1.0.2, GPL-3.0-or-later; its
 * voices, English and Mandarin among them, are embedded in the `.wasm`). That build is eSpeak's
 * command-line program: each run instantiates the module (the compiled `WebAssembly.Module` is
 * reused), unpacks only the data files our voices need (espeak-data-files.ts), loads the
 * voice and writes a 16-bit mono WAV to its in-memory file system. Starting a run costs ~150 ms
 * of CPU (~400 ms when it unpacked all 445 files) and saying a sentence ~30 ms, so the phrases of one voice are said
 * in ONE run, as SSML with a {@link MARKER_BREAK_MS} break between them (each phrase at its own
 * rate, `<prosody rate>` relative to the first's), and the WAV is cut at
 * those breaks (eSpeak's silence is exact zeros and its own pauses are under 400 ms). When the
 * cut does not give one piece per phrase, each phrase is said in a run of its own.
 *
 * Runs anywhere the glue runs: the speech Web Worker (speech-worker.ts) and Node (the bench).
 */
import ESpeakNg from 'espeak-ng';
import { ESPEAK_VOICE, type NarrationVoice } from '../../shared/narration-schema';
import {
  type InstantiateWasm,
  NEEDED_DATA_FILE,
  embeddedFiles,
  unpackingWith,
} from './espeak-data-files';

/** eSpeak's output rate, Hz (fixed by the build: 22 050 Hz, 16-bit mono WAV). */
export const ESPEAK_SAMPLE_RATE = 22_050;
/** Length of a canonical WAV header, bytes (eSpeak writes one, RIFF + fmt + data). */
const WAV_HEADER_BYTES = 44;
/** Break said between phrases of one run, ms: far longer than any pause eSpeak makes itself. */
export const MARKER_BREAK_MS = 2_000;
/** A run of zeros at least this long is a phrase boundary, ms (eSpeak's own pauses are < 400 ms). */
const MARKER_MIN_SILENCE_MS = 1_500;
/** eSpeak's rate limits, words per minute (`-s`, espeak-ng docs/speak_lib.h espeakRATE_MAXIMUM). */
export const ESPEAK_MIN_WPM = 80;
export const ESPEAK_MAX_WPM = 450;
/** Name of the WAV in eSpeak's in-memory file system. */
const OUT_FILE = 'speech.wav';

/** One phrase to say. */
export interface PhraseRequest {
  text: string;
  voice: NarrationVoice;
  rateWpm: number;
}

/** A phrase said: mono PCM at {@link ESPEAK_SAMPLE_RATE}, leading and trailing silence cut off. */
export interface SpokenPhrase {
  pcm: Float32Array;
  /** Length of `pcm`, ms. */
  speechMs: number;
}

/** The parts of the Emscripten file system used here. */
interface EspeakFs {
  readFile(path: string): Uint8Array;
  createPath(parent: string, path: string, canRead: boolean, canWrite: boolean): void;
  createDataFile(
    path: string,
    name: null,
    data: Uint8Array,
    canRead: boolean,
    canWrite: boolean,
    canOwn: boolean,
  ): void;
}

interface EspeakRun {
  FS: EspeakFs;
}

/** The module options given to the glue; it sets `FS` on the same object before `main` runs. */
type EspeakConfig = {
  arguments: string[];
  instantiateWasm: InstantiateWasm;
  print(line: string): void;
  printErr(line: string): void;
  FS?: EspeakFs;
};

/** Unpacks only the {@link NEEDED_DATA_FILE}s of the embedded table at `table`, as the glue would. */
function unpackNeededFiles(memory: WebAssembly.Memory, fs: EspeakFs, table: number): void {
  const bytes = new Uint8Array(memory.buffer);
  for (const file of embeddedFiles(memory, table)) {
    if (!NEEDED_DATA_FILE.test(file.name)) continue;
    fs.createPath('/', file.name.slice(0, file.name.lastIndexOf('/')), true, true);
    // The data is a slice of wasm memory that never changes: the file may own it (as the glue does).
    fs.createDataFile(
      file.name,
      null,
      bytes.subarray(file.start, file.start + file.bytes),
      true,
      true,
      true,
    );
  }
}

/** Characters SSML needs escaped in text. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A synthesiser over a compiled eSpeak module.
 * @param module the compiled `espeak-ng.wasm` (compile once: 18.5 MB as shipped, ~2.9 MB as the
 *   build serves it, scripts/lib/strip-espeak-wasm.ts)
 */
export function createEspeakSynth(module: WebAssembly.Module): {
  say(phrases: readonly PhraseRequest[]): Promise<SpokenPhrase[]>;
} {
  /** One eSpeak run: its WAV's samples. @throws Error with eSpeak's message when the run fails */
  async function run(args: string[]): Promise<Int16Array> {
    const errors: string[] = [];
    // The glue's file system raises ErrnoErrors while it unpacks the data; with stack traces
    // each costs ~1 ms in V8. eSpeak's errors come on stderr, so no stack is needed while it runs.
    const errorClass = Error as { stackTraceLimit?: number };
    const stackTraceLimit = errorClass.stackTraceLimit;
    errorClass.stackTraceLimit = 0;
    const config: EspeakConfig = {
      arguments: ['-w', OUT_FILE, ...args],
      instantiateWasm: unpackingWith(module, (memory, table, unpackAll) => {
        if (config.FS) unpackNeededFiles(memory, config.FS, table);
        else unpackAll(table);
      }),
      // eSpeak prints nothing useful on stdout with -w; its errors come on stderr.
      print: () => undefined,
      printErr: (line: string) => errors.push(line),
    };
    const instance = (await ESpeakNg(config).finally(() => {
      errorClass.stackTraceLimit = stackTraceLimit;
    })) as EspeakRun;
    let wav: Uint8Array;
    try {
      wav = instance.FS.readFile(OUT_FILE);
    } catch {
      throw new Error(`eSpeak made no sound: ${errors.join(' ') || 'unknown error'}`);
    }
    const copy = wav.slice(WAV_HEADER_BYTES);
    return new Int16Array(copy.buffer, 0, copy.byteLength >> 1);
  }

  function trimmed(samples: Int16Array, from: number, to: number): SpokenPhrase {
    let start = from;
    let end = to;
    while (start < end && samples[start] === 0) start++;
    while (end > start && samples[end - 1] === 0) end--;
    const pcm = new Float32Array(end - start);
    for (let i = 0; i < pcm.length; i++) pcm[i] = (samples[start + i] ?? 0) / 32_768;
    return { pcm, speechMs: Math.round((pcm.length * 1000) / ESPEAK_SAMPLE_RATE) };
  }

  /** Splits one run's samples at the marker breaks: [start, end) of each piece. */
  function pieces(samples: Int16Array): Array<[number, number]> {
    const minZeros = (MARKER_MIN_SILENCE_MS * ESPEAK_SAMPLE_RATE) / 1000;
    const cuts: Array<[number, number]> = [];
    let pieceStart = 0;
    let zeroStart = -1;
    for (let i = 0; i <= samples.length; i++) {
      const zero = i < samples.length && samples[i] === 0;
      if (zero && zeroStart < 0) zeroStart = i;
      if (!zero && zeroStart >= 0) {
        if (i - zeroStart >= minZeros && i < samples.length) {
          cuts.push([pieceStart, zeroStart]);
          pieceStart = i;
        }
        zeroStart = -1;
      }
    }
    cuts.push([pieceStart, samples.length]);
    return cuts;
  }

  function clampRate(rateWpm: number): number {
    return Math.min(ESPEAK_MAX_WPM, Math.max(ESPEAK_MIN_WPM, Math.round(rateWpm)));
  }

  function argsFor(voice: NarrationVoice, rateWpm: number): string[] {
    return ['-v', ESPEAK_VOICE[voice], '-s', String(clampRate(rateWpm))];
  }

  /**
   * Says phrases of one voice, in one run when the cut works: eSpeak's rate (`-s`) is the first
   * phrase's, and a phrase at another rate is wrapped in SSML `<prosody rate="N%">` relative to it.
   */
  async function sayGroup(group: readonly PhraseRequest[]): Promise<SpokenPhrase[]> {
    const first = group[0];
    if (!first) return [];
    const base = clampRate(first.rateWpm);
    const ssml = `<speak>${group
      .map((phrase) => {
        const rate = clampRate(phrase.rateWpm);
        const text = escapeXml(phrase.text);
        return rate === base
          ? text
          : `<prosody rate="${Math.round((rate * 100) / base)}%">${text}</prosody>`;
      })
      .join(`<break time="${MARKER_BREAK_MS}ms"/>`)}</speak>`;
    const samples = await run([...argsFor(first.voice, base), '-m', ssml]);
    const cut = pieces(samples);
    if (cut.length === group.length) return cut.map(([from, to]) => trimmed(samples, from, to));
    const said: SpokenPhrase[] = [];
    for (const phrase of group) {
      const alone = await run([...argsFor(phrase.voice, phrase.rateWpm), phrase.text]);
      said.push(trimmed(alone, 0, alone.length));
    }
    return said;
  }

  return {
    /**
     * Says each phrase.
     * @returns one {@link SpokenPhrase} per request, in order
     * @throws Error when eSpeak fails (unknown voice, out of memory)
     */
    async say(phrases) {
      const out: SpokenPhrase[] = new Array(phrases.length);
      const groups = new Map<string, number[]>();
      phrases.forEach((phrase, index) => {
        const key = phrase.voice;
        groups.set(key, [...(groups.get(key) ?? []), index]);
      });
      for (const indexes of groups.values()) {
        const said = await sayGroup(indexes.map((index) => phrases[index] as PhraseRequest));
        indexes.forEach((index, i) => {
          out[index] = said[i] as SpokenPhrase;
        });
      }
      return out;
    },
  };
}
