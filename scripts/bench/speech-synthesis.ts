/**
 * @module speech-synthesis (bench)
 * Synthesis time of the offline voice (issue 14; goal ≤ 5 s per minute of narration on this
 * box): eSpeak NG WebAssembly (web/narration/espeak-synth.ts, the code the speech worker runs)
 * says one minute's worth of explainer narration in English and in Mandarin, phrase by phrase as
 * a narrated draft asks for it, fitted to slots (fit-speech.ts), in Node on this machine, with
 * the module the page downloads (the build's strip-espeak-wasm.ts: 2.9 MB of the 18.5 MB
 * shipped). Its compile is timed apart (a page does it once). Median of 3 runs, wall and
 * CPU time (on a shared box the CPU time is the fair figure; the load average is printed).
 * Benchmarks measure; they never fail on a figure.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import type { NarrationVoice } from '../../shared/narration-schema';
import { estimateSpeechMs } from '../../shared/speech-words';
import { createEspeakSynth } from '../../web/narration/espeak-synth';
import { fitSpeech } from '../../web/narration/fit-speech';
import { stripEspeakWasm } from '../lib/strip-espeak-wasm';

const GOAL_S_PER_MIN = 5;
const RUNS = 3;
/** Narration rate the director uses by default, words per minute. */
const RATE_WPM = 160;

const EN = [
  'Meet Lumen Notes, the notebook that organises itself.',
  'Every idea you capture is tagged, linked and searchable in seconds.',
  'Type a question and Lumen finds the answer across all your notes, meetings and files.',
  'Share a page with your team and everyone edits together in real time.',
  'Lumen works offline on your laptop and phone, then syncs the moment you reconnect.',
  'Your notes stay private and encrypted, always.',
  'Start free today and give your ideas a home.',
];
const ZH = [
  '认识流明笔记，一个会自己整理的笔记本。',
  '你记下的每个想法都会自动打标签、建立链接，几秒钟就能找到。',
  '输入一个问题，流明会在你所有的笔记、会议和文件中找到答案。',
  '和团队分享一个页面，大家可以实时一起编辑。',
  '流明在笔记本电脑和手机上都能离线使用，重新联网后立即同步。',
  '你的笔记始终私密并加密保存。',
  '今天就免费开始，给你的想法一个家。',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function benchSpeechSynthesis(): Promise<void> {
  const wasm = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
  const shipped = await readFile(wasm);
  const bytes = await stripEspeakWasm(shipped);
  const compileStart = performance.now();
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  console.log(
    `compile espeak-ng.wasm as served (${(bytes.length / 1e6).toFixed(1)} MB of ${(shipped.length / 1e6).toFixed(1)} MB): ${Math.round(performance.now() - compileStart)} ms`,
  );
  const { say } = createEspeakSynth(module);
  for (const [language, phrases, voice] of [
    ['English', EN, 'en-us-female'],
    ['Mandarin', ZH, 'zh-female'],
  ] as Array<[string, string[], NarrationVoice]>) {
    const slots = phrases.map((text) => ({
      text,
      voice,
      rateWpm: RATE_WPM,
      durationMs: Math.round(estimateSpeechMs(text, RATE_WPM, voice) * 1.05),
    }));
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let audioMs = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const said = await fitSpeech(slots, say);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      times.push(performance.now() - start);
      audioMs = said.reduce((sum, phrase) => sum + phrase.speechMs, 0);
    }
    const perMinute = (ms: number): string => ((ms / 1000) * (60_000 / audioMs)).toFixed(2);
    console.log(
      `${language}: ${phrases.length} phrases, ${(audioMs / 1000).toFixed(1)} s of speech in ${Math.round(median(times))} ms wall, ${Math.round(median(cpuTimes))} ms CPU → ${perMinute(median(times))} s wall / ${perMinute(median(cpuTimes))} s CPU per minute of narration (goal ≤ ${GOAL_S_PER_MIN} s; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
    );
  }
}
