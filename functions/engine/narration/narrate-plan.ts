/**
 * @module narrate-plan
 * The director's hooks for narration: a new storyboard narrated when the request asks for a
 * voiceover ({@link narratePlanned}), the voiceover edited in chat ({@link narrationHandler}),
 * and the voice re-fitted after an edit that retimed the scenes ({@link refitNarration}).
 */
import { CHANGE_WORDS_EN, CHANGE_WORDS_ZH } from '../../../shared/change-words';
import type { Draft } from '../../../shared/draft-schema';
import { hasCjk } from '../embedded/reading-length';
import type { EditHandler } from '../embedded/edit-step';
import { buildDraft, readBrief } from '../embedded/plan-storyboard';
import { extractScript } from '../embedded/split-scenes';
import { mentionsNarration, narrationWish } from './narration-wish';
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
 * Narrates a freshly planned storyboard when its request asks for a voiceover.
 * @param instruction the request without its script (a script may say "voice" in passing)
 * @param sceneTexts the text of each scene, title first, as planned
 * @returns the draft (narrated, scenes timed to the speech) and a note for the reply: the voice
 *   and pace, and when the script cannot be read in time, that and what to do ('' when no
 *   voiceover was asked for)
 */
export function narratePlanned(
  draft: Draft,
  instruction: string,
  sceneTexts: readonly string[],
  cjk: boolean,
): { draft: Draft; note: string } {
  const wish = narrationWish(instruction);
  if (wish.narration !== 'on') return { draft, note: '' };
  const cjkScript = sceneTexts.some(hasCjk);
  const base = defaultSettings(cjkScript);
  const voice = pickVoice(wish, null, cjkScript);
  const settings = {
    voice,
    preferredWpm: preferredWpm(wish, base.preferredWpm),
    captions: { ...base.captions, ...wish.captions },
  };
  const plan = narrateScenes(timeScenesToSpeech(draft, sceneTexts, voice), sceneTexts, settings);
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

/** Voiceover edits: on, off, voice, pace, word captions (see narration-wish.ts). */
export const narrationHandler: EditHandler = {
  name: 'narration',
  matches: (clause) => mentionsNarration(narrationWish(clause)),
  apply(draft, clause, _quotes, _original, cjk) {
    const wish = narrationWish(clause);
    const words = narrationWords(cjk);
    const current = speechOf(draft);
    if (wish.narration === 'off')
      return current
        ? { draft: withoutNarration(draft) }
        : { draft, note: words.noNarrationToRemove };
    const voiceAsked = wish.gender !== undefined || wish.accent !== undefined;
    if (!current) {
      if (wish.narration !== 'on' && !voiceAsked) return null;
      const texts = textsToNarrate(draft);
      const cjkScript = texts.some(hasCjk);
      const base = defaultSettings(cjkScript);
      const plan = narrateScenes(draft, texts, {
        voice: pickVoice(wish, null, cjkScript),
        preferredWpm: preferredWpm(wish, base.preferredWpm),
        captions: { ...base.captions, ...wish.captions },
      });
      return plan.fits
        ? { draft: plan.draft }
        : { draft: plan.draft, note: words.tooLong(draft.durationMs, plan.naturalMs) };
    }
    const settings = settingsOf(current);
    const plan = narrateScenes(draft, narratedTexts(draft), {
      voice: pickVoice(wish, current.voice, false),
      preferredWpm: preferredWpm(wish, settings.preferredWpm),
      captions: { ...settings.captions, ...wish.captions },
    });
    const after = speechOf(plan.draft);
    if (wish.pace === 'slower' && after && after.rateWpm >= current.rateWpm)
      return { draft: plan.draft, note: words.cannotSlowDown(plan.naturalMs) };
    return { draft: plan.draft };
  },
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
 * Plans a storyboard from a prompt (plan-storyboard.ts) and narrates it when the prompt's
 * instruction asks for a voiceover: title and scene texts read aloud, scenes timed to them.
 * @returns the draft and a note for the reply ('' when there is nothing to add)
 */
export function planNarratedStoryboard(prompt: string): { draft: Draft; note: string } {
  const brief = readBrief(prompt);
  const { instruction } = extractScript(prompt);
  return narratePlanned(
    buildDraft(brief),
    instruction || prompt,
    [brief.title, ...brief.sceneTexts],
    hasCjk(prompt),
  );
}
