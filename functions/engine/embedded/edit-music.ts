/**
 * @module edit-music
 * Edit handler for the background music: "music at 20%", "no music", "mute the music",
 * "add music", "make the music calm", "louder"/"quieter music", "背景音乐调到20%".
 */
import type { AudioSegment, Draft, MusicMood, Track } from '../../../shared/draft-schema';
import type { EditHandler, EditStep } from './edit-step';
import { MOOD_NAMES, TEMPO_BPM_BY_MOOD, moodFromText, musicSegment, pickMood } from './pick-music';
import { TRACK_IDS } from './plan-storyboard';

/** "louder"/"quieter" move the music by 15 points of gain: a clearly audible step (~3 dB at 0.35). */
export const VOLUME_STEP = 0.15;

const SUBJECT = /\b(?:music|bgm|soundtrack|song|background audio|volume|mute|unmute)\b|音乐|配乐|音量|静音/u;
const OFF = /\b(?:no|without|remove|delete|mute|turn off|switch off|stop|kill|drop|disable|off|silence|get rid of)\b|去掉|关闭|关掉|静音|不要|删除/u;
const ON = /\b(?:add|turn on|switch on|enable|with|put|bring back|unmute|on|some|background)\b|加|添加|打开|开启/u;
const LOUDER = /\b(?:louder|turn up|turn it up|raise|increase|higher|more)\b|大声|调高|大一点/u;
const QUIETER = /\b(?:quieter|softer|turn down|turn it down|lower|decrease|reduce|less)\b|小声|调低|小一点/u;

/** A volume in a clause as a gain 0..1: "20%", "百分之20", "volume 20" (percent) or "volume 0.2" (gain). */
function percentIn(clause: string): number | null {
  const match = /(\d{1,3}(?:\.\d+)?)\s*%|百分之\s*(\d{1,3})|\bvolume\s+(?:to\s+|at\s+|of\s+)?(\d*\.\d+|\d{1,3})\b/u.exec(clause);
  if (!match) return null;
  const gain = match[3]?.includes('.') ? Number(match[3]) : Number(match[1] ?? match[2] ?? match[3]) / 100;
  return Number.isFinite(gain) ? Math.min(1, Math.max(0, gain)) : null;
}

function musicSegmentsOf(draft: Draft): AudioSegment[] {
  return draft.tracks.flatMap((track) => (track.kind === 'audio' ? track.segments : []));
}

/** The mood the draft's words suggest, for music added to a draft planned without it. */
function moodForDraft(draft: Draft): MusicMood {
  const words = draft.tracks.flatMap((track) => (track.kind === 'text' ? track.segments.map((s) => s.text) : [])).join(' ');
  return pickMood(draft.title, words);
}

function withMusic(draft: Draft, mood: MusicMood, volume?: number): Draft {
  const segment = musicSegment(mood, draft.durationMs, volume);
  const track: Track = { id: TRACK_IDS.music, kind: 'audio', name: MOOD_NAMES[mood], segments: [segment] };
  const videoIndex = draft.tracks.findIndex((t) => t.kind === 'video');
  const tracks = [...draft.tracks];
  tracks.splice(videoIndex + 1, 0, track);
  return { ...draft, tracks };
}

function mapAudio(draft: Draft, map: (segment: AudioSegment) => AudioSegment, rename?: string): Draft {
  return {
    ...draft,
    tracks: draft.tracks.map((track): Track =>
      track.kind === 'audio'
        ? {
            ...track,
            name: rename && track.segments.every((s) => s.source.type === 'generated-music') ? rename : track.name,
            segments: track.segments.map(map),
          }
        : track,
    ),
  };
}

function setMood(draft: Draft, mood: MusicMood): Draft {
  return mapAudio(
    draft,
    (s) =>
      s.source.type === 'generated-music'
        ? { ...s, label: `${MOOD_NAMES[mood]} music`, source: { ...s.source, mood, tempoBpm: TEMPO_BPM_BY_MOOD[mood] } }
        : s,
    MOOD_NAMES[mood],
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** See the module doc. Volumes are gains 0..1 (20% → 0.2). */
export const musicHandler: EditHandler = {
  name: 'music',
  matches: (clause) => SUBJECT.test(clause),
  apply(draft, clause): EditStep | null {
    const has = musicSegmentsOf(draft).length > 0;
    const percent = percentIn(clause);
    const mood = moodFromText(clause);
    if (percent === null && mood === null && OFF.test(clause) && !/\bunmute\b/u.test(clause)) {
      if (!has) return { draft, note: 'There is no music to turn off.' };
      return { draft: { ...draft, tracks: draft.tracks.filter((t) => t.kind !== 'audio') } };
    }
    if (!has && (percent !== null || mood !== null || ON.test(clause))) {
      return { draft: withMusic(draft, mood ?? moodForDraft(draft), percent ?? undefined) };
    }
    if (!has) return null;
    let next = draft;
    let done = false;
    if (percent !== null) {
      next = mapAudio(next, (s) => ({ ...s, volume: percent }));
      done = true;
    } else if (LOUDER.test(clause)) {
      next = mapAudio(next, (s) => ({ ...s, volume: round2(Math.min(1, s.volume + VOLUME_STEP)) }));
      done = true;
    } else if (QUIETER.test(clause)) {
      next = mapAudio(next, (s) => ({ ...s, volume: round2(Math.max(0, s.volume - VOLUME_STEP)) }));
      done = true;
    }
    if (mood !== null) {
      next = setMood(next, mood);
      done = true;
    }
    if (!done && ON.test(clause)) return { draft, note: 'The music is already on.' };
    return done ? { draft: next } : null;
  },
};
