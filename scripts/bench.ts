/**
 * `npm run bench`: runs every benchmark in `scripts/bench/` in turn, in one run on this
 * machine, and prints their figures. Benchmarks measure; they never fail on a figure, only
 * when what they measure breaks (exit 1 with the reason).
 */
import { benchExplainerExport } from './bench/explainer-export';
import { benchMediaPromoExport } from './bench/media-promo-export';
import { benchUploadThroughput } from './bench/upload-throughput';
import { benchWidgetSize } from './bench/widget-size';
import { benchNemoEdgeOverhead } from './bench/nemo-edge-overhead';

/** Each entry prints its own figures; add a module's runner here. */
const BENCHMARKS: Array<[name: string, run: () => Promise<void>]> = [
  ['explainer export vs native ffmpeg', benchExplainerExport],
  ['uploads: through the Worker vs straight to local R2', benchUploadThroughput],
  ['render speed: media promo vs generated explainer', benchMediaPromoExport],
  ['embeddable widget: sizes and time to ready', benchWidgetSize],
  ['nemo engine: edge overhead vs straight from the upstream', benchNemoEdgeOverhead],
];

async function main(): Promise<void> {
  for (const [name, run] of BENCHMARKS) {
    console.log(`\n=== ${name}`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
