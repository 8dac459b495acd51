/**
 * @module route-intent
 * Decides whether a visitor's message is a direct command the app answers itself (export,
 * credits, status, upload) or goes to the engine's chat stream. Keywords are the English and
 * Chinese table of docs/remote-api.md#intent-routing. Only short, command-like messages route to a
 * direct action: a long prompt that merely contains "download" ("…download our app today") is
 * a request for a video and goes to chat. Pure, no I/O. The actions are the `command` kind of
 * the director's request vocabulary (`director-request`); `parse-message` never makes one (the
 * browser routes them before a message reaches the engine).
 */

import type { DirectAction } from './director-request';

/**
 * What the app does with a message: a direct command of the director's request vocabulary
 * (`director-request`: a `{kind:'command'}` request, answered by the app), or `chat` (the
 * engine's director reads it).
 */
export type IntentAction = DirectAction | 'chat';

/** What {@link routeIntent} decided for a message. */
export interface RoutedIntent {
  action: IntentAction;
}

/** A message of at most 8 words is a command when it holds a keyword ("can I download it now"). */
export const MAX_COMMAND_WORDS = 8;
/** A message that starts with a keyword is a command up to 16 words ("export it in 1080p and send me the link…"). */
export const MAX_LEADING_COMMAND_WORDS = 16;
/**
 * A CJK character counts as half a word: Chinese words average about two characters
 * (so "帮我导出这个视频" is 4 words, like "help me export this video").
 */
const CJK_CHAR_WORDS = 0.5;

/** The table of docs/remote-api.md#intent-routing, plus "下载" (download) and a few phrasings. */
const KEYWORDS: ReadonlyArray<{ action: DirectAction; pattern: RegExp }> = [
  {
    action: 'export',
    pattern: /\b(?:export|download|render it|send me the (?:video|file|mp4))\b|导出|下载/,
  },
  {
    action: 'credits',
    pattern:
      /\b(?:credits?|balance(?!\s+(?:the\s+)?(?:audio|music|sound|volume|levels?|colou?rs?)))\b|积分|余额/,
  },
  { action: 'status', pattern: /\b(?:status|show (?:the |me the )?tracks)\b|状态/ },
  { action: 'upload', pattern: /\b(?:upload)\b|上传/ },
];

/** Politeness before the command: "please", "can you", "帮我"… */
const LEADING_FILLER =
  /^(?:(?:please|pls|hey|ok(?:ay)?|now|so|just|can you|could you|would you|can i|could i|i want to|i'd like to|i would like to|let me|let's|go ahead and|请|帮我|我要|我想|麻烦)[\s,，]*)+/;
/**
 * A message starting with an edit or generation verb is a chat request even when it is short
 * and names a keyword ("add a download button", "make the title say export").
 */
const EDIT_VERB_START =
  /^(?:generate|create|make|produce|build|add|put|insert|change|set|remove|delete|use|turn|write|title|rename|replace|生成|制作|创建|添加|加上|修改|改成|删除|去掉)/;
/** Quoted words are content for the video ('add text "download now"'); an apostrophe ("what's") is not a quote. */
const QUOTED = /"[^"]+"|“[^”]+”|‘[^’]+’|「[^」]+」|『[^』]+』|(?:^|\s)'[^']+'(?=$|[\s.,!?])/u;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/gu;

/** Words in a message, a CJK character counting {@link CJK_CHAR_WORDS}. */
function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const latin = text
    .replace(CJK, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return latin + cjk * CJK_CHAR_WORDS;
}

/**
 * Routes one message.
 * @param text the visitor's message, any language
 * @returns `{action}`: a direct action for a short command holding a keyword of the table,
 *   otherwise `chat`. Never throws.
 * @example routeIntent('export') // {action:'export'}
 * @example routeIntent('generate a 30-second explainer video from this script: … download our app today') // {action:'chat'}
 */
export function routeIntent(text: string): RoutedIntent {
  const normalized = text.toLowerCase().replace(/\s+/g, ' ').trim().replace(LEADING_FILLER, '');
  if (normalized.length === 0 || QUOTED.test(normalized) || EDIT_VERB_START.test(normalized))
    return { action: 'chat' };

  let best: { action: DirectAction; index: number } | null = null;
  for (const { action, pattern } of KEYWORDS) {
    const match = pattern.exec(normalized);
    if (match && (best === null || match.index < best.index)) best = { action, index: match.index };
  }
  if (best === null) return { action: 'chat' };

  const words = countWords(normalized);
  if (words <= MAX_COMMAND_WORDS) return { action: best.action };
  if (best.index === 0 && words <= MAX_LEADING_COMMAND_WORDS) return { action: best.action };
  return { action: 'chat' };
}
