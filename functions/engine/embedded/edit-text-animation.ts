/**
 * @module edit-text-animation
 * Edit handler for how the words enter: "typewriter text", "word by word", "highlight the
 * captions", "make the text pop", "just fade the text", "打字机效果", "逐词出现", "高亮扫过",
 * "文字弹出". Every title, caption and overlay of the draft takes the preset.
 */
import type { TextSegment, Track } from '../../../shared/draft-schema';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, OpApplier } from './edit-step';

/** Each preset and the words that ask for it, English and Chinese. */
const PRESETS: ReadonlyArray<[TextSegment['animation'], RegExp]> = [
  ['typewriter', /\btype ?writer\b|\btyped (?:in|out)\b|打字机|打字效果/u],
  ['kinetic', /\bword[- ]by[- ]word\b|\bkinetic\b|逐词|逐字出现|一个字一个字/u],
  ['highlight', /\bhighlight(?:er|ed)?(?: sweep)?\b|\bmarker\b|高亮|荧光笔/u],
  ['pop', /\bpop(?:s|ping)?\b(?!-in captions)|弹出|跳出/u],
];
/** The clause is about the text's entrance (not, say, music that pops). */
const SUBJECT =
  /\b(?:text|texts|titles?|captions?|words?|lettering)\b|\btype ?writer\b|\bword[- ]by[- ]word\b|文字|字幕|标题|打字机|逐词|高亮/u;

/** See the module doc. */
export const textAnimationHandler: EditHandler<EditOpOf<'set-text-animation'>> = {
  name: 'text-animation',
  matches: (clause) => SUBJECT.test(clause) && PRESETS.some(([, words]) => words.test(clause)),
  read(clause) {
    const preset = PRESETS.find(([, words]) => words.test(clause));
    return preset ? { op: 'set-text-animation', animation: preset[0] } : null;
  },
};

/** Sets the preset on every text segment. */
export const applyTextAnimation: OpApplier<'set-text-animation'> = (draft, op) => {
  const tracks = draft.tracks.map(
    (track): Track =>
      track.kind === 'text'
        ? { ...track, segments: track.segments.map((s) => ({ ...s, animation: op.animation })) }
        : track,
  );
  return { draft: { ...draft, tracks } };
};
