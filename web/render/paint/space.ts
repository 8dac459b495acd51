/**
 * @module space
 * Space layers over the space backdrop (sky.ts): a glowing nebula of the scene's colours and a
 * few planets, one of them ringed, shaded from one side. Stars are celestial.ts's.
 */
import { mix, withAlpha } from './colour';
import type { LayerPainter } from './layer-painter';
import { between } from '../seeded-random';

/** Nebula clouds: soft radial glows blended additively. */
const NEBULA_CLOUDS = 7;
/** Nebula hues added to the scene's colours so space never looks grey. */
const NEBULA_HUES = ['#7b3fe4', '#e04fa0', '#2bb3c0'] as const;

export const nebulaPainter: LayerPainter = {
  parallax: 0.05,
  band: [0, 1],
  paintStatic(ctx, env, random) {
    const { width, height } = env;
    const hues = [...NEBULA_HUES, ...env.scene.colors];
    ctx.globalCompositeOperation = 'lighter';
    for (let i = 0; i < NEBULA_CLOUDS; i += 1) {
      const x = between(random, 0.15, 0.85) * width;
      const y = between(random, 0.15, 0.7) * height;
      const radius = between(random, 0.25, 0.5) * height;
      const color = hues[Math.floor(random() * hues.length)] ?? '#7b3fe4';
      const glow = ctx.createRadialGradient(x, y, 0, x, y, radius);
      glow.addColorStop(0, withAlpha(color, 0.32));
      glow.addColorStop(0.5, withAlpha(color, 0.12));
      glow.addColorStop(1, withAlpha(color, 0));
      ctx.fillStyle = glow;
      ctx.fillRect(x - radius, y - radius, radius * 2, radius * 2);
    }
    ctx.globalCompositeOperation = 'source-over';
  },
};

/** Planet colours: rust, ice, gas giant. */
const PLANET_COLOURS = ['#d9774a', '#7fc4e8', '#e2c07a', '#9a7be0'] as const;

export const planetsPainter: LayerPainter = {
  parallax: 0.5,
  band: [0, 1],
  paintStatic(ctx, env, random) {
    const { width, height } = env;
    const count = 3;
    for (let i = 0; i < count; i += 1) {
      // Large planet low on one side, smaller ones elsewhere.
      const radius = (i === 0 ? 0.28 : between(random, 0.04, 0.09)) * height;
      const x =
        i === 0 ? (random() < 0.5 ? 0.12 : 0.88) * width : between(random, 0.2, 0.8) * width;
      const y = i === 0 ? 0.92 * height : between(random, 0.12, 0.45) * height;
      const base = PLANET_COLOURS[Math.floor(random() * PLANET_COLOURS.length)] ?? '#d9774a';
      const shade = ctx.createRadialGradient(
        x - radius * 0.4,
        y - radius * 0.4,
        radius * 0.1,
        x,
        y,
        radius,
      );
      shade.addColorStop(0, mix(base, '#ffffff', 0.35));
      shade.addColorStop(0.7, base);
      shade.addColorStop(1, mix(base, '#000000', 0.7));
      ctx.fillStyle = shade;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, Math.PI * 2);
      ctx.fill();
      if (i === 1) {
        ctx.strokeStyle = withAlpha(mix(base, '#ffffff', 0.5), 0.8);
        ctx.lineWidth = radius * 0.12;
        ctx.beginPath();
        ctx.ellipse(x, y, radius * 1.9, radius * 0.45, -0.35, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
  },
};
