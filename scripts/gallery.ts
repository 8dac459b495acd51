/**
 * @module gallery
 * `npx tsx scripts/gallery.ts`: draws the README gallery — one frame from each of eight
 * prompts, planned by the embedded director and drawn by the one frame function in headless
 * Chromium (what the preview shows and the export encodes) — as 480-px-wide PNGs in
 * docs/gallery/. Run it again after changing the painter or the director, and commit the PNGs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planStoryboard } from '../test/support/director-from-text';
import { openFramePage, drawFramePng } from './lib/frame-page';
import { projectRoot } from './lib/offline-env.mjs';

/** Width of a gallery picture, px: small files, still readable in a README grid. */
const WIDTH_PX = 480;
/** The prompts, with the file name of their frame. */
const PROMPTS: ReadonlyArray<[file: string, prompt: string]> = [
  [
    'sunset-city',
    'generate a 15-second clip of a sunset over a city skyline with calm background music',
  ],
  ['ocean-beach', 'a relaxing 20 second video about the ocean and the beach'],
  ['space-rockets', '一段关于太空和火箭的20秒视频'],
  ['software-product', 'make a 15 second promo for our new software product'],
  ['cooking', '一段关于在家烹饪的15秒短视频'],
  ['fitness', 'an energetic 15 second fitness video for our gym'],
  ['mountains-golden-hour', 'hiking in the mountains at golden hour, 15 seconds'],
  ['rainy-night-city', '下雨的夜晚，城市街道，15秒'],
];

async function main(): Promise<void> {
  const outDir = path.join(projectRoot, 'docs', 'gallery');
  mkdirSync(outDir, { recursive: true });
  const framePage = await openFramePage();
  try {
    for (const [file, prompt] of PROMPTS) {
      const draft = planStoryboard(prompt);
      const scenes = draft.tracks.flatMap((track) =>
        track.kind === 'video' ? track.segments : [],
      );
      // The middle of the first caption scene: the painted scenery with a caption over it.
      const scene = scenes[1] ?? scenes[0];
      const atMs = scene ? scene.startMs + scene.durationMs / 2 : 0;
      const png = await drawFramePng(framePage.page, draft, atMs, WIDTH_PX);
      writeFileSync(path.join(outDir, `${file}.png`), png);
      console.log(
        `docs/gallery/${file}.png  ${(png.byteLength / 1024).toFixed(0)} KiB  ← ${prompt}`,
      );
    }
  } finally {
    await framePage.close();
  }
}

main().catch((error: unknown) => {
  console.error(`gallery failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
