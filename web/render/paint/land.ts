/**
 * @module land
 * Ground layers, far to near: mountains (jagged ridges with snow caps), rolling hills, a forest
 * of pines, desert dunes, a snow field and a sandy beach. Each is a silhouette lit by the time of
 * day (sky-palette.ts), so a sunset darkens it and a noon sky shows its colour.
 */
import type { Context2D } from '../frame-assets';
import { mix } from './colour';
import { fillRidge, type LayerPainter, type PaintEnv } from './layer-painter';
import { between, type Random } from '../seeded-random';
import { HORIZON_Y, lit } from './sky-palette';

/** Points per ridge line: smooth enough at 4K, cheap to fill once. */
const RIDGE_POINTS = 96;

/** Heights of a ridge (px) at `RIDGE_POINTS` xs across the span: a sum of seeded sine waves. */
function ridge(
  random: Random,
  env: PaintEnv,
  marginPx: number,
  baseY: number,
  amplitude: number,
  waves: number,
  jagged: boolean,
): { xs: number[]; ys: number[] } {
  const span = env.width + 2 * marginPx;
  const harmonics = Array.from({ length: waves }, (_, k) => ({
    frequency: (k + 1) * between(random, 0.8, 1.4),
    phase: random() * Math.PI * 2,
    weight: 1 / (k + 1),
  }));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= RIDGE_POINTS; i += 1) {
    const u = i / RIDGE_POINTS;
    let h = 0;
    for (const { frequency, phase, weight } of harmonics) {
      const s = Math.sin(u * Math.PI * 2 * frequency + phase);
      h += weight * (jagged ? 1 - 2 * Math.abs(s) ** 0.9 : s);
    }
    xs.push(u * span - marginPx);
    ys.push(baseY - amplitude * (0.5 + 0.5 * (h / 1.6)));
  }
  return { xs, ys };
}

function verticalShade(
  ctx: Context2D,
  top: number,
  bottom: number,
  from: string,
  to: string,
): CanvasGradient {
  const gradient = ctx.createLinearGradient(0, top, 0, bottom);
  gradient.addColorStop(0, from);
  gradient.addColorStop(1, to);
  return gradient;
}

/** Two ranges of mountains, the far one hazy with the sky's horizon colour; snow on the peaks. */
export const mountainsPainter: LayerPainter = {
  parallax: 0.12,
  band: [0.25, 1],
  paintStatic(ctx, env, random, marginPx) {
    const { height, palette } = env;
    const horizon = palette.stops[palette.stops.length - 1] ?? '#888888';
    const far = ridge(random, env, marginPx, height * (HORIZON_Y + 0.02), height * 0.32, 4, true);
    fillRidge(ctx, far.xs, far.ys, height, mix(lit(palette, '#6d7f99'), horizon, 0.45));
    const near = ridge(random, env, marginPx, height * (HORIZON_Y + 0.06), height * 0.26, 3, true);
    const rock = lit(palette, '#4d5a6e');
    fillRidge(
      ctx,
      near.xs,
      near.ys,
      height,
      verticalShade(ctx, height * 0.4, height, rock, mix(rock, '#000000', 0.4)),
    );
    // Snow caps: the ridge's highest points, a lighter sliver.
    ctx.fillStyle = lit(palette, '#eef3fb');
    const snowLine = height * (HORIZON_Y - 0.12);
    ctx.beginPath();
    for (let i = 1; i < near.ys.length - 1; i += 1) {
      const y = near.ys[i] ?? height;
      if (y < snowLine && y <= (near.ys[i - 1] ?? height) && y <= (near.ys[i + 1] ?? height)) {
        const x = near.xs[i] ?? 0;
        const w = height * 0.05;
        ctx.moveTo(x, y);
        ctx.lineTo(x + w, y + w * 0.8);
        ctx.lineTo(x + w * 0.3, y + w * 0.6);
        ctx.lineTo(x - w * 0.2, y + w * 0.85);
        ctx.lineTo(x - w, y + w * 0.8);
        ctx.closePath();
      }
    }
    ctx.fill();
  },
};

/** A forest of pines along a low ridge. */
export const forestPainter: LayerPainter = {
  parallax: 0.6,
  band: [0.45, 1],
  paintStatic(ctx, env, random, marginPx) {
    const { width, height, palette } = env;
    const ground = lit(palette, '#24492c');
    const base = ridge(random, env, marginPx, height * 0.86, height * 0.05, 2, false);
    fillRidge(ctx, base.xs, base.ys, height, ground);
    const span = width + 2 * marginPx;
    const trees = Math.round(span / (height * 0.035));
    for (let row = 0; row < 2; row += 1) {
      ctx.fillStyle =
        row === 0
          ? mix(ground, palette.stops[palette.stops.length - 1] ?? '#777777', 0.25)
          : ground;
      ctx.beginPath();
      for (let i = 0; i < trees; i += 1) {
        const x = (i + random()) * (span / trees) - marginPx;
        const index = Math.min(
          RIDGE_POINTS,
          Math.max(0, Math.round(((x + marginPx) / span) * RIDGE_POINTS)),
        );
        const baseY = (base.ys[index] ?? height) + (row === 0 ? -height * 0.02 : height * 0.03);
        const tall = height * between(random, 0.1, 0.2) * (row === 0 ? 0.8 : 1);
        const half = tall * 0.24;
        ctx.moveTo(x, baseY - tall);
        ctx.lineTo(x + half, baseY);
        ctx.lineTo(x - half, baseY);
        ctx.closePath();
      }
      ctx.fill();
    }
  },
};

/** One roll of ground: its base below the horizon and its height (fractions of the height). */
interface Roll {
  offset: number;
  amplitude: number;
  fill: string;
}

/**
 * A painter of two rolls of smooth ground, the far one flat-coloured, the near one shaded from
 * `front.fill` down to `shade` (hills, dunes, snow drifts).
 */
function rollingGround(
  parallax: number,
  colours: (env: PaintEnv) => { back: Roll; front: Roll; shade: string },
): LayerPainter {
  return {
    parallax,
    band: [0.45, 1],
    paintStatic(ctx, env, random, marginPx) {
      const { height } = env;
      const { back, front, shade } = colours(env);
      for (const roll of [back, front]) {
        const line = ridge(
          random,
          env,
          marginPx,
          height * (HORIZON_Y + roll.offset),
          height * roll.amplitude,
          2,
          false,
        );
        const fill =
          roll === front ? verticalShade(ctx, height * 0.7, height, roll.fill, shade) : roll.fill;
        fillRidge(ctx, line.xs, line.ys, height, fill);
      }
    },
  };
}

/** Two rows of rolling green hills. */
export const hillsPainter = rollingGround(0.35, ({ palette }) => {
  const grass = lit(palette, '#4a8c46');
  return {
    back: { offset: 0.06, amplitude: 0.12, fill: lit(palette, '#6fa865') },
    front: { offset: 0.16, amplitude: 0.1, fill: grass },
    shade: mix(grass, '#0b1a0b', 0.35),
  };
});

/** Desert dunes in warm sand, shaded towards the viewer. */
export const desertPainter = rollingGround(0.4, ({ palette }) => {
  const sand = lit(palette, '#e0ac62');
  const horizon = palette.stops[palette.stops.length - 1] ?? '#cccccc';
  return {
    back: { offset: 0.05, amplitude: 0.1, fill: mix(sand, horizon, 0.3) },
    front: { offset: 0.2, amplitude: 0.14, fill: sand },
    shade: mix(sand, '#5a3510', 0.35),
  };
});

/** A snow field: soft white drifts with blue shadows. */
export const snowfieldPainter = rollingGround(0.4, ({ palette }) => ({
  back: { offset: 0.06, amplitude: 0.07, fill: lit(palette, '#dfe8f3') },
  front: { offset: 0.18, amplitude: 0.08, fill: lit(palette, '#f7fbff') },
  shade: lit(palette, '#b9cbe2'),
}));

/** A sandy beach along the bottom, with a wet darker edge where the sea meets it. */
export const beachPainter: LayerPainter = {
  parallax: 0.8,
  band: [0.75, 1],
  paintStatic(ctx, env, random, marginPx) {
    const { height, palette } = env;
    const shore = ridge(random, env, marginPx, height * 0.9, height * 0.06, 2, false);
    fillRidge(ctx, shore.xs, shore.ys, height, lit(palette, '#c9a874'));
    const dry = shore.ys.map((y) => y + height * 0.018);
    fillRidge(
      ctx,
      shore.xs,
      dry,
      height,
      verticalShade(ctx, height * 0.85, height, lit(palette, '#ecd4a2'), lit(palette, '#d8b57c')),
    );
  },
};
