/**
 * @module pick-look
 * The video's look: a named colour palette chosen by the prompt's keywords (else by a hash of
 * the prompt, so the same prompt always gets the same look) and the font family the renderer
 * loads (Inter 400/700/800 for Latin, Noto Sans SC 700 for CJK).
 */
import type { Look } from '../../../shared/draft-schema';

/**
 * Font list of every text: Inter first for Latin; CJK glyphs fall through to Noto Sans SC, the
 * only CJK face the renderer loads.
 */
export const FONT_FAMILY = '"Inter", "Noto Sans SC", sans-serif';

/** One palette: its look plus the words that call for it. */
interface Palette {
  look: Look;
  keywords: RegExp;
}

function look(paletteName: string, background: string[], text: string, accent: string): Look {
  return { paletteName, background, text, accent, fontFamily: FONT_FAMILY };
}

/**
 * The palettes. `text` keeps ≥ 4.5:1 contrast on every gradient stop, `accent` ≥ 3:1 (WCAG AA for
 * normal and for large text; accents are only used for big bold text).
 */
const PALETTES: readonly Palette[] = [
  {
    look: look('Midnight', ['#0f172a', '#1e3a8a', '#312e81'], '#ffffff', '#38bdf8'),
    keywords:
      /\b(?:tech|software|app|cloud|saas|ai|data|security|developer|startup|platform|digital|cyber|code)\b|科技|软件|应用|云|数据|人工智能|安全/i,
  },
  {
    look: look('Sunset', ['#7c2d12', '#c2410c', '#be185d'], '#ffffff', '#fde047'),
    keywords:
      /\b(?:food|coffee|restaurant|cafe|bakery|summer|sale|deal|warm|travel|holiday|party|launch)\b|美食|咖啡|餐厅|夏天|促销|旅行|派对/i,
  },
  {
    look: look('Ocean', ['#0c4a6e', '#0e7490', '#155e75'], '#ffffff', '#a5f3fc'),
    keywords:
      /\b(?:ocean|sea|water|health|wellness|clinic|medical|clean|fresh|spa|swim)\b|海|健康|医疗|清新|水/i,
  },
  {
    look: look('Forest', ['#052e16', '#166534', '#15803d'], '#ffffff', '#bef264'),
    keywords:
      /\b(?:nature|eco|green|sustainab\w*|garden|plant|organic|outdoor|farm|climate|forest)\b|自然|环保|绿色|植物|有机|户外/i,
  },
  {
    look: look('Graphite', ['#111111', '#262626', '#404040'], '#ffffff', '#facc15'),
    keywords:
      /\b(?:luxury|fashion|elegant|premium|minimal|style|watch|jewel\w*|architecture)\b|奢侈|时尚|高端|极简/i,
  },
  {
    look: look('Candy', ['#701a75', '#a21caf', '#be185d'], '#ffffff', '#fef08a'),
    keywords:
      /\b(?:kids?|fun|toy|game|gaming|music|festival|birthday|creative|colorful|colourful)\b|儿童|游戏|音乐|节日|生日|创意/i,
  },
  {
    look: look('Corporate', ['#0b1f3a', '#1d4ed8', '#2563eb'], '#ffffff', '#fbbf24'),
    keywords:
      /\b(?:business|finance|bank|corporate|investor|consulting|insurance|enterprise|b2b|report|strategy)\b|商务|金融|银行|企业|投资|咨询/i,
  },
];

/** Names of the palettes, in order ("Midnight", "Sunset", …). */
export const PALETTE_NAMES: readonly string[] = PALETTES.map((p) => p.look.paletteName);

/**
 * FNV-1a 32-bit hash of a text: a stable, seedless pick (same prompt → same palette).
 * @returns an unsigned 32-bit integer
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  // By index, not `for…of` (a string iterator per call is slow on an 8,000-character script);
  // a code point above U+FFFF takes two UTF-16 units, so the index skips its second half.
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++;
    hash ^= code;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function copy(value: Look): Look {
  return { ...value, background: [...value.background] };
}

/**
 * The look for a prompt: the first palette whose keywords the prompt contains, else one picked
 * by {@link hashText}.
 * @returns a new Look object (safe to change)
 */
export function pickLook(prompt: string): Look {
  const byWord = PALETTES.find((palette) => palette.keywords.test(prompt));
  const chosen = byWord ?? PALETTES[hashText(prompt.trim().toLowerCase()) % PALETTES.length];
  // PALETTES is a non-empty constant, so a palette is always found.
  return copy((chosen ?? (PALETTES[0] as Palette)).look);
}

/** The palette a text names ("use the Ocean palette"), or null. */
export function lookByName(text: string): Look | null {
  const palette = PALETTES.find((p) => new RegExp(`\\b${p.look.paletteName}\\b`, 'i').test(text));
  return palette ? copy(palette.look) : null;
}

/** Below this HSL saturation a colour reads as grey ("a black theme" → Graphite). */
const GREY_SATURATION = 0.15;

/** Hue in degrees (0..360) and HSL saturation (0..1) of a #rrggbb colour. */
function hueAndSaturation(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const chroma = max - min;
  const lightness = (max + min) / 2;
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1));
  let hue = 0;
  if (chroma > 0) {
    if (max === r) hue = ((g - b) / chroma) % 6;
    else if (max === g) hue = (b - r) / chroma + 2;
    else hue = (r - g) / chroma + 4;
  }
  return { hue: (hue * 60 + 360) % 360, saturation };
}

/**
 * The palette closest to a colour ("a blue theme"): a grey colour gets the greyest palette, any
 * other the palette whose most saturated background stop is nearest in hue (HSL,
 * https://www.w3.org/TR/css-color-4/#hsl-to-rgb).
 * @param hex a #rrggbb colour
 * @returns a new Look object
 */
export function lookByColour(hex: string): Look {
  const wanted = hueAndSaturation(hex);
  const scored = PALETTES.map((palette) => {
    const stops = palette.look.background.map(hueAndSaturation);
    const signature = stops.reduce((best, stop) =>
      stop.saturation > best.saturation ? stop : best,
    );
    const apart = Math.abs(signature.hue - wanted.hue);
    const hueGap = Math.min(apart, 360 - apart);
    const score =
      wanted.saturation < GREY_SATURATION
        ? signature.saturation
        : hueGap + (signature.saturation < GREY_SATURATION ? 360 : 0);
    return { palette, score };
  });
  const best = scored.reduce((a, b) => (b.score < a.score ? b : a));
  return copy(best.palette.look);
}

/** The palette of this exact name (any case), or null. */
export function paletteLook(name: string): Look | null {
  const palette = PALETTES.find((p) => p.look.paletteName.toLowerCase() === name.toLowerCase());
  return palette ? copy(palette.look) : null;
}

/** The palette of this name, or the first palette when there is none of that name. */
export function paletteLookOrFirst(name: string): Look {
  return paletteLook(name) ?? copy((PALETTES[0] as Palette).look);
}

/** The palette after the given one (for "another look"), wrapping around. */
export function nextLook(paletteName: string): Look {
  const index = PALETTES.findIndex((p) => p.look.paletteName === paletteName);
  return copy((PALETTES[(index + 1) % PALETTES.length] ?? (PALETTES[0] as Palette)).look);
}
