/**
 * @module skyline
 * A city skyline: two rows of buildings as dark silhouettes against the sky (the back row hazed
 * towards the horizon colour), with windows lit by the time of day — a few at sunset, most at
 * night. The front row stands down to the bottom of the frame, windows and all.
 */
import { mix } from './colour';
import type { LayerPainter } from './layer-painter';
import { between } from '../seeded-random';
import { HORIZON_Y } from './sky-palette';

/** Warm window light. */
const WINDOW_LIT = '#ffd27a';

/**
 * Building rows: width and height ranges above the street (fractions of the height), haze towards
 * the sky, and whether the row's windows go on below the street line to the frame's bottom.
 */
const ROWS = [
  { minW: 0.04, maxW: 0.1, minH: 0.2, maxH: 0.44, haze: 0.3, windowAlpha: 0.55, toBottom: false },
  { minW: 0.05, maxW: 0.12, minH: 0.1, maxH: 0.32, haze: 0, windowAlpha: 0.95, toBottom: true },
] as const;

export const skylinePainter: LayerPainter = {
  parallax: 0.3,
  band: [0.2, 1],
  paintStatic(ctx, env, random, marginPx) {
    const { width, height, palette } = env;
    const horizon = palette.stops[palette.stops.length - 1] ?? '#777777';
    const ground = height * (HORIZON_Y + 0.14);
    // Silhouettes: much darker than the sky at every time of day.
    const body = mix('#161624', palette.tint, 0.5);
    // Street level: a solid band below the buildings (the front row stands on it).
    ctx.fillStyle = body;
    ctx.fillRect(-marginPx, ground, width + 2 * marginPx, height - ground);
    for (const row of ROWS) {
      const fill = mix(body, horizon, row.haze);
      let x = -marginPx;
      while (x < width + marginPx) {
        const w = between(random, row.minW, row.maxW) * height;
        const h = between(random, row.minH, row.maxH) * height;
        const top = ground - h;
        ctx.fillStyle = fill;
        ctx.fillRect(x, top, w, height - top);
        // A stepped crown on some towers.
        if (random() < 0.35) ctx.fillRect(x + w * 0.25, top - h * 0.08, w * 0.5, h * 0.08);
        if (random() < 0.2) ctx.fillRect(x + w * 0.47, top - h * 0.2, w * 0.06, h * 0.2);
        // Windows: a grid, each lit with the palette's probability.
        const cell = height * 0.011;
        ctx.fillStyle = WINDOW_LIT;
        const windowsEnd = row.toBottom ? height : ground - cell;
        for (let wy = top + cell; wy < windowsEnd; wy += cell * 1.9) {
          for (let wx = x + cell * 0.8; wx < x + w - cell; wx += cell * 1.6) {
            if (random() < palette.windowsLit) {
              ctx.globalAlpha = row.windowAlpha * between(random, 0.6, 1);
              ctx.fillRect(wx, wy, cell * 0.8, cell);
            }
          }
        }
        ctx.globalAlpha = 1;
        x += w + between(random, 0, 0.012) * height;
      }
    }
  },
};
