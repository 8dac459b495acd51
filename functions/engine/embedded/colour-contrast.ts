/**
 * @module colour-contrast
 * WCAG 2 contrast of `#rrggbb` colours, and mixing a colour toward black or white; used to keep
 * text legible on a visitor's own brand colours. Formulas: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
 * and https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio.
 */

/** The three channels of a `#rrggbb` colour, 0..255 each. */
function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** WCAG 2 relative luminance of a `#rrggbb` colour, 0 (black) .. 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1 (same) .. 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `hex` moved `amount` (0..1) of the way toward `toward` (`#000000` darkens, `#ffffff` lightens),
 * channel by channel in sRGB.
 * @returns a lower-case `#rrggbb`
 */
export function mixColour(hex: string, toward: string, amount: number): string {
  const from = channels(hex);
  const to = channels(toward);
  return `#${from
    .map((value, i) =>
      Math.round(value + ((to[i] ?? value) - value) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
