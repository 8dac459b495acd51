/**
 * @module sea
 * The sea from the horizon down: a gradient from the sky's horizon colour to deep water, the
 * sun's (or moon's) reflection as a shimmering column, and wave crests that roll every frame.
 */
import { mix, withAlpha } from './colour';
import type { LayerPainter } from './layer-painter';
import { between, seededRandom } from '../seeded-random';
import { HORIZON_Y, lit } from './sky-palette';

/** Wave crests drawn per frame (nearer ones lower, longer and brighter). */
const WAVE_CRESTS = 160;
/** One swell passes in this many ms. */
const SWELL_PERIOD_MS = 3_200;
/** Salt of the waves' random sequence. */
const WAVE_SALT = 31;

export const seaPainter: LayerPainter = {
  parallax: 0.5,
  band: [HORIZON_Y - 0.01, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height, palette } = env;
    const top = height * HORIZON_Y;
    const horizon = palette.stops[palette.stops.length - 1] ?? '#888888';
    const deep = lit(palette, '#0c3d66');
    const water = ctx.createLinearGradient(0, top, 0, height);
    water.addColorStop(0, mix(horizon, deep, 0.35));
    water.addColorStop(0.3, mix(horizon, deep, 0.7));
    water.addColorStop(1, deep);
    ctx.fillStyle = water;
    ctx.fillRect(-marginPx, top, width + 2 * marginPx, height - top);
    // The sun's or moon's reflection: a soft column of light below it.
    const glint = palette.sunUp ? palette.glow : '#c8d4f0';
    const reflection = ctx.createLinearGradient(0, top, 0, height);
    reflection.addColorStop(0, withAlpha(glint, palette.sunUp ? 0.55 : 0.25));
    reflection.addColorStop(1, withAlpha(glint, 0));
    ctx.fillStyle = reflection;
    const random = seededRandom(env.scene.seed, 11);
    const side = random() < 0.5 ? -1 : 1;
    const cx = width * (0.5 + side * (0.12 + 0.1 * random()));
    ctx.beginPath();
    ctx.moveTo(cx - width * 0.03, top);
    ctx.lineTo(cx + width * 0.03, top);
    ctx.lineTo(cx + width * 0.12, height);
    ctx.lineTo(cx - width * 0.12, height);
    ctx.closePath();
    ctx.fill();
  },
  paintMotion(ctx, env, timeMs) {
    const { width, height, palette } = env;
    const top = height * HORIZON_Y;
    const random = seededRandom(env.scene.seed, WAVE_SALT);
    const baseAlpha = ctx.globalAlpha;
    // Crests as short bright dashes: filled rectangles are the cheapest thing a 2D canvas draws.
    ctx.fillStyle = mix('#ffffff', palette.glow, 0.3);
    for (let i = 0; i < WAVE_CRESTS; i += 1) {
      const depth = random();
      const y = top + (height - top) * depth ** 1.6;
      const length = width * (0.008 + 0.05 * depth) * between(random, 0.6, 1.4);
      const phase = random() * Math.PI * 2;
      const swell = (2 * Math.PI * timeMs) / SWELL_PERIOD_MS + phase;
      const x =
        random() * width * 1.1 - width * 0.05 + Math.sin(swell) * width * 0.01 * (0.3 + depth);
      ctx.globalAlpha = baseAlpha * (0.15 + 0.45 * depth) * (0.5 + 0.5 * Math.sin(swell));
      ctx.fillRect(
        x,
        y + Math.cos(swell) * height * 0.003 * depth,
        length,
        Math.max(1, height * 0.004 * depth),
      );
    }
    ctx.globalAlpha = baseAlpha;
  },
};
