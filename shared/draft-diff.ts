/**
 * @module draft-diff
 * What changed between two draft versions, in plain words for the chat and the version list:
 * `Added text 'Urban Dreams' 0–3 s`, `Canvas 1920x1080 → 1080x1920 (9:16)`, `Music volume 35% → 20%`.
 * Segments are matched by id. Changes that follow from a bigger one (every segment retimed
 * because the duration changed) are not listed again. Pure, no I/O.
 */
import type { AudioSegment, Canvas, Draft, TextSegment, VideoSegment } from './draft-schema';
import { formatSeconds, quoteText } from './timeline-summary';

/**
 * Most lines of one kind listed one by one (e.g. "Added text …"); more are folded into one
 * count line ("Added 6 captions") so a replan does not flood the chat.
 */
export const MAX_ITEM_LINES = 3;
/** Longest text quoted in a change line: 40 characters fit one chat line next to the verb. */
export const MAX_DIFF_TEXT_CHARS = 40;

/** Text roles as people call them, one and many. */
const ROLE_WORDS: Record<TextSegment['role'], { one: string; many: string; cap: string }> = {
  title: { one: 'title', many: 'titles', cap: 'Title' },
  caption: { one: 'caption', many: 'captions', cap: 'Caption' },
  overlay: { one: 'text', many: 'texts', cap: 'Text' },
};

/** Mood names as people read them (also the BGM track names the director uses). */
const MOOD_WORDS: Record<'calm' | 'upbeat' | 'lofi', string> = { calm: 'calm', upbeat: 'upbeat', lofi: 'lo-fi' };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The aspect ratio of a canvas as people say it.
 * @returns `16:9`, `9:16`, `1:1`, `4:5`… (the reduced width:height)
 * @example aspectRatioLabel({ width: 1080, height: 1920, fps: 30 }) // "9:16"
 */
export function aspectRatioLabel(canvas: Pick<Canvas, 'width' | 'height'>): string {
  const divisor = gcd(canvas.width, canvas.height);
  return `${canvas.width / divisor}:${canvas.height / divisor}`;
}

function span(segment: { startMs: number; durationMs: number }): string {
  return `${formatSeconds(segment.startMs)}–${formatSeconds(segment.startMs + segment.durationMs)} s`;
}

function quoted(text: string): string {
  return `'${quoteText(text, MAX_DIFF_TEXT_CHARS)}'`;
}

/** Lines grouped by kind, folded to one count line when a kind has too many. */
class ChangeList {
  private readonly groups = new Map<string, { lines: string[]; fold: (count: number) => string }>();

  add(kind: string, line: string, fold: (count: number) => string): void {
    const group = this.groups.get(kind) ?? { lines: [], fold };
    group.lines.push(line);
    this.groups.set(kind, group);
  }

  toLines(): string[] {
    const out: string[] = [];
    for (const group of this.groups.values()) {
      if (group.lines.length > MAX_ITEM_LINES) out.push(group.fold(group.lines.length));
      else out.push(...group.lines);
    }
    return out;
  }
}

function videoSegments(draft: Draft): VideoSegment[] {
  return draft.tracks.flatMap((track) => (track.kind === 'video' ? track.segments : []));
}

function textSegments(draft: Draft): TextSegment[] {
  return draft.tracks.flatMap((track) => (track.kind === 'text' ? track.segments : []));
}

function audioSegments(draft: Draft): AudioSegment[] {
  return draft.tracks.flatMap((track) => (track.kind === 'audio' ? track.segments : []));
}

/**
 * The transition style of a draft: the one kind used by every video segment after the first
 * of its track (`cut` when none is set), `mixed`, or null when no segment has a predecessor.
 */
export function transitionStyle(draft: Draft): string | null {
  const kinds = new Set<string>();
  for (const track of draft.tracks) {
    if (track.kind !== 'video') continue;
    track.segments.slice(1).forEach((segment) => kinds.add(segment.transitionIn?.kind ?? 'cut'));
  }
  if (kinds.size === 0) return null;
  if (kinds.size > 1) return 'mixed';
  return [...kinds][0] ?? null;
}

function musicLine(segment: AudioSegment): string {
  const mood = segment.source.type === 'generated-music' ? `${MOOD_WORDS[segment.source.mood]}, ` : '';
  return `Music on (${mood}${Math.round(segment.volume * 100)}%)`;
}

function diffMusic(before: Draft, after: Draft): string[] {
  const was = audioSegments(before)[0];
  const now = audioSegments(after)[0];
  if (!was && !now) return [];
  if (was && !now) return ['Music off'];
  if (!was && now) return [musicLine(now)];
  if (!was || !now) return [];
  const lines: string[] = [];
  const wasPct = Math.round(was.volume * 100);
  const nowPct = Math.round(now.volume * 100);
  if (wasPct !== nowPct) lines.push(nowPct === 0 ? 'Music off' : `Music volume ${wasPct}% → ${nowPct}%`);
  if (was.source.type === 'generated-music' && now.source.type === 'generated-music' && was.source.mood !== now.source.mood) {
    lines.push(`Music mood ${MOOD_WORDS[was.source.mood]} → ${MOOD_WORDS[now.source.mood]}`);
  }
  return lines;
}

/**
 * Level changes of the audio tracks after the first (the music): e.g. the clips' own sound,
 * `Clip sound 80% → 0%` is said `Clip sound off`. Tracks are matched by id; the level is the
 * first segment's (the director sets one level per track).
 */
function diffOtherAudioLevels(before: Draft, after: Draft): string[] {
  const others = (draft: Draft) => draft.tracks.filter((track) => track.kind === 'audio').slice(1);
  const was = new Map(others(before).map((track) => [track.id, track]));
  return others(after).flatMap((track) => {
    const previous = was.get(track.id);
    const wasPct = previous?.kind === 'audio' ? Math.round((previous.segments[0]?.volume ?? 0) * 100) : null;
    const nowPct = track.kind === 'audio' ? Math.round((track.segments[0]?.volume ?? 0) * 100) : null;
    if (wasPct === null || nowPct === null || wasPct === nowPct) return [];
    if (nowPct === 0) return [`${track.name} off`];
    return [wasPct === 0 ? `${track.name} on (${nowPct}%)` : `${track.name} ${wasPct}% → ${nowPct}%`];
  });
}

/** Lines for a draft made from nothing: scene count, canvas, duration, music. */
function describeNewDraft(after: Draft): string[] {
  const scenes = videoSegments(after).length;
  const lines = [scenes > 0 ? `Planned ${scenes} ${scenes === 1 ? 'scene' : 'scenes'}` : 'Created the timeline'];
  lines.push(`Canvas ${after.canvas.width}x${after.canvas.height} (${aspectRatioLabel(after.canvas)})`);
  lines.push(`Duration ${formatSeconds(after.durationMs)} s`);
  const music = audioSegments(after)[0];
  if (music) lines.push(musicLine(music));
  return lines;
}

/**
 * The changes from `before` to `after`, one plain-words line each, biggest first.
 * @param before the previous version, or null when `after` is the first draft
 * @param after the new version
 * @returns e.g. `["Canvas 1920x1080 → 1080x1920 (9:16)", "Duration 30 s → 15 s"]`; empty when
 *   nothing a person would notice changed. Never throws.
 */
export function diffDrafts(before: Draft | null, after: Draft): string[] {
  if (!before) return describeNewDraft(after);
  const lines: string[] = [];
  const canvasChanged = before.canvas.width !== after.canvas.width || before.canvas.height !== after.canvas.height;
  const durationChanged = before.durationMs !== after.durationMs;

  const oldScenes = videoSegments(before);
  const newScenes = videoSegments(after);
  const oldSceneIds = new Set(oldScenes.map((s) => s.id));
  const newSceneIds = new Set(newScenes.map((s) => s.id));
  const sameScene = (a: VideoSegment, b: VideoSegment): boolean => a.label === b.label && a.visual.type === b.visual.type;
  // A new storyboard: no scene of the new draft is an old scene kept as it was.
  const replanned = newScenes.length > 0 && !newScenes.some((s) => oldScenes.some((o) => o.id === s.id && sameScene(o, s)));

  if (replanned) lines.push(`Planned ${newScenes.length} ${newScenes.length === 1 ? 'scene' : 'scenes'}`);
  if (canvasChanged) {
    lines.push(
      `Canvas ${before.canvas.width}x${before.canvas.height} → ${after.canvas.width}x${after.canvas.height} (${aspectRatioLabel(after.canvas)})`,
    );
  }
  if (before.canvas.fps !== after.canvas.fps) lines.push(`Frame rate ${before.canvas.fps} → ${after.canvas.fps} fps`);
  if (durationChanged) lines.push(`Duration ${formatSeconds(before.durationMs)} s → ${formatSeconds(after.durationMs)} s`);
  if (before.look.paletteName !== after.look.paletteName) lines.push(`Look ${before.look.paletteName} → ${after.look.paletteName}`);

  const changes = new ChangeList();
  if (!replanned) {
    for (const scene of newScenes) {
      if (!oldSceneIds.has(scene.id)) {
        changes.add('scene-add', `Added scene ${quoted(scene.label)} ${span(scene)}`, (n) => `Added ${n} scenes`);
      }
    }
    for (const scene of oldScenes) {
      if (!newSceneIds.has(scene.id)) {
        changes.add('scene-remove', `Removed scene ${quoted(scene.label)}`, (n) => `Removed ${n} scenes`);
      }
    }
    if (!durationChanged) {
      for (const scene of newScenes) {
        const old = oldScenes.find((o) => o.id === scene.id);
        if (old && (old.startMs !== scene.startMs || old.durationMs !== scene.durationMs)) {
          changes.add('scene-move', `Moved scene ${quoted(scene.label)} to ${span(scene)}`, (n) => `Retimed ${n} scenes`);
        }
      }
    }
  }

  const oldStyle = transitionStyle(before);
  const newStyle = transitionStyle(after);
  if (!replanned && newStyle !== null && oldStyle !== newStyle && newStyle !== 'mixed') {
    lines.push(`Transitions → ${newStyle === 'cut' ? 'cuts' : newStyle}`);
  }

  diffTexts(before, after, { replanned, canvasChanged, durationChanged }, changes);
  lines.push(...changes.toLines());
  lines.push(...diffMusic(before, after), ...diffOtherAudioLevels(before, after));

  const titleLineShown = lines.some((line) => line.startsWith('Title '));
  if (!replanned && before.title !== after.title && !titleLineShown) {
    lines.push(`Video name ${quoted(before.title)} → ${quoted(after.title)}`);
  }
  return lines;
}

interface TextDiffContext {
  replanned: boolean;
  canvasChanged: boolean;
  durationChanged: boolean;
}

function diffTexts(before: Draft, after: Draft, context: TextDiffContext, changes: ChangeList): void {
  const oldTexts = textSegments(before);
  const newTexts = textSegments(after);
  const oldById = new Map(oldTexts.map((s) => [s.id, s]));
  const newIds = new Set(newTexts.map((s) => s.id));
  // A replan rewrites every caption: "Planned N scenes" already says so.
  const listed = (segment: TextSegment): boolean => !(context.replanned && segment.role === 'caption');
  const colourShown = new Set<string>();
  const sizeShown = new Set<string>();

  for (const segment of newTexts) {
    const words = ROLE_WORDS[segment.role];
    const old = oldById.get(segment.id);
    if (!old) {
      if (listed(segment)) {
        changes.add(`text-add-${segment.role}`, `Added text ${quoted(segment.text)} ${span(segment)}`, (n) => `Added ${n} ${words.many}`);
      }
      continue;
    }
    if (old.text !== segment.text && listed(segment)) {
      const line =
        segment.role === 'title'
          ? `Title ${quoted(old.text)} → ${quoted(segment.text)}`
          : `Changed text ${quoted(old.text)} → ${quoted(segment.text)}`;
      changes.add(`text-change-${segment.role}`, line, (n) => `Rewrote ${n} ${words.many}`);
    }
    if (old.style.color.toLowerCase() !== segment.style.color.toLowerCase()) {
      const key = segment.role === 'overlay' ? segment.id : segment.role;
      if (!colourShown.has(key)) {
        colourShown.add(key);
        const line =
          segment.role === 'overlay'
            ? `Text ${quoted(segment.text)} colour → ${segment.style.color}`
            : `${words.cap} colour → ${segment.style.color}`;
        changes.add(`text-colour-${segment.role}`, line, (n) => `Recoloured ${n} ${words.many}`);
      }
    }
    if (!context.canvasChanged && old.style.fontSizePx !== segment.style.fontSizePx && !sizeShown.has(segment.role)) {
      sizeShown.add(segment.role);
      changes.add(
        `text-size-${segment.role}`,
        `${words.cap} size ${old.style.fontSizePx} → ${segment.style.fontSizePx} px`,
        (n) => `Resized ${n} ${words.many}`,
      );
    }
    const moved = old.startMs !== segment.startMs || old.durationMs !== segment.durationMs;
    if (moved && !context.durationChanged && listed(segment) && segment.role !== 'caption') {
      changes.add(`text-move-${segment.role}`, `Moved text ${quoted(segment.text)} to ${span(segment)}`, (n) => `Retimed ${n} ${words.many}`);
    }
  }
  for (const segment of oldTexts) {
    if (!newIds.has(segment.id) && listed(segment)) {
      const words = ROLE_WORDS[segment.role];
      changes.add(`text-remove-${segment.role}`, `Removed text ${quoted(segment.text)}`, (n) => `Removed ${n} ${words.many}`);
    }
  }
}
