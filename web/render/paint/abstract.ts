/**
 * @module abstract
 * Abstract backdrops in the scene's colours, all moving on their own: floating geometric shapes,
 * rising particles, soft bokeh lights, a perspective grid rolling towards the viewer and flowing
 * wave ribbons. Everything is a function of the seed and the time (no state between frames).
 */
import type { Context2D } from '../frame-assets';
import { mix, withAlpha } from './colour';
import type { LayerPainter, PaintEnv } from './layer-painter';
import { between, seededRandom } from '../seeded-random';

/** Counts per frame: enough to read as a pattern, few enough to stay well under a millisecond. */
const SHAPES = 9;
const PARTICLES = 70;
const BOKEH_LIGHTS = 16;
const WAVE_RIBBONS = 4;
/** Grid lines: across (receding) and along (converging to the vanishing point). */
const GRID_ROWS = 14;
const GRID_COLUMNS = 22;
/** The grid rolls one row towards the viewer per this many ms. */
const GRID_ROW_MS = 900;
/** Salt per abstract kind, so two abstract layers of one scene differ. */
const SALT = { shapes: 201, particles: 202, bokeh: 203, waves: 204 } as const;

function colour(env: PaintEnv, index: number): string {
  const colors = env.scene.colors;
  return mix(colors[index % colors.length] ?? '#38bdf8', '#ffffff', 0.15);
}

export const shapesPainter: LayerPainter = {
  parallax: 0.5,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, SALT.shapes);
    const { width, height } = env;
    const baseAlpha = ctx.globalAlpha;
    for (let i = 0; i < SHAPES; i += 1) {
      const x = between(random, 0.05, 0.95) * width;
      const y0 = between(random, 0.05, 0.95) * height;
      const size = between(random, 0.04, 0.12) * height;
      const spin = between(random, -1, 1) * 0.0004;
      const kind = Math.floor(random() * 3);
      const y = y0 + Math.sin(timeMs / 1_700 + i) * height * 0.02;
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(timeMs * spin + i);
      ctx.globalAlpha = baseAlpha * 0.55;
      ctx.strokeStyle = colour(env, i);
      ctx.fillStyle = withAlpha(colour(env, i + 1), 0.35);
      ctx.lineWidth = height * 0.006;
      ctx.beginPath();
      if (kind === 0) ctx.arc(0, 0, size / 2, 0, Math.PI * 2);
      else if (kind === 1) {
        ctx.moveTo(0, -size / 2);
        ctx.lineTo(size / 2, size / 2);
        ctx.lineTo(-size / 2, size / 2);
        ctx.closePath();
      } else ctx.roundRect(-size / 2, -size / 2, size, size, size * 0.2);
      if (i % 2 === 0) ctx.fill();
      ctx.stroke();
      ctx.restore();
    }
    ctx.globalAlpha = baseAlpha;
  },
};

export const particlesPainter: LayerPainter = {
  parallax: 0.7,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, SALT.particles);
    const { width, height } = env;
    ctx.fillStyle = withAlpha(mix(colour(env, 0), '#ffffff', 0.5), 0.7);
    ctx.beginPath();
    for (let i = 0; i < PARTICLES; i += 1) {
      const x = random() * width;
      const phase = random();
      const speed = between(random, 0.5, 1.5);
      const rise = ((timeMs * speed) / 12_000 + phase) % 1;
      const y = height * (1.02 - rise * 1.04);
      const r = between(random, 0.002, 0.006) * height;
      ctx.moveTo(x + r, y);
      ctx.arc(x + Math.sin(timeMs / 1_000 + i) * height * 0.01, y, r, 0, Math.PI * 2);
    }
    ctx.fill();
  },
};

export const bokehPainter: LayerPainter = {
  parallax: 0.4,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, SALT.bokeh);
    const { width, height } = env;
    const baseAlpha = ctx.globalAlpha;
    for (let i = 0; i < BOKEH_LIGHTS; i += 1) {
      const x = random() * width + Math.sin(timeMs / 5_000 + i) * width * 0.02;
      const y = random() * height + Math.cos(timeMs / 6_000 + i) * height * 0.02;
      const r = between(random, 0.03, 0.09) * height;
      const pulse = 0.6 + 0.4 * Math.sin(timeMs / 1_300 + i * 1.7);
      ctx.globalAlpha = baseAlpha * 0.22 * pulse;
      ctx.fillStyle = mix(colour(env, i), '#ffffff', 0.35);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = baseAlpha;
  },
};

export const gridPainter: LayerPainter = {
  parallax: 0,
  band: [0.5, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height } = env;
    const horizon = height * 0.58;
    const glow = ctx.createLinearGradient(0, horizon - height * 0.12, 0, horizon + height * 0.05);
    glow.addColorStop(0, withAlpha(colour(env, 0), 0));
    glow.addColorStop(1, withAlpha(colour(env, 0), 0.45));
    ctx.fillStyle = glow;
    ctx.fillRect(-marginPx, horizon - height * 0.12, width + 2 * marginPx, height * 0.17);
    ctx.fillStyle = withAlpha('#05060d', 0.6);
    ctx.fillRect(-marginPx, horizon, width + 2 * marginPx, height - horizon);
    // Lines converging to the vanishing point at the horizon's centre.
    ctx.strokeStyle = withAlpha(colour(env, 0), 0.7);
    ctx.lineWidth = Math.max(1, height * 0.0025);
    ctx.beginPath();
    for (let i = 0; i <= GRID_COLUMNS; i += 1) {
      const u = i / GRID_COLUMNS - 0.5;
      ctx.moveTo(width / 2 + u * width * 0.3, horizon);
      ctx.lineTo(width / 2 + u * width * 3, height);
    }
    ctx.stroke();
  },
  paintMotion(ctx, env, timeMs) {
    const { width, height } = env;
    const horizon = height * 0.58;
    const roll = (timeMs / GRID_ROW_MS) % 1;
    ctx.strokeStyle = withAlpha(colour(env, 1), 0.7);
    ctx.lineWidth = Math.max(1, height * 0.0025);
    ctx.beginPath();
    for (let i = 0; i < GRID_ROWS; i += 1) {
      // Perspective: rows bunch up towards the horizon.
      const z = (i + roll) / GRID_ROWS;
      const y = horizon + (height - horizon) * z * z;
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
    }
    ctx.stroke();
  },
};

export const wavesPainter: LayerPainter = {
  parallax: 0.3,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, SALT.waves);
    const { width, height } = env;
    for (let i = 0; i < WAVE_RIBBONS; i += 1) {
      const baseY = height * (0.55 + 0.1 * i);
      const amplitude = height * between(random, 0.04, 0.08);
      const wavelength = width * between(random, 0.5, 0.9);
      const phase = random() * Math.PI * 2 + (timeMs / 4_000) * (i % 2 === 0 ? 1 : -1);
      ribbon(
        ctx,
        width,
        height,
        baseY,
        amplitude,
        wavelength,
        phase,
        withAlpha(colour(env, i), 0.3),
      );
    }
  },
};

function ribbon(
  ctx: Context2D,
  width: number,
  height: number,
  baseY: number,
  amplitude: number,
  wavelength: number,
  phase: number,
  fill: string,
): void {
  const steps = 40;
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.moveTo(0, height);
  for (let k = 0; k <= steps; k += 1) {
    const x = (k / steps) * width;
    ctx.lineTo(x, baseY + Math.sin((x / wavelength) * Math.PI * 2 + phase) * amplitude);
  }
  ctx.lineTo(width, height);
  ctx.closePath();
  ctx.fill();
}
