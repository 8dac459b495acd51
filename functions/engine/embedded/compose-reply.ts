/**
 * @module compose-reply
 * The director's words: a short, friendly description of a planned storyboard or of an edit
 * (in the language of the message answered), cut into word groups for streaming, and the
 * suggested next steps (chips).
 */
import { isNarrationTrack } from '../../../shared/narration-track';
import type { Draft, MusicMood } from '../../../shared/draft-schema';
import type { SuggestedAction } from '../../../shared/events-schema';
import { CHANGE_WORDS_EN, CHANGE_WORDS_ZH } from '../../../shared/change-words';
import { aspectRatioLabel, transitionStyle } from '../../../shared/draft-diff';
import { formatSeconds } from '../../../shared/timeline-summary';
import { directorWords } from './director-words';

/** Words per streamed delta: 4 reads like typing without flooding the event log. */
export const WORDS_PER_DELTA = 4;
/** Prompt chips offered after a turn, besides Export and Undo: 3 fit one row on a phone. */
export const MAX_PROMPT_CHIPS = 3;

function musicOf(draft: Draft): { mood: MusicMood | null; percent: number } | null {
  for (const track of draft.tracks) {
    if (track.kind !== 'audio' || isNarrationTrack(track)) continue;
    const first = track.segments[0];
    if (first)
      return {
        mood: first.source.type === 'generated-music' ? first.source.mood : null,
        percent: Math.round(first.volume * 100),
      };
  }
  return null;
}

function sceneCount(draft: Draft): number {
  return draft.tracks.reduce(
    (count, track) => count + (track.kind === 'video' ? track.segments.length : 0),
    0,
  );
}

/**
 * What a new storyboard is, in one or two sentences.
 * @param cjk answer in Chinese
 * @example describePlan(draft, false) // "Here is “Nimbus”: 6 scenes over 30 s, 1920x1080 (16:9), Midnight look, upbeat music at 35%. …"
 */
export function describePlan(draft: Draft, cjk: boolean): string {
  const scenes = sceneCount(draft);
  const size = `${draft.canvas.width}x${draft.canvas.height}`;
  const aspect = aspectRatioLabel(draft.canvas);
  const music = musicOf(draft);
  if (cjk) {
    const musicText = music
      ? `，${music.mood ? CHANGE_WORDS_ZH.moods[music.mood] : ''}背景音乐 ${music.percent}%`
      : '';
    return (
      `「${draft.title}」的分镜做好了：${scenes} 个场景，共 ${formatSeconds(draft.durationMs)} 秒，${size}（${aspect}），` +
      `${draft.look.paletteName} 配色${musicText}。先预览一下，满意就导出 MP4；想改的话直接告诉我，比如“改成横屏”或“音乐调到20%”。`
    );
  }
  const musicText = music
    ? `, ${music.mood ? `${CHANGE_WORDS_EN.moods[music.mood]} ` : ''}music at ${music.percent}%`
    : ', no music';
  return (
    `Here is “${draft.title}”: ${scenes} ${scenes === 1 ? 'scene' : 'scenes'} over ${formatSeconds(draft.durationMs)} s, ` +
    `${size} (${aspect}), ${draft.look.paletteName} look${musicText}. ` +
    'Preview it, then press Export MP4 — or tell me what to change, like “make it vertical” or “title in red”.'
  );
}

/**
 * What an edit did.
 * @param changes plain-words change lines (from `diffDrafts`, in the reply's language)
 * @param notes sentences from the handlers ("It is already 15 s long.")
 * @param notUnderstood clauses skipped, as typed
 * @param cjk answer in Chinese
 * @example describeEdit(['Duration 30 s → 15 s'], [], [], false) // "Done: Duration 30 s → 15 s."
 */
export function describeEdit(
  changes: readonly string[],
  notes: readonly string[],
  notUnderstood: readonly string[],
  cjk: boolean,
): string {
  const words = directorWords(cjk);
  const parts: string[] = [];
  if (changes.length > 0) parts.push(words.done(changes));
  parts.push(...notes);
  if (notUnderstood.length > 0) parts.push(words.couldNotDo(notUnderstood));
  if (parts.length === 0) parts.push(words.nothingNeeded);
  return parts.join(words.sentenceGap);
}

/**
 * A reply cut into stream deltas of {@link WORDS_PER_DELTA} words (a CJK character counts as a
 * word); joined back they equal the text exactly.
 */
export function splitDeltas(text: string): string[] {
  const tokens =
    text.match(/[\u3400-\u9fff\uf900-\ufaff][\s]*|[^\s\u3400-\u9fff\uf900-\ufaff]+\s*|\s+/gu) ?? [];
  const deltas: string[] = [];
  for (let i = 0; i < tokens.length; i += WORDS_PER_DELTA)
    deltas.push(tokens.slice(i, i + WORDS_PER_DELTA).join(''));
  return deltas;
}

/**
 * Chips for the next step: Export, Undo (after an edit), and up to {@link MAX_PROMPT_CHIPS}
 * prompts that change something the draft does not have yet; first "Add a voiceover" when
 * `offerVoiceover` (a plan made from the visitor's script) and the draft is not narrated.
 */
export function suggestActions(
  draft: Draft,
  options: { canUndo: boolean; cjk: boolean; offerVoiceover?: boolean },
): SuggestedAction[] {
  const { cjk } = options;
  const actions: SuggestedAction[] = [{ kind: 'export', label: cjk ? '导出 MP4' : 'Export MP4' }];
  if (options.canUndo) actions.push({ kind: 'undo', label: cjk ? '撤销' : 'Undo', prompt: 'undo' });
  const prompts: Array<[string, string]> = [];
  // A script is written to be read: offer to read it (narration-wish.ts reads these words as "on").
  if (options.offerVoiceover && !draft.tracks.some(isNarrationTrack))
    prompts.push(cjk ? ['添加配音', '添加配音'] : ['Add a voiceover', 'add a voiceover']);
  const vertical = draft.canvas.height > draft.canvas.width;
  prompts.push(
    vertical
      ? cjk
        ? ['改成横屏', '改成横屏']
        : ['Make it landscape', 'make it landscape']
      : cjk
        ? ['改成竖屏', '改成竖屏']
        : ['Make it vertical', 'make it vertical'],
  );
  const music = musicOf(draft);
  if (!music) prompts.push(cjk ? ['加背景音乐', '加背景音乐'] : ['Add music', 'add music']);
  else if (music.percent !== 20)
    prompts.push(cjk ? ['音乐调到20%', '音乐调到20%'] : ['Music at 20%', 'music at 20%']);
  else prompts.push(cjk ? ['音乐调到35%', '音乐调到35%'] : ['Music at 35%', 'music at 35%']);
  const style = transitionStyle(draft);
  if (style !== null) {
    prompts.push(
      style === 'slide'
        ? cjk
          ? ['用淡入淡出转场', '用淡入淡出转场']
          : ['Use crossfades', 'use crossfade transitions']
        : cjk
          ? ['用滑动转场', '用滑动转场']
          : ['Use slide transitions', 'use slide transitions'],
    );
  }
  for (const [label, prompt] of prompts.slice(0, MAX_PROMPT_CHIPS))
    actions.push({ kind: 'prompt', label, prompt });
  return actions;
}
