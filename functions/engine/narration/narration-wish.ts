/**
 * @module narration-wish
 * What a message asks of the voiceover, in words: on ("with voiceover", "narrate it", "配音"),
 * off ("no voiceover", "去掉配音"), the voice ("female voice", "British voice", "voice in
 * Chinese", "男声"), the pace ("slower", "speak faster", "慢一点") and the word captions
 * ("captions off", "karaoke captions", "one line captions", "captions at the top", "yellow
 * highlight", "黄色高亮"). Pure: the
 * words in, a {@link NarrationWish} out; nothing about the draft.
 */
import type { EditOpOf } from '../../../shared/edit-op-schema';
import { parseColour } from '../embedded/parse-colour';

/** A message's wishes for the narration; absent fields were not mentioned. */
export interface NarrationWish {
  /** `on`: narrate; `off`: remove the voiceover. */
  narration?: 'on' | 'off';
  gender?: 'female' | 'male';
  /** `us`/`gb` English, or `zh` Mandarin. */
  accent?: 'us' | 'gb' | 'zh';
  pace?: 'slower' | 'faster';
  captions?: NonNullable<EditOpOf<'set-narration'>['captions']>;
}

const NARRATION = '(?:voice[- ]?over|voiceover|narration|narrator|voice)';
const OFF = new RegExp(
  String.raw`\b(?:no|without|remove|drop|delete|mute|turn off|switch off|lose) (?:the |a |any )?${NARRATION}\b|\b${NARRATION} off\b|去掉配音|不要配音|删除配音|关闭配音|取消配音|去掉旁白|不要旁白`,
  'iu',
);
const ON = new RegExp(
  String.raw`\b(?:with|add|plus|and) (?:a |an )?${NARRATION}\b|\bnarrat(?:e|ed)\b|\bvoice(?:d)? it\b|\bread (?:it|the script) (?:out|aloud)\b|配音|旁白|朗读|解说`,
  'iu',
);
const FEMALE = /\b(?:female|woman(?:'s)?|women's|girl's)\b|女声|女生|女性/iu;
const MALE = /\b(?:male|man's|men's)\b|男声|男生|男性/iu;
const BRITISH = /\b(?:british|uk|english accent|england)\b|英式|英国/iu;
const AMERICAN = /\b(?:american|us|u\.s\.)\b|美式|美国/iu;
const CHINESE = /\b(?:chinese|mandarin)\b|中文|普通话|汉语/iu;
const ENGLISH_ONLY = /\b(?:in english|english voice)\b|英文配音|英语配音/iu;
const VOICE_TOPIC =
  /\b(?:voice|voiceover|voice-over|narrat\w*|accent|speak\w*|read\w*)\b|声|配音|旁白/iu;
const SLOWER = /\b(?:slower|slow (?:it )?down|more slowly)\b|慢一点|慢一些|放慢|慢点/iu;
const FASTER = /\b(?:faster|speed (?:it )?up|more quickly)\b|快一点|快一些|加快|快点/iu;
/**
 * Words about the video's pace ("faster pace", "speed it up", "节奏快一点"): a `set-pace` edit of
 * the scenes (edit-pace.ts), not the voice's rate.
 */
const VIDEO_PACE = /\b(?:pace|pacing|tempo|speed (?:it )?up)\b|节奏/iu;
const CAPTIONS = /\b(?:captions?|subtitles?)\b|字幕/iu;
/** "yellow highlight", "highlight in red", "黄色高亮": the colour of the word being said. */
const HIGHLIGHT = /\bhighlight(?:s|ed|ing)?\b|高亮/iu;
const CAPTIONS_OFF =
  /\b(?:no|without|remove|hide|turn off|switch off) (?:the |word )?(?:captions?|subtitles?)\b|\b(?:captions?|subtitles?) off\b|去掉字幕|关闭字幕|不要字幕/iu;

/**
 * Reads a message's wishes for the narration.
 * @param text the message (for a new video, pass its instruction, not the script)
 * @example narrationWish('generate a 30-second video with voiceover') // { narration: 'on' }
 * @example narrationWish('female voice, slower') // { gender: 'female', pace: 'slower' }
 */
export function narrationWish(text: string): NarrationWish {
  const wish: NarrationWish = {};
  if (OFF.test(text)) wish.narration = 'off';
  else if (ON.test(text)) wish.narration = 'on';
  const voiceTopic = VOICE_TOPIC.test(text);
  if (voiceTopic) {
    if (FEMALE.test(text)) wish.gender = 'female';
    else if (MALE.test(text)) wish.gender = 'male';
    if (CHINESE.test(text)) wish.accent = 'zh';
    else if (BRITISH.test(text)) wish.accent = 'gb';
    else if (AMERICAN.test(text) || ENGLISH_ONLY.test(text)) wish.accent = 'us';
  }
  if (!VIDEO_PACE.test(text)) {
    if (SLOWER.test(text)) wish.pace = 'slower';
    else if (FASTER.test(text)) wish.pace = 'faster';
  }
  const highlight = HIGHLIGHT.test(text) ? parseColour(text) : null;
  if (highlight) wish.captions = { highlight: highlight.hex };
  if (CAPTIONS.test(text)) {
    const captions: NonNullable<NarrationWish['captions']> = { ...wish.captions };
    if (CAPTIONS_OFF.test(text)) captions.mode = 'off';
    else if (/\bkaraoke\b|卡拉/iu.test(text)) captions.mode = 'karaoke';
    else if (/\bpop[- ]?in\b|word by word|逐字/iu.test(text)) captions.mode = 'pop-in';
    if (/\b(?:one|1|single)[- ]line\b|一行/iu.test(text)) captions.lines = 1;
    else if (/\b(?:two|2)[- ]lines?\b|两行/iu.test(text)) captions.lines = 2;
    if (/\btop\b|顶部|上方/iu.test(text)) captions.position = 'top';
    else if (/\b(?:middle|cent(?:er|re))\b|中间/iu.test(text)) captions.position = 'middle';
    else if (/\bbottom\b|底部|下方/iu.test(text)) captions.position = 'bottom';
    // A position alone ("captions at the top") is a `set-position` edit (edit-position.ts).
    const onlyPosition =
      captions.mode === undefined && captions.lines === undefined && !captions.highlight;
    if (onlyPosition) delete captions.position;
    if (Object.keys(captions).length > 0) wish.captions = captions;
  }
  return wish;
}

/** True when the wish asks anything of the narration. */
export function mentionsNarration(wish: NarrationWish): boolean {
  return Object.keys(wish).length > 0;
}
