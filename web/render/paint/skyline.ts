/**
 * @module skyline
 * A city skyline: two rows of buildings as dark silhouettes against the sky (the back row hazed
 * towards the horizon colour), with windows lit by the time of day — a few at sunset, most at
 * night — and a blinking light on the tallest roofs.
 */
import { mix } from './colour';
import type { LayerPainter } from './layer-painter';
import { between } from './seeded-random';
import { HORIZON_Y } from './sky-palette';

/** Warm window light. */
const WINDOW_LIT = '#ffd27a';
/** A roof beacon blinks once per this many ms. */
const BEACON_PERIOD_MS = 1_600;

/** Building rows: width and height ranges (fractions of the height), haze towards the sky. */
const ROWS = [
  { minW: 0.05, maxW: 0.11, minH: 0.14, maxH: 0.36, haze: 0.35, windowAlpha: 0.55 },
  { minW: 0.06, maxW: 0.14, minH: 0.08, maxH: 0.26, haze: 0, windowAlpha: 0.95 },
] as const;

/** Roofs with a beacon are those taller than this fraction of the height. */
const BEACON_HEIGHT = 0.3;

export const skylinePainter: LayerPainter = {
  parallax: 0.3,
  band: [0.2, 1],
  paintStatic(ctx, env, random, marginPx) {
    const { width, height, palette } = env;
    const horizon = palette.stops[palette.stops.length - 1] ?? '#777777';
    const ground = height * (HORIZON_Y + 0.14);
    // Silhouettes: much darker than the sky at every time of day.
    const body = mix('#161624', palette.tint, 0.5);
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
        const cell = height * 0.016;
        ctx.fillStyle = WINDOW_LIT;
        for (let wy = top + cell; wy < ground - cell; wy += cell * 1.9) {
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
    // Street level: a solid band below the buildings.
    ctx.fillStyle = body;
    ctx.fillRect(-marginPx, ground, width + 2 * marginPx, height - ground);
  },
  paintMotion(ctx, env, timeMs) {
    if (env.palette.windowsLit < 0.3) return;
    // Beacons on two fixed spots high over the skyline (not tied to a building, so no state).
    const on = Math.floor(timeMs / (BEACON_PERIOD_MS / 2)) % 2 === 0;
    if (!on) return;
    const y = env.height * (HORIZON_Y + 0.14 - BEACON_HEIGHT - 0.06);
    ctx.fillStyle = '#ff4d4d';
    const size = env.height * 0.006;
    for (const fraction of [0.3, 0.74]) ctx.fillRect(env.width * fraction, y, size, size);
  },
};
