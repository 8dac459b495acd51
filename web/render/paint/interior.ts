/**
 * @module interior
 * Simple interiors in the scene's colours: a desk with a laptop, a stage with curtains and
 * sweeping spotlights, a kitchen counter with a steaming pot. Flat shapes, readable at a glance.
 */
import type { Context2D } from '../frame-assets';
import { mix, withAlpha } from './colour';
import type { LayerPainter, PaintEnv } from './layer-painter';

/** Spotlights sweep across the stage once per this many ms. */
const SPOTLIGHT_PERIOD_MS = 6_000;
/** Steam curls rise once per this many ms. */
const STEAM_PERIOD_MS = 2_400;

function accent(env: PaintEnv, index: number): string {
  const colors = env.scene.colors;
  return colors[index % colors.length] ?? '#38bdf8';
}

function wall(
  ctx: Context2D,
  env: PaintEnv,
  marginPx: number,
  color: string,
  floorY: number,
): void {
  const { width } = env;
  const gradient = ctx.createLinearGradient(0, 0, 0, floorY);
  gradient.addColorStop(0, mix(color, '#000000', 0.35));
  gradient.addColorStop(1, color);
  ctx.fillStyle = gradient;
  ctx.fillRect(-marginPx, 0, width + 2 * marginPx, floorY);
}

function roundRect(ctx: Context2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

export const deskPainter: LayerPainter = {
  parallax: 0.2,
  band: [0, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height } = env;
    const floorY = height * 0.72;
    wall(ctx, env, marginPx, mix(accent(env, 0), '#1b2130', 0.6), floorY);
    // Window with the sky's light.
    ctx.fillStyle = withAlpha(mix(env.palette.stops[2] ?? '#a5d2f4', '#ffffff', 0.2), 0.5);
    roundRect(ctx, width * 0.08, height * 0.12, width * 0.22, height * 0.34, height * 0.01);
    // Desk top and front.
    ctx.fillStyle = '#8a5a3b';
    ctx.fillRect(-marginPx, floorY, width + 2 * marginPx, height * 0.04);
    ctx.fillStyle = '#5e3b26';
    ctx.fillRect(-marginPx, floorY + height * 0.04, width + 2 * marginPx, height);
    // Laptop: screen glowing in the accent colour, then the base.
    const lx = width * 0.6;
    const lw = height * 0.46;
    ctx.fillStyle = '#22262f';
    roundRect(ctx, lx, floorY - lw * 0.62, lw, lw * 0.62, height * 0.01);
    const screen = ctx.createLinearGradient(lx, floorY - lw * 0.6, lx + lw, floorY);
    screen.addColorStop(0, accent(env, 1));
    screen.addColorStop(1, accent(env, 0));
    ctx.fillStyle = screen;
    roundRect(ctx, lx + lw * 0.04, floorY - lw * 0.58, lw * 0.92, lw * 0.52, height * 0.006);
    ctx.fillStyle = '#c9ced8';
    roundRect(
      ctx,
      lx - lw * 0.08,
      floorY - height * 0.012,
      lw * 1.16,
      height * 0.016,
      height * 0.006,
    );
    // Plant and mug.
    ctx.fillStyle = '#c46a3c';
    ctx.fillRect(width * 0.2, floorY - height * 0.1, height * 0.08, height * 0.1);
    ctx.fillStyle = '#3f8f4f';
    for (const [dx, dy, r] of [
      [0.04, -0.16, 0.05],
      [0.0, -0.13, 0.04],
      [0.08, -0.13, 0.04],
    ] as const) {
      ctx.beginPath();
      ctx.ellipse(
        width * 0.2 + height * dx,
        floorY + height * dy,
        height * r * 0.6,
        height * r,
        0,
        0,
        Math.PI * 2,
      );
      ctx.fill();
    }
    ctx.fillStyle = '#e9edf3';
    roundRect(
      ctx,
      width * 0.48,
      floorY - height * 0.07,
      height * 0.05,
      height * 0.07,
      height * 0.008,
    );
  },
};

export const stagePainter: LayerPainter = {
  parallax: 0.2,
  band: [0, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height } = env;
    const floorY = height * 0.78;
    wall(ctx, env, marginPx, '#14101e', floorY);
    const floor = ctx.createLinearGradient(0, floorY, 0, height);
    floor.addColorStop(0, '#3a2a22');
    floor.addColorStop(1, '#1a120e');
    ctx.fillStyle = floor;
    ctx.fillRect(-marginPx, floorY, width + 2 * marginPx, height - floorY);
    // Curtains with folds on both sides and a valance.
    for (const side of [-1, 1]) {
      for (let fold = 0; fold < 6; fold += 1) {
        ctx.fillStyle = fold % 2 === 0 ? '#8e1b2c' : '#6d1220';
        const x =
          side < 0
            ? -marginPx + fold * width * 0.025
            : width + marginPx - (fold + 1) * width * 0.025;
        ctx.fillRect(x, 0, width * 0.025 + marginPx * (fold === 0 ? 1 : 0), floorY + height * 0.02);
      }
    }
    ctx.fillStyle = '#8e1b2c';
    ctx.fillRect(-marginPx, 0, width + 2 * marginPx, height * 0.08);
  },
  paintMotion(ctx, env, timeMs) {
    const { width, height } = env;
    const floorY = height * 0.78;
    const phase = (timeMs / SPOTLIGHT_PERIOD_MS) * Math.PI * 2;
    for (let i = 0; i < 3; i += 1) {
      const source = width * (0.25 + 0.25 * i);
      const target = width * (0.5 + 0.3 * Math.sin(phase + i * 2.1));
      ctx.fillStyle = withAlpha(mix(accent(env, i), '#ffffff', 0.5), 0.16);
      ctx.beginPath();
      ctx.moveTo(source - width * 0.01, 0);
      ctx.lineTo(source + width * 0.01, 0);
      ctx.lineTo(target + width * 0.09, floorY);
      ctx.lineTo(target - width * 0.09, floorY);
      ctx.closePath();
      ctx.fill();
      ctx.beginPath();
      ctx.ellipse(target, floorY + height * 0.03, width * 0.1, height * 0.03, 0, 0, Math.PI * 2);
      ctx.fill();
    }
  },
};

export const kitchenPainter: LayerPainter = {
  parallax: 0.2,
  band: [0, 1],
  paintStatic(ctx, env, _random, marginPx) {
    const { width, height } = env;
    const counterY = height * 0.68;
    wall(ctx, env, marginPx, '#e8e1d4', counterY);
    // Tiles.
    ctx.strokeStyle = 'rgba(120, 110, 95, 0.25)';
    ctx.lineWidth = Math.max(1, height * 0.002);
    ctx.beginPath();
    const tile = height * 0.06;
    for (let y = height * 0.36; y < counterY; y += tile) {
      ctx.moveTo(-marginPx, y);
      ctx.lineTo(width + marginPx, y);
    }
    for (let x = -marginPx; x < width + marginPx; x += tile) {
      ctx.moveTo(x, height * 0.36);
      ctx.lineTo(x, counterY);
    }
    ctx.stroke();
    // Cabinets above, in the scene's colour.
    ctx.fillStyle = mix(accent(env, 0), '#ffffff', 0.25);
    for (let x = -marginPx; x < width + marginPx; x += width * 0.2) {
      roundRect(ctx, x + width * 0.01, 0, width * 0.18, height * 0.28, height * 0.01);
    }
    // Counter and the cupboards below.
    ctx.fillStyle = '#4b4f58';
    ctx.fillRect(-marginPx, counterY, width + 2 * marginPx, height * 0.04);
    ctx.fillStyle = mix(accent(env, 0), '#1b1f28', 0.5);
    ctx.fillRect(-marginPx, counterY + height * 0.04, width + 2 * marginPx, height);
    // A pot on the hob and a cutting board with a tomato.
    const px = width * 0.66;
    ctx.fillStyle = '#2d3138';
    roundRect(
      ctx,
      px - height * 0.12,
      counterY - height * 0.15,
      height * 0.24,
      height * 0.15,
      height * 0.02,
    );
    ctx.fillRect(px - height * 0.15, counterY - height * 0.14, height * 0.3, height * 0.02);
    ctx.fillStyle = '#c8955a';
    roundRect(
      ctx,
      width * 0.24,
      counterY - height * 0.02,
      height * 0.3,
      height * 0.02,
      height * 0.006,
    );
    ctx.fillStyle = '#e0473a';
    ctx.beginPath();
    ctx.arc(width * 0.24 + height * 0.12, counterY - height * 0.05, height * 0.035, 0, Math.PI * 2);
    ctx.fill();
  },
  paintMotion(ctx, env, timeMs) {
    const { width, height } = env;
    const px = width * 0.66;
    const top = height * 0.68 - height * 0.16;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)';
    ctx.lineWidth = height * 0.008;
    ctx.lineCap = 'round';
    for (let i = 0; i < 3; i += 1) {
      const rise = ((timeMs / STEAM_PERIOD_MS + i / 3) % 1) * height * 0.18;
      const x = px + (i - 1) * height * 0.06;
      ctx.beginPath();
      for (let k = 0; k <= 10; k += 1) {
        const y = top - rise - k * height * 0.01;
        ctx.lineTo(x + Math.sin(k * 0.9 + timeMs / 400 + i) * height * 0.012, y);
      }
      ctx.stroke();
    }
  },
};
