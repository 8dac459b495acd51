/**
 * @module derive-title
 * The title card's text: a name the prompt gives ("called Nimbus", a quoted name), else the
 * product or brand the script keeps naming, else the script's first phrase, else the topic.
 */
import { countLatinWords, hasCjk } from './reading-length';
import { MAX_TITLE_CHARS } from '../../../shared/draft-schema';
import { quoteText } from '../../../shared/timeline-summary';

/** Most words in a title: 6 stay big and on one or two lines. */
export const MAX_TITLE_WORDS = 6;
/** Most CJK characters in a title: 12 (one line at the title size on a 1080-px-wide frame). */
export const MAX_CJK_TITLE_CHARS = 12;
/** Title when nothing better is found. */
export const FALLBACK_TITLE = 'Your Story';
/** CJK title when nothing better is found. */
export const FALLBACK_CJK_TITLE = '你的故事';

/** Capitalised words that start sentences and are not names. */
const NOT_NAMES = new Set(
  'the a an this that these those our your my we you i it its they their he she his her meet introducing with and but or so if when what why how who where here there now today every each all no not yes get try join start make see imagine discover in on at for from to of by is are was be do does can will just more one two three first next then finally also most many some people everyone nobody someone setup best new'.split(
    ' ',
  ),
);

/** Request words stripped to find the topic of a short prompt ("make a promo for Bean There"). */
const REQUEST_WORDS =
  /\b(?:please|generate|create|make|produce|build|me|us|an?|the|new|short|quick|simple|\d+(?:\.\d+)?\s*-?\s*(?:seconds?|secs?|s|minutes?|mins?)|one-minute|minute|vertical|horizontal|square|portrait|landscape|tiktok|reels?|shorts|youtube|instagram|video|clip|promo(?:tional)?|explainer|advert|ad|reel|trailer|teaser|story|for|about|on|of|with|music|calm|upbeat|energetic|lo-?fi|chill)\b/gi;
const CJK_REQUEST_WORDS =
  /请|帮我|给我|生成|制作|做|创建|一个|一段|\d+\s*秒|[一二两三四五六七八九十]+\s*(?:秒|分钟)|分钟|竖屏|横屏|方形|的|视频|短片|宣传片|关于|介绍|讲解|讲述|(?<=^|[，,\s])讲|主题(?:是|为)|抖音|快手|小红书/g;

/**
 * Phrases about the music, style, format or pace of the video, never its subject ("with upbeat
 * music", "in vertical format", "minimalist style", "a blue theme", "16:9", "no music").
 */
const STYLE_PHRASES =
  /\b(?:with|and|in|using|plus|no|without)?\s*(?:(?:an?|some|the)\s+)?(?:[\w-]+\s+){0,2}(?:music|soundtrack|songs?|bgm|style|format|theme|colou?r scheme|palette|pace|pacing|vibe|aspect ratio)\b|\b\d{1,2}\s*:\s*\d{1,2}\b/giu;
/** The same in Chinese: "配欢快的音乐", "不要音乐", "简约风格", "蓝色主题", "节奏快一点"; "主题是" (the topic is) kept apart. */
const CJK_STYLE_PHRASES =
  /(?:配|加|用|带|要|不要|没有|搭配|加上)?[^，。,.；;\s]{0,5}?(?:背景)?(?:音乐|配乐)|[^，。,.；;\s]{0,4}?(?:风格|配色|色调)|[^，。,.；;\s]{0,3}?主题(?![是为])|节奏[^，。,.；;\s]{0,4}|\d{1,2}\s*[:：]\s*\d{1,2}/gu;

function clipWords(text: string): string {
  if (hasCjk(text)) {
    const chars = Array.from(text.replace(/[\s，。！？；：、,.!?;:]+$/u, ''));
    return chars.slice(0, MAX_CJK_TITLE_CHARS).join('');
  }
  return text
    .split(/\s+/)
    .slice(0, MAX_TITLE_WORDS)
    .join(' ')
    .replace(/[.,;:!?—–-]+$/u, '');
}

/** A name the prompt gives: quoted, or after "called"/"named"/"名为"/"叫". */
function namedInPrompt(text: string): string | null {
  const quoted = /["“「『]([^"”」』]{2,60})["”」』]/u.exec(text);
  if (quoted?.[1]) return quoted[1].trim();
  const called =
    /\b(?:called|named|titled)\s+([A-Z0-9][\w'&.-]*(?:\s+[A-Z0-9][\w'&.-]*){0,3})/u.exec(text);
  if (called?.[1]) return called[1].replace(/[.,]$/, '');
  const cjkCalled = /(?:名为|叫做|叫|名叫)[“"「]?([^\s，。！？,.!?”"」]{2,12})/u.exec(text);
  return cjkCalled?.[1] ?? null;
}

/**
 * The proper noun the script repeats most ("Nimbus", "Acme Cloud"): runs of capitalised words
 * other than common sentence starters, counted everywhere they appear; null when none repeats.
 */
function repeatedName(script: string): string | null {
  const counts = new Map<string, number>();
  const candidates = new Set<string>();
  for (const match of script.matchAll(/\b([A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,2})/gu)) {
    const name = (match[1] ?? '')
      .split(/\s+/)
      .filter((word) => !NOT_NAMES.has(word.toLowerCase()))
      .join(' ');
    if (name) candidates.add(name);
  }
  for (const name of candidates) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    counts.set(name, script.match(new RegExp(`\\b${escaped}\\b`, 'g'))?.length ?? 0);
  }
  let best: string | null = null;
  let bestCount = 1;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  // The full name at its first mention ("Lumen Notes") beats the short form repeated after it ("Lumen").
  const fuller = best ? [...candidates].filter((name) => name.startsWith(`${best} `)) : [];
  return fuller.sort((a, b) => b.length - a.length)[0] ?? best;
}

/** Words a short title stops before ("Our bakery | opens at six…"): verbs and joiners that start a predicate. */
const TITLE_BREAK_WORDS = new Set(
  'is are was were will can could would should may might has have had help helps make makes let lets keep keeps give gives open opens bring brings turn turns get gets take takes need needs want wants lose loses spend spends that which who whose where when because so to for with at in on by from every and or but than as of'.split(
    ' ',
  ),
);
/** CJK characters a short title stops before (让 "lets", 是 "is", 能 "can", 把/将 (object marker), 帮 "helps"). */
const CJK_TITLE_BREAKS = /[让是能把将帮]/u;
/** Lower-case words inside a title-cased title. */
const SMALL_WORDS = new Set('a an the and or for of to in on at by with'.split(' '));

/** A clause cut to a title: before its predicate when it is too long, else at the length limit. */
function shortPhrase(clause: string): string {
  if (hasCjk(clause)) {
    const chars = Array.from(clause);
    if (chars.length <= MAX_CJK_TITLE_CHARS) return clause;
    const cut = chars.findIndex((char, i) => i >= 2 && CJK_TITLE_BREAKS.test(char));
    return cut > 1 && cut <= MAX_CJK_TITLE_CHARS ? chars.slice(0, cut).join('') : clipWords(clause);
  }
  const words = clause.split(/\s+/).filter(Boolean);
  if (words.length <= MAX_TITLE_WORDS) return clause;
  const cut = words.findIndex(
    (word, i) => i >= 2 && TITLE_BREAK_WORDS.has(word.toLowerCase().replace(/[^a-z]/g, '')),
  );
  return cut > 1 && cut <= MAX_TITLE_WORDS ? words.slice(0, cut).join(' ') : clipWords(clause);
}

/** Title case for Latin words ("ocean conservation" → "Ocean Conservation"); CJK is left as is. */
export function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, i) =>
      i > 0 && SMALL_WORDS.has(word.toLowerCase())
        ? word.toLowerCase()
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

/** The first phrase of a script: up to the first clause break, shortened to a title. */
function firstPhrase(script: string): string {
  const first = script.split(/[.!?。！？\n]/u)[0] ?? '';
  const clause = first.split(/[,;:—–，；：]/u)[0] ?? first;
  return titleCase(shortPhrase(clause.trim()));
}

/**
 * The topic of a short prompt with no script: the prompt minus request words and the words
 * about its music, style, format or pace (a title names the subject, never the format).
 * @example topicOf('make a 15-second promo for Bean There coffee') // "Bean There coffee"
 */
export function topicOf(instruction: string): string {
  const cjk = hasCjk(instruction);
  const stripped = (
    cjk
      ? instruction.replace(CJK_STYLE_PHRASES, ' ').replace(CJK_REQUEST_WORDS, '')
      : instruction.replace(STYLE_PHRASES, ' ').replace(REQUEST_WORDS, ' ')
  )
    .replace(/[\s,.!?;:，。！？；：、]+/gu, ' ')
    .trim();
  return clipWords(stripped);
}

/**
 * The title for a storyboard.
 * @param instruction the request part of the prompt
 * @param script the script (may be empty)
 * @returns a non-empty title of at most {@link MAX_TITLE_WORDS} words ({@link MAX_CJK_TITLE_CHARS} CJK characters)
 */
export function deriveTitle(instruction: string, script: string): string {
  const named = namedInPrompt(instruction) ?? (script ? null : namedInPrompt(script));
  const cjk = hasCjk(`${instruction}${script}`);
  const candidate =
    named ??
    (script ? repeatedName(script) : null) ??
    (script ? firstPhrase(script) : null) ??
    titleCase(topicOf(instruction));
  // A single very long "word" (a pasted URL) is cut too, so the title fits the draft's MAX_TITLE_CHARS.
  const title = quoteText(clipWords((candidate ?? '').trim()), MAX_TITLE_CHARS);
  if (title && (hasCjk(title) || countLatinWords(title) > 0)) return title;
  return cjk ? FALLBACK_CJK_TITLE : FALLBACK_TITLE;
}
