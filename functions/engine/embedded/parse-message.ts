/**
 * @module parse-message
 * The embedded director's one decision point: a chat message, read once, in its context (the
 * current draft, batch, uploads and earlier messages) → a {@link DirectorRequest}: help, a new
 * video (`brief`), one video per upload (`batch`), edits (`EditOp`s, "undo" among them), or
 * nothing the director knows (`none`). The planners and the editor then work from the request
 * and never read the message again. Pure and deterministic; never throws.
 */
import type { Batch } from '../../../shared/batch-schema';
import type { DirectorRequest } from '../../../shared/director-request';
import type { Draft } from '../../../shared/draft-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { topicOf } from './derive-title';
import { namedItems, withoutNames } from './edit-batch';
import {
  readBatchBrief,
  readStoryboardBrief,
  readUploadsBrief,
  isMediaCutEdit,
} from './read-brief';
import { isUndoRequest, readEdits } from './read-edits';
import type { ScriptParts } from './split-scenes';
import { extractScript } from './split-scenes';

/** "generate a … video", "create an explainer", "make me a 30-second promo", "生成一个…视频". */
const CREATE_REQUEST =
  /\b(?:generate|create|produce|make|build)\s+(?:me\s+|us\s+)?(?:a|an|another|one|new)\b[^.?!\n]{0,60}?\b(?:videos?|clips?|promos?|explainers?|adverts?|ads?|reels?|shorts?|trailers?|teasers?|storyboards?)\b|\b(?:generate|create|produce)\b[^.?!\n]{0,40}?\bvideos?\b|(?:生成|制作|创建|做)(?:一个|一段|一条|个)?.{0,20}?(?:视频|短片|宣传片)/iu;

/** "help", "what can you do", "?", "帮助": answered with the list of edits. */
const HELP_REQUEST =
  /^(?:help|\?|what can you do|what can i (?:say|do|ask)|commands|帮助|你能做什么)[\s?!.。？！]*$/iu;

/** "combine these clips", "use my music", "my photos", "the uploads", "合并": a request to use the uploads. */
const MEDIA_REQUEST =
  /\b(?:combine|merge|stitch|assemble|montage)\b|\b(?:my|these|those|uploaded)\s+(?:own\s+)?(?:clips?|videos?|photos?|pictures?|images?|footage|uploads?|files?|media)\b|(?:合并|剪辑|我的(?:视频|照片))/iu;

/** What a request makes, one per upload: "clip", "videos", "short", "reel". */
const OUTPUT = '(?:videos?|clips?|shorts?|reels?|promos?|teasers?|trailers?|movies?|films?)';
/** What a request makes them from: "each of these", "every photo", "each uploaded clip". */
const EACH_UPLOAD =
  '(?:each|every)\\s+(?:one\\b|of\\b|(?:uploaded\\s+|single\\s+)?(?:clips?|photos?|pictures?|pics?|images?|uploads?|files?|videos?|shots?)\\b)';

/**
 * English and Chinese ways to ask for one video per upload:
 * "a clip from each of these", "a short video for each photo", "one video per clip",
 * "each file as its own video", "separate videos for each upload", "给每个视频各做一个短片",
 * "每张照片分别做一个视频".
 */
const BATCH_REQUEST = new RegExp(
  [
    `\\b${OUTPUT}\\b[^.\\n]{0,30}?\\b(?:(?:from|for|of|out of|with)\\s+${EACH_UPLOAD}|per\\s+(?:(?:uploaded\\s+)?(?:clip|photo|picture|image|upload|file|video|shot)\\b))`,
    `\\b(?:its|their)\\s+own\\s+${OUTPUT}\\b`,
    `\\b(?:separate|individual)\\s+(?:videos|clips|shorts|reels|promos)\\b`,
    '每(?:一)?(?:个|张|段|条|支)[^，。,.；;]{0,12}?(?:各|分别|单独)',
    '(?:各|分别|单独)(?:做|生成|制作|剪)(?:一个|一段|一条|个)?[^，。,.；;]{0,10}?(?:视频|短片|宣传片)',
  ].join('|'),
  'iu',
);

/** "combine", "merge", "合并": the uploads go into one video, never a batch. */
const COMBINE_REQUEST = /\b(?:combine|merge|stitch|assemble|montage|join)\b|合并|拼接|合成一个/iu;

/** What the message is read against. */
export interface MessageContext {
  /** The session's current video, or null before the first one. */
  draft: Draft | null;
  /** The current batch (one video per upload), or null. */
  batch: Batch | null;
  /** The session's ready uploads, oldest first. */
  media: readonly MediaSummary[];
  /** Earlier messages, oldest first (a re-cut is planned from the request that made the video). */
  history: ReadonlyArray<{ role: string; text: string }>;
}

/** True when a message asks for a new video rather than a change to the current one. */
export function isCreateRequest(text: string): boolean {
  return CREATE_REQUEST.test(text);
}

/** True when the message asks to make a video from the uploads and there are pictures to use. */
export function isMediaRequest(text: string, media: readonly MediaSummary[]): boolean {
  return media.some((item) => item.kind !== 'audio') && MEDIA_REQUEST.test(text);
}

/** True when a message asks to put several uploads into one video ("combine these clips"). */
export function isCombineRequest(text: string): boolean {
  return COMBINE_REQUEST.test(text);
}

/**
 * True when there is at least one uploaded clip or photo and the message asks for one video
 * per upload. "make each clip 5 seconds" (a re-cut of one video) and "combine these clips into
 * a promo" are not batch requests.
 * @example isBatchRequest('make a 10-second clip from each of these', media) // true
 */
export function isBatchRequest(text: string, media: readonly MediaSummary[]): boolean {
  return (
    media.some((item) => item.kind !== 'audio') &&
    !isCombineRequest(text) &&
    BATCH_REQUEST.test(text)
  );
}

/**
 * True when a message asks for a new video and brings something to make it from (a script or a
 * topic): "make a 20 second video about dog grooming". "make a vertical video" is not one.
 */
function asksForNewVideo(text: string, parts: () => ScriptParts): boolean {
  if (!isCreateRequest(text)) return false;
  const { instruction, script } = parts();
  return script !== '' || topicOf(instruction) !== '';
}

/** True when the draft shows the visitor's uploads (it was planned from them). */
function madeFromMedia(draft: Draft): boolean {
  return draft.tracks.some(
    (track) =>
      track.kind === 'video' && track.segments.some((segment) => segment.visual.type === 'media'),
  );
}

/**
 * For a re-cut of a video made from uploads ("make each clip 5 seconds"), the request to plan it
 * again from: the request that made it plus this change; null for anything else.
 */
function mediaRecutPrompt(text: string, context: MessageContext): string | null {
  const { draft, media } = context;
  if (media.length === 0 || draft === null || !isMediaCutEdit(text) || !madeFromMedia(draft))
    return null;
  const request = [...context.history]
    .reverse()
    .find((message) => message.role === 'user' && isMediaRequest(message.text, media));
  return request ? `${request.text}\n${text}` : text;
}

/** True for a message that only edits the brand kit ("use my brand colours #0a84ff"): kept even before a video. */
function isBrandKitEdit(text: string): boolean {
  const { ops, unread } = readEdits(text);
  return ops.length > 0 && unread.length === 0 && ops.every((op) => op.op === 'set-brand');
}

/** Edits of a video (or of the batch videos `itemIds`), or `none` when nothing is an edit. */
function editsRequest(text: string, itemIds: string[]): DirectorRequest {
  const { ops, unread } = readEdits(text);
  return ops.length === 0 ? { kind: 'none' } : { kind: 'edits', ops, unread, itemIds };
}

/**
 * Reads one message.
 * @param text the visitor's message, any language
 * @param context what it is read against
 * @returns the request: `help`; `edits` with the one op `undo`; `batch` for one video per upload;
 *   `brief` for a new video (from uploads when it asks for them or re-cuts a video made from
 *   them; else from words when there is no video yet or it asks for a new one with a script or
 *   topic); else `edits` of the video, or of the batch's videos it names (`itemIds`, empty: all);
 *   `none` when it holds no edit. While a batch is current, only a new single video leaves it.
 * @example parseMessage('make it vertical and 15 seconds', {draft, batch: null, media: [], history: []})
 *   // {kind:'edits', ops:[{op:'set-aspect',aspect:'vertical',…},{op:'set-duration',durationMs:15000,…}], unread:[], itemIds:[]}
 */
export function parseMessage(text: string, context: MessageContext): DirectorRequest {
  const message = text.trim();
  const { media, batch } = context;
  if (HELP_REQUEST.test(message)) return { kind: 'help' };
  if (isUndoRequest(message))
    return { kind: 'edits', ops: [{ op: 'undo', said: message }], unread: [], itemIds: [] };
  if (isBatchRequest(message, media))
    return { kind: 'batch', brief: readBatchBrief(message, media) };

  let parts: ScriptParts | null = null;
  const scriptParts = (): ScriptParts => {
    parts ??= extractScript(message);
    return parts;
  };
  const newVideo = asksForNewVideo(message, scriptParts);
  const leavesBatch =
    newVideo ||
    (isMediaRequest(message, media) && (isCombineRequest(message) || isCreateRequest(message)));
  if (batch !== null && !leavesBatch) {
    const named = namedItems(batch, message);
    const edit = named.length > 0 ? withoutNames(message, named) : message;
    return editsRequest(
      edit,
      named.map((item) => item.id),
    );
  }

  const recut = mediaRecutPrompt(message, context);
  if (recut !== null || isMediaRequest(message, media))
    return { kind: 'brief', brief: readUploadsBrief(recut ?? message, media) };
  if ((context.draft === null && !isBrandKitEdit(message)) || newVideo)
    return { kind: 'brief', brief: readStoryboardBrief(message, scriptParts()) };
  return editsRequest(message, []);
}
