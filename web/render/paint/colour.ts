/**
 * @module colour
 * Small colour arithmetic for the scene painter on `#rrggbb` strings: mixing (tints, haze,
 * weather) and alpha suffixes for gradients.
 */

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(value: number): string {
  return Math.round(Math.min(255, Math.max(0, value)))
    .toString(16)
    .padStart(2, '0');
}

/**
 * `a` moved towards `b` by `amount` (0 = `a`, 1 = `b`), as `#rrggbb`.
 * @example mix('#000000', '#ffffff', 0.5) // '#808080'
 */
export function mix(a: string, b: string, amount: number): string {
  const [ar, ag, ab] = channels(a);
  const [br, bg, bb] = channels(b);
  return `#${toHex(ar + (br - ar) * amount)}${toHex(ag + (bg - ag) * amount)}${toHex(ab + (bb - ab) * amount)}`;
}

/** `hex` with an alpha (0..1) as a `#rrggbbaa` CSS colour. */
export function withAlpha(hex: string, alpha: number): string {
  return `${hex.slice(0, 7)}${toHex(alpha * 255)}`;
}

/** Relative brightness 0..1 (Rec. 709 luma of the sRGB values; enough to pick light or dark). */
export function brightness(hex: string): number {
  const [r, g, b] = channels(hex);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Adds `colors` to `gradient` as evenly spaced stops from 0 to 1 (one colour: a flat fill). */
export function addEvenStops(gradient: CanvasGradient, colors: readonly string[]): void {
  const last = Math.max(1, colors.length - 1);
  for (let index = 0; index < colors.length; index += 1)
    gradient.addColorStop(index / last, colors[index] ?? '#000000');
}
