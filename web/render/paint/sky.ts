/**
 * @module sky
 * The sky behind a scene (gradient by time of day), its clouds drifting slowly, and the weather
 * in front of everything: rain streaks, snowflakes, fog banks. Space and colour backdrops for
 * scenes without a sky are here too.
 */
import type { Context2D } from '../frame-assets';
import { addEvenStops, mix, withAlpha } from './colour';
import type { LayerPainter, PaintEnv } from './layer-painter';
import { between, seededRandom } from '../seeded-random';

/** Salt of the weather's random sequences (apart from every layer's). */
const WEATHER_SALT = 1_000;
/** Clouds cross the frame once per this many ms: a slow drift. */
const CLOUD_CROSSING_MS = 90_000;
/** Clouds drawn: a few on a clear day, a sky full of them in clouds, rain or snow. */
const CLOUDS_CLEAR = 3;
const CLOUDS_CLOUDY = 9;
/** Rain streaks and snowflakes on screen: dense enough to read as weather at 1080p. */
const RAIN_DROPS = 140;
const SNOW_FLAKES = 150;
/** A raindrop falls the height in this many ms; a snowflake in this many. */
const RAIN_FALL_MS = 700;
const SNOW_FALL_MS = 9_000;

/** The sky gradient, zenith to just below the horizon. */
export const skyPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env, random, marginPx) {
    const gradient = ctx.createLinearGradient(0, 0, 0, env.height * 0.72);
    const stops = env.palette.stops;
    addEvenStops(gradient, stops);
    ctx.fillStyle = gradient;
    ctx.fillRect(-marginPx, 0, env.width + 2 * marginPx, env.height);
    if (env.scene.sky && STREAKED_TIMES.has(env.scene.sky.time))
      paintStreaks(ctx, env, random, marginPx);
  },
};

/** Times whose low sun lights thin streaks of cloud across the sky. */
const STREAKED_TIMES: ReadonlySet<string> = new Set(['dawn', 'golden-hour', 'sunset', 'dusk']);
/** Cloud streaks across a low-sun sky. */
const STREAKS = 24;

/** Long thin streaks of lit cloud, brighter towards the horizon. */
function paintStreaks(ctx: Context2D, env: PaintEnv, random: () => number, marginPx: number): void {
  const { width, height, palette } = env;
  for (let i = 0; i < STREAKS; i += 1) {
    const y = height * between(random, 0.12, 0.55);
    const x = between(random, -marginPx, width + marginPx);
    const length = width * between(random, 0.25, 0.6);
    const thickness = height * between(random, 0.006, 0.022);
    ctx.fillStyle = withAlpha(
      mix(palette.cloud, palette.glow, y / height),
      between(random, 0.25, 0.5),
    );
    ctx.beginPath();
    ctx.ellipse(x, y, length / 2, thickness, 0, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** Deep space: a blue-black field with a faint glow in one corner. */
export const spaceBackdropPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env, random, marginPx) {
    ctx.fillStyle = '#03040d';
    ctx.fillRect(-marginPx, 0, env.width + 2 * marginPx, env.height);
    const x = between(random, 0.2, 0.8) * env.width;
    const glow = ctx.createRadialGradient(x, env.height, 0, x, env.height, env.height * 1.1);
    glow.addColorStop(0, '#16204a');
    glow.addColorStop(1, '#03040d');
    ctx.fillStyle = glow;
    ctx.fillRect(-marginPx, 0, env.width + 2 * marginPx, env.height);
  },
};

/** A deep diagonal gradient of the scene's colours (behind abstract and interior layers). */
export const colourBackdropPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const colors = env.scene.colors;
    const gradient = ctx.createLinearGradient(0, 0, env.width, env.height);
    addEvenStops(
      gradient,
      colors.map((color) => mix(color, '#05060d', 0.55)),
    );
    ctx.fillStyle = gradient;
    ctx.fillRect(-marginPx, 0, env.width + 2 * marginPx, env.height);
  },
};

/** One puffy cloud of overlapping ellipses, centred at (x, y), `size` px wide. */
function paintCloud(
  ctx: Context2D,
  x: number,
  y: number,
  size: number,
  color: string,
  random: () => number,
): void {
  ctx.fillStyle = withAlpha(color, 0.75);
  ctx.beginPath();
  const puffs = 5;
  for (let i = 0; i < puffs; i += 1) {
    const px = x + (i / (puffs - 1) - 0.5) * size * 0.8;
    const radius = size * between(random, 0.14, 0.24) * (1 - Math.abs(i / (puffs - 1) - 0.5));
    ctx.moveTo(px + radius * 1.6, y);
    ctx.ellipse(px, y - radius * 0.3, radius * 1.6, radius, 0, 0, Math.PI * 2);
  }
  ctx.fill();
  ctx.fillStyle = withAlpha(color, 0.9);
  ctx.beginPath();
  ctx.ellipse(x, y + size * 0.02, size * 0.45, size * 0.07, 0, 0, Math.PI * 2);
  ctx.fill();
}

/**
 * Clouds drifting to the right, wrapping around: a strip painted once (by the caller's cache)
 * and drawn at an offset every frame.
 */
export function cloudStripPainter(env: PaintEnv): (ctx: Context2D) => void {
  const sky = env.scene.sky;
  const count =
    sky && sky.weather !== 'clear' && sky.weather !== 'fog' ? CLOUDS_CLOUDY : CLOUDS_CLEAR;
  return (ctx) => {
    const random = seededRandom(env.scene.seed, WEATHER_SALT + 1);
    for (let i = 0; i < count; i += 1) {
      const size = between(random, 0.16, 0.3) * env.width;
      // Spread evenly across the strip, with jitter; keep clear of the strip's ends.
      const x = ((i + between(random, 0.2, 0.8)) / count) * (env.width - size) + size / 2;
      const y = between(random, 0.08, 0.42) * env.height;
      paintCloud(ctx, x, y, size, env.palette.cloud, random);
    }
  };
}

/** Horizontal offset of the cloud strip at `timeMs`, px, in [0, width). */
export function cloudOffsetPx(width: number, timeMs: number): number {
  return ((timeMs / CLOUD_CROSSING_MS) * width) % width;
}

/** Rain: slanted streaks falling fast, from the scene's seed and the time alone. */
export const rainPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, WEATHER_SALT + 2);
    const { width, height } = env;
    const length = height * 0.05;
    ctx.strokeStyle = 'rgba(205, 215, 235, 0.55)';
    ctx.lineWidth = Math.max(1, height * 0.0018);
    ctx.beginPath();
    for (let i = 0; i < RAIN_DROPS; i += 1) {
      const x0 = random() * width * 1.2;
      const phase = random();
      const speed = between(random, 0.85, 1.15);
      const fall = ((timeMs * speed) / RAIN_FALL_MS + phase) % 1;
      const y = fall * (height + length) - length;
      const x = x0 - fall * height * 0.18;
      ctx.moveTo(x, y);
      ctx.lineTo(x - length * 0.18, y + length);
    }
    ctx.stroke();
  },
};

/** Snow: flakes drifting down and swaying. */
export const snowPainter: LayerPainter = {
  parallax: 0,
  band: [0, 1],
  paintMotion(ctx, env, timeMs) {
    const random = seededRandom(env.scene.seed, WEATHER_SALT + 3);
    const { width, height } = env;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.beginPath();
    for (let i = 0; i < SNOW_FLAKES; i += 1) {
      const x0 = random() * width;
      const phase = random();
      const radius = between(random, 0.0015, 0.0045) * height;
      const speed = between(random, 0.7, 1.3);
      const fall = ((timeMs * speed) / SNOW_FALL_MS + phase) % 1;
      const y = fall * (height + 2 * radius) - radius;
      const x = x0 + Math.sin(timeMs / 900 + phase * 20) * height * 0.012;
      ctx.moveTo(x + radius, y);
      ctx.arc(x, y, radius, 0, Math.PI * 2);
    }
    ctx.fill();
  },
};

/** Fog: two pale banks low over the land, breathing slowly. */
export const fogPainter: LayerPainter = {
  parallax: 0,
  band: [0.45, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height } = env;
    const fog = ctx.createLinearGradient(0, height * 0.45, 0, height);
    const color = mix('#d5dae2', env.palette.tint, 1 - env.palette.light);
    fog.addColorStop(0, withAlpha(color, 0));
    fog.addColorStop(0.35, withAlpha(color, 0.55));
    fog.addColorStop(1, withAlpha(color, 0.75));
    ctx.fillStyle = fog;
    ctx.fillRect(-marginPx, height * 0.45, width + 2 * marginPx, height * 0.55);
  },
};
