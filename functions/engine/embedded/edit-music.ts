/**
 * @module edit-music
 * Edit handler for the sound: the background music ("music at 20%", "no music", "mute the music",
 * "add music", "make the music calm", "louder"/"quieter music", "背景音乐调到20%") and, apart from
 * it, the clips' own sound — the "Clip sound" track `plan-media-cut` makes ("mute the clips",
 * "turn the clip sound off", "clip sound at 50%", "unmute the clips", "原声调到50%"). A music
 * edit never touches the clips' sound, and a clip-sound edit never touches the music (issue #5:
 * "the uploaded track as music at the asked volume … with the clips' own sound mixed or muted").
 */
import { isNarrationTrack } from '../../../shared/narration-track';
import type { AudioSegment, Draft, MusicMood, Track } from '../../../shared/draft-schema';
import { directorWords } from './director-words';
import type { EditOpOf } from '../../../shared/edit-op-schema';
import type { EditHandler, OpApplier } from './edit-step';
import { MOOD_NAMES, TEMPO_BPM_BY_MOOD, moodFromText, musicSegment, pickMood } from './pick-music';
import { CLIP_SOUND_TRACK_ID, CLIP_SOUND_VOLUME } from './plan-media-cut';
import { TRACK_IDS } from './plan-storyboard';

/** "louder"/"quieter" move the music by 15 points of gain: a clearly audible step (~3 dB at 0.35). */
export const VOLUME_STEP = 0.15;

const SUBJECT =
  /\b(?:music|bgm|soundtrack|song|background audio|volume|mute|unmute)\b|音乐|配乐|音量|静音/u;
/** The clips' own sound: "the clips", "clip sound", "the original audio", "原声". */
const CLIP_SUBJECT =
  /\b(?:clips?|footage)(?:'s|')?(?=\s|$)|\b(?:original|own|camera|video'?s?)\s+(?:sound|audio)\b|原声|视频(?:的)?声音/u;
/** Words that make a clause naming the clips about their sound (not "remove the second clip"). */
const SOUND_WORDS =
  /\b(?:sound|audio|volume|mute|unmute|silence|silent|louder|quieter|softer)\b|%|声音|音量|静音|原声/u;
const OFF =
  /\b(?:no|without|remove|delete|mute|turn off|switch off|stop|kill|drop|disable|off|silence|get rid of)\b|去掉|关闭|关掉|静音|不要|删除/u;
const ON =
  /\b(?:add|turn on|switch on|enable|with|put|bring back|unmute|on|some|background)\b|加|添加|打开|开启/u;
const UNMUTE = /\bunmute\b/u;
/** "more" alone is louder only with "volume"/"sound": "more energetic music" asks for a mood. */
const LOUDER =
  /\b(?:louder|turn up|turn it up|raise|increase|higher|more\s+(?:volume|sound))\b|大声|调高|大一点/u;
const QUIETER =
  /\b(?:quieter|softer|turn down|turn it down|lower|decrease|reduce|less)\b|小声|调低|小一点/u;

/** A volume in a clause as a gain 0..1: "20%", "百分之20", "volume 20" (percent) or "volume 0.2" (gain). */
function percentIn(clause: string): number | null {
  const match =
    /(\d{1,3}(?:\.\d+)?)\s*%|百分之\s*(\d{1,3})|\bvolume\s+(?:to\s+|at\s+|of\s+)?(\d*\.\d+|\d{1,3})\b/u.exec(
      clause,
    );
  if (!match) return null;
  const gain = match[3]?.includes('.')
    ? Number(match[3])
    : Number(match[1] ?? match[2] ?? match[3]) / 100;
  return Number.isFinite(gain) ? Math.min(1, Math.max(0, gain)) : null;
}

/** True for the audio tracks that are music (every audio track but the clips' own sound and narration). */
const isMusicTrack = (track: Track): boolean =>
  track.kind === 'audio' && track.id !== CLIP_SOUND_TRACK_ID && !isNarrationTrack(track);
const isClipSoundTrack = (track: Track): boolean =>
  track.kind === 'audio' && track.id === CLIP_SOUND_TRACK_ID;

function segmentsOf(draft: Draft, which: (track: Track) => boolean): AudioSegment[] {
  return draft.tracks.flatMap((track) =>
    track.kind === 'audio' && which(track) ? track.segments : [],
  );
}

/** The mood the draft's words suggest, for music added to a draft planned without it. */
function moodForDraft(draft: Draft): MusicMood {
  const words = draft.tracks
    .flatMap((track) => (track.kind === 'text' ? track.segments.map((s) => s.text) : []))
    .join(' ');
  return pickMood(draft.title, words);
}

function withMusic(draft: Draft, mood: MusicMood, volume?: number): Draft {
  const segment = musicSegment(mood, draft.durationMs, volume);
  const track: Track = {
    id: TRACK_IDS.music,
    kind: 'audio',
    name: MOOD_NAMES[mood],
    segments: [segment],
  };
  const videoIndex = draft.tracks.findIndex((t) => t.kind === 'video');
  const tracks = [...draft.tracks];
  tracks.splice(videoIndex + 1, 0, track);
  return { ...draft, tracks };
}

/** `map` applied to the segments of the audio tracks `which` picks; a generated-music track may be renamed. */
function mapAudio(
  draft: Draft,
  which: (track: Track) => boolean,
  map: (segment: AudioSegment) => AudioSegment,
  rename?: string,
): Draft {
  return {
    ...draft,
    tracks: draft.tracks.map(
      (track): Track =>
        track.kind === 'audio' && which(track)
          ? {
              ...track,
              name:
                rename && track.segments.every((s) => s.source.type === 'generated-music')
                  ? rename
                  : track.name,
              segments: track.segments.map(map),
            }
          : track,
    ),
  };
}

function setMood(draft: Draft, mood: MusicMood): Draft {
  return mapAudio(
    draft,
    isMusicTrack,
    (s) =>
      s.source.type === 'generated-music'
        ? {
            ...s,
            label: `${MOOD_NAMES[mood]} music`,
            source: { ...s.source, mood, tempoBpm: TEMPO_BPM_BY_MOOD[mood] },
          }
        : s,
    MOOD_NAMES[mood],
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A level asked of some tracks: a gain, or a step up or down. */
type Level = Pick<EditOpOf<'set-music'>, 'volume' | 'step'>;

/** The level a clause asks ("20%", "louder", "quieter"); empty when it asks none. */
function readLevel(clause: string): Level {
  const percent = percentIn(clause);
  if (percent !== null) return { volume: percent };
  if (LOUDER.test(clause)) return { step: 'louder' };
  if (QUIETER.test(clause)) return { step: 'quieter' };
  return {};
}

/** The tracks `which` picks at the asked level, or null when none is asked. */
function levelChange(draft: Draft, level: Level, which: (track: Track) => boolean): Draft | null {
  const { volume } = level;
  if (volume !== undefined) return mapAudio(draft, which, (s) => ({ ...s, volume }));
  if (level.step === 'louder')
    return mapAudio(draft, which, (s) => ({
      ...s,
      volume: round2(Math.min(1, s.volume + VOLUME_STEP)),
    }));
  if (level.step === 'quieter')
    return mapAudio(draft, which, (s) => ({
      ...s,
      volume: round2(Math.max(0, s.volume - VOLUME_STEP)),
    }));
  return null;
}

/** True when the clause is about the clips' own sound rather than the music. */
function isClipSoundClause(clause: string): boolean {
  return CLIP_SUBJECT.test(clause) && SOUND_WORDS.test(clause);
}

/** "mute the clips", "clip sound at 50%", "unmute the clips", "louder clips": the clip-sound track only. */
export const applyClipSound: OpApplier<'set-clip-sound'> = (draft, op, cjk) => {
  const words = directorWords(cjk);
  const segments = segmentsOf(draft, isClipSoundTrack);
  if (segments.length === 0) {
    return { draft, note: words.noClipSound };
  }
  const level = levelChange(draft, op, isClipSoundTrack);
  if (level !== null) return { draft: level };
  const silent = segments.every((s) => s.volume === 0);
  if (op.on === true) {
    if (!silent) return { draft, note: words.clipSoundAlreadyOn };
    return {
      draft: mapAudio(draft, isClipSoundTrack, (s) => ({ ...s, volume: CLIP_SOUND_VOLUME })),
    };
  }
  if (op.on === false) {
    if (silent) return { draft, note: words.clipSoundAlreadyOff };
    return { draft: mapAudio(draft, isClipSoundTrack, (s) => ({ ...s, volume: 0 })) };
  }
  return null;
};

/** "music at 20%", "no music", "calm music": the music tracks only. */
export const applyMusic: OpApplier<'set-music'> = (draft, op, cjk) => {
  const words = directorWords(cjk);
  const has = segmentsOf(draft, isMusicTrack).length > 0;
  if (op.on === false) {
    if (!has) return { draft, note: words.noMusicToTurnOff };
    return { draft: { ...draft, tracks: draft.tracks.filter((t) => !isMusicTrack(t)) } };
  }
  if (!has && (op.volume !== undefined || op.mood !== undefined || op.on === true)) {
    return { draft: withMusic(draft, op.mood ?? moodForDraft(draft), op.volume) };
  }
  if (!has) return null;
  let next = levelChange(draft, op, isMusicTrack);
  if (op.mood !== undefined) next = setMood(next ?? draft, op.mood);
  if (next === null && op.on === true) return { draft, note: words.musicAlreadyOn };
  return next === null ? null : { draft: next };
};

/** "mute the clips" → `{on: false}`; "clip sound at 50%" → `{volume: 0.5}`; null when it asks nothing. */
function readClipSound(clause: string): EditOpOf<'set-clip-sound'> {
  const level = readLevel(clause);
  if (level.volume !== undefined || level.step !== undefined)
    return { op: 'set-clip-sound', ...level };
  if (UNMUTE.test(clause) || (ON.test(clause) && !OFF.test(clause)))
    return { op: 'set-clip-sound', on: true };
  if (OFF.test(clause)) return { op: 'set-clip-sound', on: false };
  return { op: 'set-clip-sound' };
}

/** "no music" → `{on: false}`; "calm music at 20%" → `{mood: 'calm', volume: 0.2}`. */
function readMusic(clause: string): EditOpOf<'set-music'> {
  const level = readLevel(clause);
  const mood = moodFromText(clause);
  const op: EditOpOf<'set-music'> = { op: 'set-music', ...level };
  if (mood !== null) op.mood = mood;
  if (level.volume === undefined && mood === null && OFF.test(clause) && !UNMUTE.test(clause))
    op.on = false;
  else if (ON.test(clause)) op.on = true;
  return op;
}

/** See the module doc. Volumes are gains 0..1 (20% → 0.2). */
export const musicHandler: EditHandler<EditOpOf<'set-music'> | EditOpOf<'set-clip-sound'>> = {
  name: 'music',
  matches: (clause) => SUBJECT.test(clause) || isClipSoundClause(clause),
  read: (clause) => (isClipSoundClause(clause) ? readClipSound(clause) : readMusic(clause)),
};
