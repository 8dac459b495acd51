/**
 * @module change-words
 * The words of the draft-diff change lines, one typed catalogue per language: English
 * ({@link CHANGE_WORDS_EN}, what the session stores) and Chinese ({@link CHANGE_WORDS_ZH}, for the
 * embedded director's replies to Chinese messages). Pure data and formatting, no I/O.
 */
import type { MusicMood, TextSegment } from './draft-schema';
import type { SceneLayerKind, SkyTime, SkyWeather } from './scene-layers-schema';
import type { CaptionStyle, NarrationVoice } from './narration-schema';

/** What a folded count line counts: scenes, or texts of one role. */
export type Counted = 'scene' | TextSegment['role'];
/** What a folded count line says was done to them ("Added 6 captions"). */
/** Where a text sits in the frame, as people say it (draft-diff.ts reads it from `position.y`). */
export type TextPlace = 'top' | 'middle' | 'bottom';
export type FoldVerb = 'added' | 'removed' | 'retimed' | 'rewrote' | 'recoloured' | 'resized';

/**
 * The words of the change lines in one language. Values come in already formatted: sizes
 * `1920x1080`, `a → b` spans, quoted texts ({@link ChangeWords.quote}), seconds
 * ({@link ChangeWords.seconds}).
 */
export interface ChangeWords {
  /** A quoted text: `'Sale'`. */
  quote(text: string): string;
  /** A number of seconds or a span of them: `30 s`, `5–8 s`. */
  seconds(value: string): string;
  /** Mood names as people read them. */
  moods: Record<MusicMood, string>;
  planned(scenes: number): string;
  createdTimeline: string;
  canvas(size: string, aspect: string): string;
  frameRate(from: number, to: number): string;
  duration(value: string): string;
  look(from: string, to: string): string;
  /** Brand edits: the look's colours (same palette name), the text font, the logo's corner (null: removed). */
  lookColours(colours: string): string;
  font(from: string, to: string): string;
  logo(corner: string | null): string;
  /** The painted scenery changed, e.g. `sunset, clear: sun + skyline` → `night, rain: moon + stars + skyline`. */
  scenery(from: string, to: string): string;
  /** Names of sky times, weathers and layers (shared/scene-layers-schema.ts) as people read them. */
  sceneNames: Record<SkyTime | SkyWeather | SceneLayerKind, string>;
  /** Every transition became `kind` (`cut`, `slide`, `wipe`, `crossfade`, `zoom`, `whip`, `dip`). */
  transitions(kind: string): string;
  sceneAdded(label: string, span: string): string;
  sceneRemoved(label: string): string;
  sceneMoved(label: string, span: string): string;
  textAdded(text: string, span: string): string;
  titleChanged(from: string, to: string): string;
  textChanged(from: string, to: string): string;
  /** One overlay's colour. */
  textColour(text: string, hex: string): string;
  /** Every title's or caption's colour. */
  roleColour(role: TextSegment['role'], hex: string): string;
  roleSize(role: TextSegment['role'], fromPx: number, toPx: number): string;
  /** Every title, caption or overlay moved to a place in the frame. */
  rolePlace(role: TextSegment['role'], place: TextPlace): string;
  textMoved(text: string, span: string): string;
  textRemoved(text: string): string;
  /** More than `MAX_ITEM_LINES` (draft-diff.ts) lines of one kind, as one count line. */
  folded(verb: FoldVerb, count: number, what: Counted): string;
  musicOff: string;
  /** @param mood a {@link ChangeWords.moods} word, or null for an uploaded sound */
  musicOn(mood: string | null, percent: number): string;
  musicVolume(fromPercent: number, toPercent: number): string;
  musicMood(from: string, to: string): string;
  /** Another audio track (the clips' own sound), by its name. */
  trackOff(name: string): string;
  trackOn(name: string, percent: number): string;
  trackLevel(name: string, fromPercent: number, toPercent: number): string;
  videoName(from: string, to: string): string;
  /** Narration voices as people say them ("US English, female"). */
  voices: Record<NarrationVoice, string>;
  narrationOn(voice: string, wpm: number): string;
  narrationOff: string;
  narrationVoice(from: string, to: string): string;
  narrationRate(fromWpm: number, toWpm: number): string;
  narrationCaptions(mode: CaptionStyle['mode']): string;
  /** The word captions' highlight colour changed (`#rrggbb`). */
  narrationHighlight(hex: string): string;
  narrationCaptionSize(bigger: boolean): string;
}

const COUNTED_EN: Record<Counted, { one: string; many: string }> = {
  scene: { one: 'scene', many: 'scenes' },
  title: { one: 'title', many: 'titles' },
  caption: { one: 'caption', many: 'captions' },
  overlay: { one: 'text', many: 'texts' },
};
const FOLD_VERBS_EN: Record<FoldVerb, string> = {
  added: 'Added',
  removed: 'Removed',
  retimed: 'Retimed',
  rewrote: 'Rewrote',
  recoloured: 'Recoloured',
  resized: 'Resized',
};
const TRANSITIONS_EN: Record<string, string> = {
  cut: 'cuts',
  zoom: 'zooms',
  whip: 'whip pans',
  dip: 'dips',
};

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** English change lines: the default, and the form stored in the session's `changes`. */
export const CHANGE_WORDS_EN: ChangeWords = {
  quote: (text) => `'${text}'`,
  seconds: (value) => `${value} s`,
  moods: { calm: 'calm', upbeat: 'upbeat', lofi: 'lo-fi' },
  planned: (scenes) => `Planned ${scenes} ${scenes === 1 ? 'scene' : 'scenes'}`,
  createdTimeline: 'Created the timeline',
  canvas: (size, aspect) => `Canvas ${size} (${aspect})`,
  frameRate: (from, to) => `Frame rate ${from} → ${to} fps`,
  duration: (value) => `Duration ${value}`,
  look: (from, to) => `Look ${from} → ${to}`,
  lookColours: (colours) => `Colours ${colours}`,
  font: (from, to) => `Font ${from} → ${to}`,
  logo: (corner) => (corner ? `Logo ${corner}` : 'Removed the logo'),
  scenery: (from, to) => `Scenery ${from} → ${to}`,
  sceneNames: {
    dawn: 'dawn',
    day: 'day',
    'golden-hour': 'golden hour',
    sunset: 'sunset',
    dusk: 'dusk',
    night: 'night',
    clear: 'clear',
    clouds: 'clouds',
    rain: 'rain',
    snow: 'snow',
    fog: 'fog',
    sun: 'sun',
    moon: 'moon',
    stars: 'stars',
    skyline: 'skyline',
    mountains: 'mountains',
    hills: 'hills',
    sea: 'sea',
    beach: 'beach',
    forest: 'forest',
    desert: 'desert',
    snowfield: 'snow field',
    space: 'space',
    planets: 'planets',
    nebula: 'nebula',
    desk: 'desk',
    stage: 'stage',
    kitchen: 'kitchen',
    shapes: 'shapes',
    particles: 'particles',
    bokeh: 'bokeh',
    grid: 'grid',
    waves: 'waves',
  },
  transitions: (kind) => `Transitions → ${TRANSITIONS_EN[kind] ?? kind}`,
  sceneAdded: (label, span) => `Added scene ${label} ${span}`,
  sceneRemoved: (label) => `Removed scene ${label}`,
  sceneMoved: (label, span) => `Moved scene ${label} to ${span}`,
  textAdded: (text, span) => `Added text ${text} ${span}`,
  titleChanged: (from, to) => `Title ${from} → ${to}`,
  textChanged: (from, to) => `Changed text ${from} → ${to}`,
  textColour: (text, hex) => `Text ${text} colour → ${hex}`,
  roleColour: (role, hex) => `${capitalised(COUNTED_EN[role].one)} colour → ${hex}`,
  roleSize: (role, fromPx, toPx) =>
    `${capitalised(COUNTED_EN[role].one)} size ${fromPx} → ${toPx} px`,
  rolePlace: (role, place) =>
    `${capitalised(role === 'title' ? COUNTED_EN.title.one : COUNTED_EN[role].many)} moved to the ${place}`,
  textMoved: (text, span) => `Moved text ${text} to ${span}`,
  textRemoved: (text) => `Removed text ${text}`,
  folded: (verb, count, what) => `${FOLD_VERBS_EN[verb]} ${count} ${COUNTED_EN[what].many}`,
  musicOff: 'Music off',
  musicOn: (mood, percent) => `Music on (${mood ? `${mood}, ` : ''}${percent}%)`,
  musicVolume: (from, to) => `Music volume ${from}% → ${to}%`,
  musicMood: (from, to) => `Music mood ${from} → ${to}`,
  trackOff: (name) => `${name} off`,
  trackOn: (name, percent) => `${name} on (${percent}%)`,
  trackLevel: (name, from, to) => `${name} ${from}% → ${to}%`,
  videoName: (from, to) => `Video name ${from} → ${to}`,
  voices: {
    'en-us-female': 'US English, female',
    'en-us-male': 'US English, male',
    'en-gb-female': 'British English, female',
    'en-gb-male': 'British English, male',
    'zh-female': 'Mandarin, female',
    'zh-male': 'Mandarin, male',
  },
  narrationOn: (voice, wpm) => `Voiceover on (${voice}, ${wpm} words/min)`,
  narrationOff: 'Voiceover off',
  narrationVoice: (from, to) => `Voice ${from} → ${to}`,
  narrationRate: (from, to) => `Speaking rate ${from} → ${to} words/min`,
  narrationCaptions: (mode) =>
    mode === 'off'
      ? 'Word captions off'
      : `Word captions: ${mode === 'karaoke' ? 'karaoke' : 'pop-in'}`,
  narrationHighlight: (hex) => `Word captions highlight ${hex}`,
  narrationCaptionSize: (bigger) => (bigger ? 'Word captions bigger' : 'Word captions smaller'),
};

/** Chinese nouns with their measure word ("3 条字幕"). */
const COUNTED_ZH: Record<Counted, string> = {
  scene: '个场景',
  title: '个标题',
  caption: '条字幕',
  overlay: '段文字',
};
const ROLE_ZH: Record<TextSegment['role'], string> = {
  title: '标题',
  caption: '字幕',
  overlay: '文字',
};
const PLACE_ZH: Record<TextPlace, string> = { top: '顶部', middle: '中间', bottom: '底部' };
const FOLD_ZH: Record<FoldVerb, (count: number, what: string) => string> = {
  added: (n, what) => `添加了 ${n} ${what}`,
  removed: (n, what) => `删除了 ${n} ${what}`,
  retimed: (n, what) => `调整了 ${n} ${what}的时间`,
  rewrote: (n, what) => `改写了 ${n} ${what}`,
  recoloured: (n, what) => `改了 ${n} ${what}的颜色`,
  resized: (n, what) => `调整了 ${n} ${what}的字号`,
};
const TRANSITIONS_ZH: Record<string, string> = {
  cut: '直接切换',
  slide: '滑动',
  wipe: '擦除',
  crossfade: '淡入淡出',
  zoom: '缩放',
  whip: '甩镜头',
  dip: '黑场/闪白',
};

/** Simplified Chinese change lines, for the director's replies to a Chinese message. */
export const CHANGE_WORDS_ZH: ChangeWords = {
  quote: (text) => `「${text}」`,
  seconds: (value) => `${value} 秒`,
  moods: { calm: '舒缓', upbeat: '动感', lofi: 'Lo-fi' },
  planned: (scenes) => `规划了 ${scenes} 个场景`,
  createdTimeline: '创建了时间线',
  canvas: (size, aspect) => `画面 ${size}（${aspect}）`,
  frameRate: (from, to) => `帧率 ${from} → ${to} fps`,
  duration: (value) => `时长 ${value}`,
  look: (from, to) => `配色 ${from} → ${to}`,
  lookColours: (colours) => `颜色 ${colours}`,
  font: (from, to) => `字体 ${from} → ${to}`,
  logo: (corner) => (corner ? `logo 位置 ${corner}` : '去掉了 logo'),
  scenery: (from, to) => `场景 ${from} → ${to}`,
  sceneNames: {
    dawn: '黎明',
    day: '白天',
    'golden-hour': '黄金时刻',
    sunset: '日落',
    dusk: '黄昏',
    night: '夜晚',
    clear: '晴朗',
    clouds: '多云',
    rain: '下雨',
    snow: '下雪',
    fog: '雾',
    sun: '太阳',
    moon: '月亮',
    stars: '星星',
    skyline: '天际线',
    mountains: '山',
    hills: '山丘',
    sea: '大海',
    beach: '海滩',
    forest: '森林',
    desert: '沙漠',
    snowfield: '雪地',
    space: '太空',
    planets: '行星',
    nebula: '星云',
    desk: '书桌',
    stage: '舞台',
    kitchen: '厨房',
    shapes: '图形',
    particles: '粒子',
    bokeh: '光斑',
    grid: '网格',
    waves: '波浪',
  },
  transitions: (kind) => `转场 → ${TRANSITIONS_ZH[kind] ?? kind}`,
  sceneAdded: (label, span) => `添加场景${label}，${span}`,
  sceneRemoved: (label) => `删除场景${label}`,
  sceneMoved: (label, span) => `场景${label}移到 ${span}`,
  textAdded: (text, span) => `添加文字${text}，${span}`,
  titleChanged: (from, to) => `标题${from} → ${to}`,
  textChanged: (from, to) => `文字${from} → ${to}`,
  textColour: (text, hex) => `文字${text}的颜色 → ${hex}`,
  roleColour: (role, hex) => `${ROLE_ZH[role]}颜色 → ${hex}`,
  roleSize: (role, fromPx, toPx) => `${ROLE_ZH[role]}字号 ${fromPx} → ${toPx} px`,
  rolePlace: (role, place) => `${ROLE_ZH[role]}移到${PLACE_ZH[place]}`,
  textMoved: (text, span) => `文字${text}移到 ${span}`,
  textRemoved: (text) => `删除文字${text}`,
  folded: (verb, count, what) => FOLD_ZH[verb](count, COUNTED_ZH[what]),
  musicOff: '关闭背景音乐',
  musicOn: (mood, percent) => `加上背景音乐（${mood ? `${mood}，` : ''}${percent}%）`,
  musicVolume: (from, to) => `背景音乐音量 ${from}% → ${to}%`,
  musicMood: (from, to) => `背景音乐风格 ${from} → ${to}`,
  trackOff: (name) => `关闭音轨「${name}」`,
  trackOn: (name, percent) => `打开音轨「${name}」（${percent}%）`,
  trackLevel: (name, from, to) => `音轨「${name}」音量 ${from}% → ${to}%`,
  videoName: (from, to) => `视频名称${from} → ${to}`,
  voices: {
    'en-us-female': '美式英语女声',
    'en-us-male': '美式英语男声',
    'en-gb-female': '英式英语女声',
    'en-gb-male': '英式英语男声',
    'zh-female': '普通话女声',
    'zh-male': '普通话男声',
  },
  narrationOn: (voice, wpm) => `加上配音（${voice}，每分钟 ${wpm} 词）`,
  narrationOff: '去掉配音',
  narrationVoice: (from, to) => `配音声音 ${from} → ${to}`,
  narrationRate: (from, to) => `语速 ${from} → ${to} 词/分钟`,
  narrationCaptions: (mode) =>
    mode === 'off' ? '关闭逐字字幕' : `逐字字幕：${mode === 'karaoke' ? '卡拉OK高亮' : '逐字出现'}`,
  narrationHighlight: (hex) => `逐字字幕高亮色 ${hex}`,
  narrationCaptionSize: (bigger) => (bigger ? '逐字字幕放大' : '逐字字幕缩小'),
};
