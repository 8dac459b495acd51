/**
 * @module sky-palette
 * The colours of a time of day and a weather: the sky's gradient, sun and glow, clouds, and how
 * land, water and buildings are lit (a tint and a light level), whether windows are lit and how
 * bright the stars are. Every landscape layer takes its colours from here, so "make it night"
 * repaints the whole scene consistently.
 */
import type { Sky, SkyTime, SkyWeather } from '../../../shared/scene-layers-schema';
import { mix } from './colour';

/** The horizon, as a fraction of the height from the top: land and sea start just below it. */
export const HORIZON_Y = 0.66;

/** How one time of day (under one weather) colours a scene. */
export interface SkyPalette {
  /** Sky gradient, zenith to horizon. */
  stops: readonly string[];
  /** Disc of the sun (or moon at night). */
  sun: string;
  /** Height of the sun's centre as a fraction of the height (near the horizon at dawn and sunset). */
  sunY: number;
  /** Halo around the sun. */
  glow: string;
  cloud: string;
  /** Colour that shadows mix towards, and how much light remains (1 = full daylight). */
  tint: string;
  light: number;
  /** Share of windows lit, 0..1. */
  windowsLit: number;
  /** Star brightness, 0..1. */
  stars: number;
  /** Whether the sun is up (a `sun` layer draws nothing when it is not). */
  sunUp: boolean;
}

const TIMES: Readonly<Record<SkyTime, SkyPalette>> = {
  dawn: {
    stops: ['#2b3a67', '#7d6b9c', '#f4a7a3', '#ffd6a5'],
    sun: '#fff1c9',
    sunY: 0.6,
    glow: '#ffc7a1',
    cloud: '#ffd5cc',
    tint: '#3b3566',
    light: 0.7,
    windowsLit: 0.25,
    stars: 0.15,
    sunUp: true,
  },
  day: {
    stops: ['#2a78cf', '#58a3e6', '#a5d2f4', '#e3f3ff'],
    sun: '#fffbea',
    sunY: 0.16,
    glow: '#fff6c8',
    cloud: '#ffffff',
    tint: '#4a6a8a',
    light: 1,
    windowsLit: 0,
    stars: 0,
    sunUp: true,
  },
  'golden-hour': {
    stops: ['#3f6fae', '#93b3d4', '#f5cd8c', '#f7a44d'],
    sun: '#fff0b8',
    sunY: 0.46,
    glow: '#ffd27f',
    cloud: '#ffe1b0',
    tint: '#6b3f3a',
    light: 0.85,
    windowsLit: 0.1,
    stars: 0,
    sunUp: true,
  },
  sunset: {
    stops: ['#2a1a4f', '#7a2b6c', '#e1504b', '#f89a40', '#ffd37a'],
    sun: '#ffe28e',
    sunY: 0.44,
    glow: '#ff9a4d',
    cloud: '#ff9c7c',
    tint: '#2a1030',
    light: 0.5,
    windowsLit: 0.55,
    stars: 0.05,
    sunUp: true,
  },
  dusk: {
    stops: ['#0e1b40', '#2d3a79', '#77599a', '#e0978b'],
    sun: '#fde6c8',
    sunY: 0.75,
    glow: '#c98aa0',
    cloud: '#8a7dae',
    tint: '#161433',
    light: 0.35,
    windowsLit: 0.6,
    stars: 0.45,
    sunUp: false,
  },
  night: {
    stops: ['#03061a', '#0a1434', '#152558', '#22356d'],
    sun: '#f4f1e0',
    sunY: 0.2,
    glow: '#9fb3e0',
    cloud: '#343e68',
    tint: '#060818',
    light: 0.22,
    windowsLit: 0.72,
    stars: 1,
    sunUp: false,
  },
};

/** Weather veils: the colour the sky greys towards and by how much; how much sun and stars remain. */
const WEATHER: Readonly<
  Record<SkyWeather, { veil: string; amount: number; sunAlpha: number; starsAlpha: number }>
> = {
  clear: { veil: '#000000', amount: 0, sunAlpha: 1, starsAlpha: 1 },
  clouds: { veil: '#8d96a6', amount: 0.28, sunAlpha: 0.7, starsAlpha: 0.5 },
  rain: { veil: '#5f6877', amount: 0.55, sunAlpha: 0.2, starsAlpha: 0.1 },
  snow: { veil: '#c3cbd6', amount: 0.45, sunAlpha: 0.3, starsAlpha: 0.2 },
  fog: { veil: '#b4bbc5', amount: 0.5, sunAlpha: 0.4, starsAlpha: 0.2 },
};

/** The palette of `sky`: its time of day, greyed by its weather. */
export function skyPalette(sky: Sky): SkyPalette {
  const base = TIMES[sky.time];
  const weather = WEATHER[sky.weather];
  // Night skies grey less: a veil of light grey would brighten them.
  const amount = weather.amount * (0.35 + 0.65 * base.light);
  const veil = mix(weather.veil, base.tint, 1 - base.light);
  return {
    ...base,
    stops: base.stops.map((stop) => mix(stop, veil, amount)),
    cloud: mix(base.cloud, veil, amount * 0.6),
    stars: base.stars * weather.starsAlpha,
    sunUp: base.sunUp && weather.sunAlpha > 0.5,
  };
}

/** A natural colour (grass, sand, stone) as lit by `palette`: darker and tinted away from day. */
export function lit(palette: SkyPalette, natural: string): string {
  return mix(natural, palette.tint, 1 - palette.light);
}

/** The palette used when a scene has no sky (space, interiors, abstract): night-like, lit windows. */
export const NO_SKY_PALETTE: SkyPalette = { ...TIMES.night, light: 0.8 };
