/**
 * @module parse-colour
 * Colour names (English and Chinese) and `#rgb`/`#rrggbb` codes → `#rrggbb`, for edits such as
 * "title in red" or "标题改成黄色".
 */

/** Named colours people ask for, as the hex the renderer draws (CSS named-colour values, gold/orange tuned for text). */
export const NAMED_COLOURS: Readonly<Record<string, string>> = {
  red: '#ff0000',
  white: '#ffffff',
  black: '#000000',
  yellow: '#ffd400',
  gold: '#ffc83d',
  orange: '#ff8a00',
  green: '#22c55e',
  blue: '#2563eb',
  'light blue': '#7dd3fc',
  'dark blue': '#1e3a8a',
  navy: '#1e3a8a',
  purple: '#8b5cf6',
  pink: '#ff4fa3',
  grey: '#9ca3af',
  gray: '#9ca3af',
  cyan: '#22d3ee',
  teal: '#14b8a6',
  红: '#ff0000',
  白: '#ffffff',
  黑: '#000000',
  黄: '#ffd400',
  金: '#ffc83d',
  橙: '#ff8a00',
  绿: '#22c55e',
  蓝: '#2563eb',
  紫: '#8b5cf6',
  粉: '#ff4fa3',
  灰: '#9ca3af',
};

const NAMES_LONGEST_FIRST = Object.keys(NAMED_COLOURS).sort((a, b) => b.length - a.length);
const NAME_PATTERN = new RegExp(
  NAMES_LONGEST_FIRST.map((name) => (/^[a-z ]+$/.test(name) ? `\\b${name}\\b` : `${name}色?`)).join(
    '|',
  ),
  'i',
);
const HEX_PATTERN = /#([0-9a-f]{6}|[0-9a-f]{3})\b/i;

/**
 * The first colour named in a text.
 * @returns `{hex, index, match}`: `hex` as lowercase `#rrggbb`, where it was found and the words
 *   matched; null when the text names no colour
 * @example parseColour('title in red') // {hex:'#ff0000', index:9, match:'red'}
 */
export function parseColour(text: string): { hex: string; index: number; match: string } | null {
  const hex = HEX_PATTERN.exec(text);
  const named = NAME_PATTERN.exec(text);
  const hexHit = hex
    ? {
        hex: `#${(hex[1] ?? '').length === 3 ? [...(hex[1] ?? '')].map((c) => c + c).join('') : (hex[1] ?? '')}`.toLowerCase(),
        index: hex.index,
        match: hex[0],
      }
    : null;
  const namedKey = named ? named[0].toLowerCase().replace(/色$/, '') : null;
  const namedHex = namedKey === null ? undefined : NAMED_COLOURS[namedKey];
  const namedHit =
    named && namedHex ? { hex: namedHex, index: named.index, match: named[0] } : null;
  if (hexHit && namedHit) return hexHit.index <= namedHit.index ? hexHit : namedHit;
  return hexHit ?? namedHit;
}

/** The name people use for a hex colour this module knows, else the hex itself. */
export function colourName(hex: string): string {
  const lower = hex.toLowerCase();
  const name = Object.keys(NAMED_COLOURS).find(
    (key) => NAMED_COLOURS[key] === lower && /^[a-z ]+$/.test(key),
  );
  return name ?? lower;
}
