/**
 * @module celestial
 * Sun, moon and stars: the sun's height and colour follow the time of day (low and orange at
 * sunset, high and pale at noon, gone at night), the moon glows at dusk and night, stars fade in
 * with darkness and a few of them twinkle.
 */
import type { Context2D } from '../frame-assets';
import { withAlpha } from './colour';
import type { LayerPainter, PaintEnv } from './layer-painter';
import { between, seededRandom } from '../seeded-random';

/** Sun and moon radius as a fraction of the shorter side. */
const DISC_RADIUS = 0.075;
/** Halo radius as a multiple of the disc's. */
const HALO_RADII = 5;
/** Stars in the static field, and how many of them twinkle each frame. */
const STARS = 220;
const TWINKLING_STARS = 40;
/** A twinkle lasts about this long, ms. */
const TWINKLE_PERIOD_MS = 1_800;
/** Salt of the twinkling stars' sequence (apart from the static field's). */
const TWINKLE_SALT = 77;

/** Where the sun or moon stands: left or right of centre (from the seed), at the palette's height. */
function discCentre(env: PaintEnv, salt: number): { x: number; y: number; radius: number } {
  const random = seededRandom(env.scene.seed, salt);
  const side = random() < 0.5 ? -1 : 1;
  return {
    x: env.width * (0.5 + side * between(random, 0.12, 0.22)),
    y: env.height * env.palette.sunY,
    radius: DISC_RADIUS * Math.min(env.width, env.height),
  };
}

function paintHalo(
  ctx: Context2D,
  x: number,
  y: number,
  radius: number,
  color: string,
  alpha: number,
): void {
  const halo = ctx.createRadialGradient(x, y, radius * 0.6, x, y, radius * HALO_RADII);
  halo.addColorStop(0, withAlpha(color, alpha));
  halo.addColorStop(1, withAlpha(color, 0));
  ctx.fillStyle = halo;
  ctx.fillRect(
    x - radius * HALO_RADII,
    y - radius * HALO_RADII,
    radius * HALO_RADII * 2,
    radius * HALO_RADII * 2,
  );
}

/** The sun with its halo; nothing when the sky's sun is down (dusk, night) or hidden by weather. */
export const sunPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env) {
    if (!env.palette.sunUp) return;
    const { x, y, radius } = discCentre(env, 11);
    paintHalo(ctx, x, y, radius, env.palette.glow, 0.55);
    ctx.fillStyle = env.palette.sun;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, Math.PI * 2);
    ctx.fill();
  },
};

/** A crescent moon with a cool halo, high in the sky. */
export const moonPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env) {
    const { x, radius } = discCentre(env, 13);
    const y = env.height * 0.2;
    paintHalo(ctx, x, y, radius * 0.8, '#9fb3e0', 0.35);
    ctx.fillStyle = '#f4f1e0';
    ctx.beginPath();
    ctx.arc(x, y, radius * 0.8, 0, Math.PI * 2);
    ctx.fill();
    // The shadowed part: a disc of the sky's colour, offset.
    ctx.fillStyle = env.palette.stops[0] ?? '#03061a';
    ctx.beginPath();
    ctx.arc(x + radius * 0.35, y - radius * 0.2, radius * 0.72, 0, Math.PI * 2);
    ctx.fill();
  },
};

/** How bright stars are: the palette's star level, full in space or scenes without a sky. */
function starLevel(env: PaintEnv): number {
  return env.scene.sky ? env.palette.stars : 1;
}

/** A field of stars over the upper sky (the whole frame in space); a few twinkle. */
export const starsPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env, random, marginPx) {
    const level = starLevel(env);
    if (level <= 0) return;
    const bottom = env.scene.sky ? 0.7 : 1;
    const span = env.width + 2 * marginPx;
    ctx.fillStyle = '#ffffff';
    for (let i = 0; i < STARS; i += 1) {
      const x = random() * span - marginPx;
      const y = random() ** 1.4 * bottom * env.height;
      const size = between(random, 0.8, 2.6) * (env.height / 1080);
      ctx.globalAlpha = level * between(random, 0.3, 1);
      ctx.fillRect(x, y, size, size);
    }
    ctx.globalAlpha = 1;
  },
  paintMotion(ctx, env, timeMs) {
    const level = starLevel(env);
    if (level <= 0) return;
    const random = seededRandom(env.scene.seed, TWINKLE_SALT);
    const bottom = env.scene.sky ? 0.6 : 1;
    const baseAlpha = ctx.globalAlpha;
    ctx.fillStyle = '#ffffff';
    for (let i = 0; i < TWINKLING_STARS; i += 1) {
      const x = random() * env.width;
      const y = random() * bottom * env.height;
      const phase = random();
      const size = between(random, 1.5, 3.5) * (env.height / 1080);
      const glint = 0.5 + 0.5 * Math.sin(2 * Math.PI * (timeMs / TWINKLE_PERIOD_MS + phase));
      ctx.globalAlpha = baseAlpha * level * glint;
      ctx.fillRect(x - size, y - size / 4, size * 2, size / 2);
      ctx.fillRect(x - size / 4, y - size, size / 2, size * 2);
    }
    ctx.globalAlpha = baseAlpha;
  },
};
