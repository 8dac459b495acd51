/**
 * @module narrate-plan
 * The director's hooks for narration: a new storyboard narrated when its brief asks for a
 * voiceover ({@link narrateBrief}), the voiceover read from chat as a `set-narration` op
 * ({@link narrationHandler}) and applied ({@link applyNarration}), and the voice re-fitted after
 * an edit that changed the video's length ({@link refitNarration}).
 */
import { CHANGE_WORDS_EN, CHANGE_WORDS_ZH } from '../../../shared/change-words';
import type { Draft } from '../../../shared/draft-schema';
import { snapScenesToBeats } from '../../../shared/beat-grid';
import { hasCjk } from '../embedded/reading-length';
import type { Brief } from '../../../shared/brief-schema';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import { applyRemoveText } from '../embedded/edit-overlay';
import type { EditHandler, OpApplier } from '../embedded/edit-step';
import { extractScript } from '../embedded/split-scenes';
import { changeCaptionStyle } from './caption-style-edit';
import { type NarrationWish, mentionsNarration, narrationWish } from './narration-wish';
import { narrationWords } from './narration-words';
import {
  defaultSettings,
  narratedTexts,
  narrateScenes,
  pickVoice,
  preferredWpm,
  settingsOf,
  speechOf,
  timeScenesToSpeech,
  withoutNarration,
} from './plan-narration';

/**
 * Narrates a freshly planned storyboard when the wish asks for a voiceover.
 * @param wish what the request asked of the narration
 * @param sceneTexts the text of each scene, title first, as planned
 * @returns the draft (narrated, scenes timed to the speech) and a note for the reply: the voice
 *   and pace, and when the script cannot be read in time, that and what to do ('' when no
 *   voiceover was asked for)
 */
export function narratePlanned(
  draft: Draft,
  wish: NarrationWish,
  sceneTexts: readonly string[],
  cjk: boolean,
): { draft: Draft; note: string } {
  if (wish.narration !== 'on') return { draft, note: '' };
  const cjkScript = sceneTexts.some(hasCjk);
  const base = defaultSettings(cjkScript);
  const voice = pickVoice(wish, null, cjkScript);
  const settings = {
    voice,
    preferredWpm: preferredWpm(wish, base.preferredWpm),
    captions: changeCaptionStyle(base.captions, wish.captions),
  };
  const timed = snapScenesToBeats(timeScenesToSpeech(draft, sceneTexts, voice));
  const plan = narrateScenes(timed, sceneTexts, settings);
  const words = narrationWords(cjk);
  const said = speechOf(plan.draft);
  const narrated = said ? words.narrated(changeWords(cjk).voices[said.voice], said.rateWpm) : '';
  return {
    draft: plan.draft,
    note: plan.fits ? narrated : `${narrated} ${words.tooLong(draft.durationMs, plan.naturalMs)}`,
  };
}

function changeWords(cjk: boolean): typeof CHANGE_WORDS_EN {
  return cjk ? CHANGE_WORDS_ZH : CHANGE_WORDS_EN;
}

/** The text for each scene of a draft planned without narration: the title, then the captions. */
function textsToNarrate(draft: Draft): string[] {
  const scenes = draft.tracks.find((track) => track.kind === 'video')?.segments ?? [];
  const texts = draft.tracks.flatMap((track) => (track.kind === 'text' ? track.segments : []));
  return scenes.map((scene) =>
    texts
      .filter(
        (t) =>
          (t.role === 'title' || t.role === 'caption') &&
          t.startMs >= scene.startMs &&
          t.startMs < scene.startMs + scene.durationMs,
      )
      .map((t) => t.text.replace(/\n/g, ' '))
      .join(' '),
  );
}

/** Reads voiceover edits: on, off, voice, pace, word captions (see narration-wish.ts). */
export const narrationHandler: EditHandler<EditOpOf<'set-narration'>> = {
  name: 'narration',
  matches: (clause) => mentionsNarration(narrationWish(clause)),
  read(clause) {
    const { narration, ...rest } = narrationWish(clause);
    return {
      op: 'set-narration',
      ...(narration ? { on: narration === 'on' } : {}),
      ...rest,
    };
  },
};

/**
 * Applies a `set-narration` op: removes the voiceover, adds one (reading the title and the
 * captions), or changes its voice, pace or word captions. Null when the op asks a change of a
 * voiceover the draft does not have ("slower" without one); "captions off" without one removes
 * the captions, as it always did.
 */
export const applyNarration: OpApplier<'set-narration'> = (draft, op, cjk) => {
  const words = narrationWords(cjk);
  const current = speechOf(draft);
  const wish: NarrationWish = {
    ...(op.gender ? { gender: op.gender } : {}),
    ...(op.accent ? { accent: op.accent } : {}),
    ...(op.pace ? { pace: op.pace } : {}),
    ...(op.captions ? { captions: op.captions } : {}),
  };
  if (op.on === false)
    return current
      ? { draft: withoutNarration(draft) }
      : { draft, note: words.noNarrationToRemove };
  const voiceAsked = op.gender !== undefined || op.accent !== undefined;
  if (!current) {
    if (op.on !== true && !voiceAsked)
      return op.captions?.mode === 'off'
        ? applyRemoveText(draft, { op: 'remove-text', target: 'captions' }, cjk)
        : null;
    const texts = textsToNarrate(draft);
    const cjkScript = texts.some(hasCjk);
    const base = defaultSettings(cjkScript);
    const plan = narrateScenes(draft, texts, {
      voice: pickVoice(wish, null, cjkScript),
      preferredWpm: preferredWpm(wish, base.preferredWpm),
      captions: changeCaptionStyle(base.captions, wish.captions),
    });
    return plan.fits
      ? { draft: plan.draft }
      : { draft: plan.draft, note: words.tooLong(draft.durationMs, plan.naturalMs) };
  }
  const settings = settingsOf(current);
  const plan = narrateScenes(draft, narratedTexts(draft), {
    voice: pickVoice(wish, current.voice, false),
    preferredWpm: preferredWpm(wish, settings.preferredWpm),
    captions: changeCaptionStyle(settings.captions, wish.captions),
  });
  const after = speechOf(plan.draft);
  if (op.pace === 'slower' && after && after.rateWpm >= current.rateWpm)
    return { draft: plan.draft, note: words.cannotSlowDown(plan.naturalMs) };
  return { draft: plan.draft };
};

/**
 * The narration re-fitted to the scenes after an edit that changed the video's length: the
 * same words and voice, at the pace the new scene lengths allow (natural when they can).
 * @returns `after` unchanged when it has no narration or its length did not change
 */
export function refitNarration(before: Draft, after: Draft): Draft {
  const speech = speechOf(after);
  if (!speech || before.durationMs === after.durationMs) return after;
  const base = defaultSettings(false);
  return narrateScenes(after, narratedTexts(after), {
    voice: speech.voice,
    preferredWpm: base.preferredWpm,
    captions: speech.captions,
  }).draft;
}

/**
 * Narrates a storyboard planned from `brief` when the brief asks for a voiceover: the title and
 * each scene read aloud, scenes timed to them. Voice, pace and caption wishes are read from the
 * request's instruction (not its script, which may say "voice" in passing).
 * @param request the visitor's message the brief was read from
 * @returns the draft and a note for the reply ('' without narration)
 */
export function narrateBrief(
  draft: Draft,
  brief: Brief,
  request: string,
): { draft: Draft; note: string } {
  if (!brief.narration) return { draft, note: '' };
  const scenes = draft.tracks.find((track) => track.kind === 'video')?.segments.length ?? 0;
  const texts =
    scenes === brief.scenes.length + 1 ? [draft.title, ...brief.scenes] : textsToNarrate(draft);
  const instruction = extractScript(request).instruction || request;
  return narratePlanned(
    draft,
    { ...narrationWish(instruction), narration: 'on' },
    texts,
    brief.language === 'zh',
  );
}
