/**
 * `npm run bench [-- word…]`: runs every benchmark in `scripts/bench/` in turn (or only those
 * whose name contains one of the words), in one run on this machine, and prints their figures. Benchmarks measure; they never fail on a figure, only
 * when what they measure breaks (exit 1 with the reason).
 */
import { benchExplainerExport } from './bench/explainer-export';
import { benchMediaPromoExport } from './bench/media-promo-export';
import { benchUploadThroughput } from './bench/upload-throughput';
import { benchWidgetSize } from './bench/widget-size';
import { benchNemoEdgeOverhead } from './bench/nemo-edge-overhead';
import { benchChunkedRenderCost } from './bench/chunked-render-cost';
import { benchExportMemory } from './bench/export-memory';
import { benchBatchExport } from './bench/batch-export';
import { benchChunkPutMemory } from './bench/chunk-put-memory';
import { benchLoad } from './bench/load';
import { benchSceneDrawTime } from './bench/scene-draw-time';
import { benchDirectorTurn } from './bench/director-turn';
import { benchLlmFirstToken } from './bench/llm-first-token';
import { benchSpeechSynthesis } from './bench/speech-synthesis';
import { benchNarratedExport } from './bench/narrated-export';
import { benchTwoEncoders } from './bench/two-encoders';
import { benchRenderFleet } from './bench/render-fleet';

/** Each entry prints its own figures; add a module's runner here. */
const BENCHMARKS: Array<[name: string, run: () => Promise<void>]> = [
  ['explainer export vs native ffmpeg', benchExplainerExport],
  ['uploads: through the Worker vs straight to local R2', benchUploadThroughput],
  ['render speed: media promo vs generated explainer', benchMediaPromoExport],
  ['embeddable widget: sizes and time to ready', benchWidgetSize],
  ['nemo engine: edge overhead vs straight from the upstream', benchNemoEdgeOverhead],
  ['resumable renders: chunked vs single-pass', benchChunkedRenderCost],
  ['export memory: renderer peak during a long 1080p export', benchExportMemory],
  ['batch queue: 3 × 10-s videos vs one 30-s video', benchBatchExport],
  ['render chunk PUTs: workerd memory with three 48 MiB chunks at once', benchChunkPutMemory],
  ['load: visitors at once, each sending a prompt and reading the turn', benchLoad],
  ['scenes: draw time per 1080p frame of painted scenes in the render worker', benchSceneDrawTime],
  [
    'director: rules turn time (8,000-character script) and prompt → draft event',
    benchDirectorTurn,
  ],
  [
    'llm director: first reply token through the edge vs straight from the fake model',
    benchLlmFirstToken,
  ],
  ['speech: offline voice synthesis time per minute of narration', benchSpeechSynthesis],
  [
    'narrated: export of a narrated 30-s explainer vs the same without voiceover',
    benchNarratedExport,
  ],
  ['encoders: one vs two encode workers in one browser, 30-s 1080p explainer', benchTwoEncoders],
  [
    'fleet: 30-s 1080p explainer by the tab vs one and two render workers vs x264',
    benchRenderFleet,
  ],
];

async function main(): Promise<void> {
  const words = process.argv.slice(2).map((word) => word.toLowerCase());
  // A word equal to a name's lead (before `:`) picks only that one: `load` is not also `uploads`.
  const exact = BENCHMARKS.filter(([name]) =>
    words.includes(name.split(':')[0]?.toLowerCase() ?? ''),
  );
  const chosen =
    exact.length > 0
      ? exact
      : BENCHMARKS.filter(
          ([name]) => words.length === 0 || words.some((word) => name.toLowerCase().includes(word)),
        );
  if (chosen.length === 0)
    throw new Error(
      `no benchmark matches ${words.join(', ')}; names: ${BENCHMARKS.map(([name]) => name).join('; ')}`,
    );
  for (const [name, run] of chosen) {
    console.log(`\n=== ${name}`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
