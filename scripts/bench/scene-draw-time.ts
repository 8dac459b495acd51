/**
 * @module scene-draw-time (bench)
 * Draw time of one 1080p frame of a painted scene (web/render/paint/), measured in a dedicated
 * worker on an `OffscreenCanvas` in headless Chromium, as the export's encode worker draws: the
 * heaviest scene the director can make (eight layers, rain, a caption and a title) next to
 * today's plain gradient scene and a few everyday scenes, in the same run. Goal (issue 13):
 * ≤ 8 ms per frame for the heaviest scene. Benchmarks measure; they never fail on a figure.
 */
import type { Draft } from '../../shared/draft-schema';
import type { SceneLayers } from '../../shared/scene-layers-schema';
import { sampleDraft } from '../../test/e2e/support/sample-drafts';
import { openFramePage, timeFramesInWorker } from '../lib/frame-page';

/** Frames timed per draft: four seconds at 30 fps, long enough for a stable median. */
const FRAMES = 120;

/** The heaviest scene: the most layers, moving ones included, and rain in front. */
const HEAVIEST: SceneLayers = {
  sky: { time: 'night', weather: 'rain' },
  layers: ['stars', 'moon', 'mountains', 'hills', 'forest', 'skyline', 'sea', 'beach'],
  colors: ['#38bdf8', '#0f172a'],
  seed: 1,
};
const EVERYDAY: ReadonlyArray<[name: string, scene: SceneLayers]> = [
  [
    'sunset over a city skyline',
    {
      sky: { time: 'sunset', weather: 'clear' },
      layers: ['sun', 'skyline'],
      colors: ['#fde047'],
      seed: 2,
    },
  ],
  [
    'ocean and beach',
    {
      sky: { time: 'day', weather: 'clear' },
      layers: ['sun', 'sea', 'beach'],
      colors: ['#a5f3fc'],
      seed: 3,
    },
  ],
  [
    'space and rockets',
    { sky: null, layers: ['space', 'nebula', 'stars', 'planets'], colors: ['#38bdf8'], seed: 4 },
  ],
  [
    'software product',
    { sky: null, layers: ['grid', 'shapes'], colors: ['#38bdf8', '#1e3a8a'], seed: 5 },
  ],
];

/** The 1080p sample draft (title, caption, transition) with every scene painted as `scene`. */
function withScene(scene: SceneLayers | null): Draft {
  const draft = sampleDraft(1920, 1080);
  if (!scene) return draft;
  return {
    ...draft,
    tracks: draft.tracks.map((track) =>
      track.kind === 'video'
        ? {
            ...track,
            segments: track.segments.map((segment) => ({
              ...segment,
              visual: { type: 'scene' as const, scene, motion: 'pan-left' as const },
            })),
          }
        : track,
    ),
  };
}

/** Runs the benchmark and prints its figures. */
export async function benchSceneDrawTime(): Promise<void> {
  const framePage = await openFramePage();
  try {
    const rows: Array<[string, SceneLayers | null]> = [
      ['plain gradient scene (today)', null],
      ['heaviest painted scene (8 layers + rain)', HEAVIEST],
      ...EVERYDAY,
    ];
    console.log(`bench: ${FRAMES} frames of 1920x1080 each, drawn in a worker…`);
    for (const [name, scene] of rows) {
      const times = await timeFramesInWorker(framePage.page, withScene(scene), 0, FRAMES);
      console.log(
        `${name.padEnd(44)} first ${times.firstMs.toFixed(1).padStart(6)} ms  median ${times.medianMs.toFixed(1).padStart(5)} ms  max ${times.maxMs.toFixed(1).padStart(6)} ms`,
      );
    }
  } finally {
    await framePage.close();
  }
}
