/**
 * @module draft-diff
 * What changed between two draft versions, in plain words for the chat and the version list:
 * `Added text 'Urban Dreams' 0–3 s`, `Canvas 1920x1080 → 1080x1920 (9:16)`, `Music volume 35% → 20%`.
 * Segments are matched by id. Changes that follow from a bigger one (every segment retimed
 * because the duration changed) are not listed again. English by default (the session's stored
 * `changes`); the embedded director asks for Chinese lines (`CHANGE_WORDS_ZH` in change-words.ts) when it
 * answers a Chinese message. Pure, no I/O.
 */
import { CHANGE_WORDS_EN } from './change-words';
import type { ChangeWords, TextPlace } from './change-words';
import type { AudioSegment, Canvas, Draft, TextSegment, VideoSegment } from './draft-schema';
import { isNarrationTrack } from './narration-track';
import { diffNarration } from './narration-diff';
import { formatSeconds, quoteText } from './timeline-summary';

/**
 * Most lines of one kind listed one by one (e.g. "Added text …"); more are folded into one
 * count line ("Added 6 captions") so a replan does not flood the chat.
 */
export const MAX_ITEM_LINES = 3;
/** Longest text quoted in a change line: 40 characters fit one chat line next to the verb. */
export const MAX_DIFF_TEXT_CHARS = 40;

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

/**
 * Where a text sits, from its `position.y` (a fraction of the frame's height): the top or bottom
 * third, else the middle — the bands the director's "title at the bottom" places texts in
 * (functions/engine/embedded/edit-position.ts).
 */
function placeOf(y: number): TextPlace {
  if (y < 1 / 3) return 'top';
  return y > 2 / 3 ? 'bottom' : 'middle';
}

function span(segment: { startMs: number; durationMs: number }, words: ChangeWords): string {
  return words.seconds(
    `${formatSeconds(segment.startMs)}–${formatSeconds(segment.startMs + segment.durationMs)}`,
  );
}

function quoted(text: string, words: ChangeWords): string {
  return words.quote(quoteText(text, MAX_DIFF_TEXT_CHARS));
}

/** Lines grouped by kind, folded to one count line when a kind has too many. */
class ChangeList {
  private readonly groups = new Map<string, { lines: string[]; fold: (count: number) => string }>();

  add(kind: string, line: string, fold: (count: number) => string): void {
    const group = this.groups.get(kind) ?? { lines: [], fold };
    group.lines.push(line);
    this.groups.set(kind, group);
  }

  /** True when lines of this kind are listed one by one (not folded, not absent). */
  shows(kind: string): boolean {
    const count = this.groups.get(kind)?.lines.length ?? 0;
    return count > 0 && count <= MAX_ITEM_LINES;
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

/** Segments of the audio tracks but narration (said by {@link diffNarration}). */
function audioSegments(draft: Draft): AudioSegment[] {
  return draft.tracks.flatMap((track) =>
    track.kind === 'audio' && !isNarrationTrack(track) ? track.segments : [],
  );
}

/**
 * The transition style of a draft: the one kind used by every video segment after the first
 * of its track (`cut` when none is set), `mixed`, or null when no segment has a predecessor.
 */
export function transitionStyle(draft: Draft): string | null {
  const kinds = new Set<string>();
  for (const track of draft.tracks) {
    if (track.kind !== 'video') continue;
    for (const segment of track.segments.slice(1)) kinds.add(segment.transitionIn?.kind ?? 'cut');
  }
  if (kinds.size === 0) return null;
  if (kinds.size > 1) return 'mixed';
  return [...kinds][0] ?? null;
}

function musicLine(segment: AudioSegment, words: ChangeWords): string {
  return words.musicOn(
    segment.source.type === 'generated-music' ? words.moods[segment.source.mood] : null,
    Math.round(segment.volume * 100),
  );
}

function diffMusic(before: Draft, after: Draft, words: ChangeWords): string[] {
  const was = audioSegments(before)[0];
  const now = audioSegments(after)[0];
  if (!was && !now) return [];
  if (was && !now) return [words.musicOff];
  if (!was && now) return [musicLine(now, words)];
  if (!was || !now) return [];
  const lines: string[] = [];
  const wasPct = Math.round(was.volume * 100);
  const nowPct = Math.round(now.volume * 100);
  if (wasPct !== nowPct)
    lines.push(nowPct === 0 ? words.musicOff : words.musicVolume(wasPct, nowPct));
  if (
    was.source.type === 'generated-music' &&
    now.source.type === 'generated-music' &&
    was.source.mood !== now.source.mood
  ) {
    lines.push(words.musicMood(words.moods[was.source.mood], words.moods[now.source.mood]));
  }
  return lines;
}

/**
 * Level changes of the audio tracks after the first (the music): e.g. the clips' own sound,
 * `Clip sound 80% → 0%` is said `Clip sound off`. Tracks are matched by id; the level is the
 * first segment's (the director sets one level per track).
 */
function diffOtherAudioLevels(before: Draft, after: Draft, words: ChangeWords): string[] {
  const others = (draft: Draft) =>
    draft.tracks.filter((track) => track.kind === 'audio' && !isNarrationTrack(track)).slice(1);
  const was = new Map(others(before).map((track) => [track.id, track]));
  return others(after).flatMap((track) => {
    const previous = was.get(track.id);
    const wasPct =
      previous?.kind === 'audio' ? Math.round((previous.segments[0]?.volume ?? 0) * 100) : null;
    const nowPct =
      track.kind === 'audio' ? Math.round((track.segments[0]?.volume ?? 0) * 100) : null;
    if (wasPct === null || nowPct === null || wasPct === nowPct) return [];
    if (nowPct === 0) return [words.trackOff(track.name)];
    return [
      wasPct === 0
        ? words.trackOn(track.name, nowPct)
        : words.trackLevel(track.name, wasPct, nowPct),
    ];
  });
}

/**
 * The painted scenery of a draft's first painted scene, e.g. `sunset, clear: sun + skyline`
 * (`space + stars` without a sky); null when it has none.
 */
export function describeScenery(draft: Draft, words: ChangeWords): string | null {
  const visual = videoSegments(draft).find((segment) => segment.visual.type === 'scene')?.visual;
  if (visual?.type !== 'scene') return null;
  const { sky, layers } = visual.scene;
  const names = layers.map((kind) => words.sceneNames[kind]).join(' + ');
  return sky ? `${words.sceneNames[sky.time]}, ${words.sceneNames[sky.weather]}: ${names}` : names;
}

/** Lines for a draft made from nothing: scene count, canvas, duration, music. */
function describeNewDraft(after: Draft, words: ChangeWords): string[] {
  const scenes = videoSegments(after).length;
  const lines = [scenes > 0 ? words.planned(scenes) : words.createdTimeline];
  lines.push(
    words.canvas(`${after.canvas.width}x${after.canvas.height}`, aspectRatioLabel(after.canvas)),
  );
  lines.push(words.duration(words.seconds(formatSeconds(after.durationMs))));
  const music = audioSegments(after)[0];
  if (music) lines.push(musicLine(music, words));
  return lines;
}

/**
 * The changes from `before` to `after`, one plain-words line each, biggest first.
 * @param before the previous version, or null when `after` is the first draft
 * @param after the new version
 * @param words the language of the lines: {@link CHANGE_WORDS_EN} (default) or {@link CHANGE_WORDS_ZH}
 * @returns e.g. `["Canvas 1920x1080 → 1080x1920 (9:16)", "Duration 30 s → 15 s"]`
 *   (ZH `["画面 1920x1080 → 1080x1920（9:16）", "时长 30 秒 → 15 秒"]`); empty when nothing a
 *   person would notice changed. Never throws.
 */
export function diffDrafts(
  before: Draft | null,
  after: Draft,
  words: ChangeWords = CHANGE_WORDS_EN,
): string[] {
  if (!before) return describeNewDraft(after, words);
  const lines: string[] = [];
  const canvasChanged =
    before.canvas.width !== after.canvas.width || before.canvas.height !== after.canvas.height;
  const durationChanged = before.durationMs !== after.durationMs;

  const oldScenes = videoSegments(before);
  const newScenes = videoSegments(after);
  const oldSceneIds = new Set(oldScenes.map((s) => s.id));
  const newSceneIds = new Set(newScenes.map((s) => s.id));
  const sameScene = (a: VideoSegment, b: VideoSegment): boolean =>
    a.label === b.label && a.visual.type === b.visual.type;
  // A new storyboard: no scene of the new draft is an old scene kept as it was.
  const replanned =
    newScenes.length > 0 &&
    !newScenes.some((s) => oldScenes.some((o) => o.id === s.id && sameScene(o, s)));

  if (replanned) lines.push(words.planned(newScenes.length));
  if (canvasChanged) {
    const sizes = `${before.canvas.width}x${before.canvas.height} → ${after.canvas.width}x${after.canvas.height}`;
    lines.push(words.canvas(sizes, aspectRatioLabel(after.canvas)));
  }
  if (before.canvas.fps !== after.canvas.fps)
    lines.push(words.frameRate(before.canvas.fps, after.canvas.fps));
  if (durationChanged) {
    lines.push(
      words.duration(
        `${words.seconds(formatSeconds(before.durationMs))} → ${words.seconds(formatSeconds(after.durationMs))}`,
      ),
    );
  }
  if (before.look.paletteName !== after.look.paletteName)
    lines.push(words.look(before.look.paletteName, after.look.paletteName));
  lines.push(...brandLines(before, after, words));
  const sceneryBefore = describeScenery(before, words);
  const sceneryAfter = describeScenery(after, words);
  if (
    !replanned &&
    sceneryBefore !== null &&
    sceneryAfter !== null &&
    sceneryBefore !== sceneryAfter
  )
    lines.push(words.scenery(sceneryBefore, sceneryAfter));

  const changes = new ChangeList();
  if (!replanned) {
    for (const scene of newScenes) {
      if (!oldSceneIds.has(scene.id)) {
        changes.add(
          'scene-add',
          words.sceneAdded(quoted(scene.label, words), span(scene, words)),
          (n) => words.folded('added', n, 'scene'),
        );
      }
    }
    for (const scene of oldScenes) {
      if (!newSceneIds.has(scene.id)) {
        changes.add('scene-remove', words.sceneRemoved(quoted(scene.label, words)), (n) =>
          words.folded('removed', n, 'scene'),
        );
      }
    }
    if (!durationChanged) {
      for (const scene of newScenes) {
        const old = oldScenes.find((o) => o.id === scene.id);
        if (old && (old.startMs !== scene.startMs || old.durationMs !== scene.durationMs)) {
          changes.add(
            'scene-move',
            words.sceneMoved(quoted(scene.label, words), span(scene, words)),
            (n) => words.folded('retimed', n, 'scene'),
          );
        }
      }
    }
  }

  const oldStyle = transitionStyle(before);
  const newStyle = transitionStyle(after);
  if (!replanned && newStyle !== null && oldStyle !== newStyle && newStyle !== 'mixed')
    lines.push(words.transitions(newStyle));

  diffTexts(before, after, { replanned, canvasChanged, durationChanged, words }, changes);
  lines.push(...changes.toLines());
  lines.push(
    ...diffMusic(before, after, words),
    ...diffOtherAudioLevels(before, after, words),
    ...diffNarration(before, after, words),
  );

  // A line about the title itself already says the name changed.
  const titleLineShown = ['text-change-title', 'text-colour-title', 'text-size-title'].some(
    (kind) => changes.shows(kind),
  );
  if (!replanned && before.title !== after.title && !titleLineShown) {
    lines.push(words.videoName(quoted(before.title, words), quoted(after.title, words)));
  }
  return lines;
}

interface TextDiffContext {
  replanned: boolean;
  canvasChanged: boolean;
  durationChanged: boolean;
  words: ChangeWords;
}

function diffTexts(
  before: Draft,
  after: Draft,
  context: TextDiffContext,
  changes: ChangeList,
): void {
  const { words } = context;
  const oldTexts = textSegments(before);
  const newTexts = textSegments(after);
  const oldById = new Map(oldTexts.map((s) => [s.id, s]));
  const newIds = new Set(newTexts.map((s) => s.id));
  // A replan rewrites every caption: "Planned N scenes" already says so.
  const listed = (segment: TextSegment): boolean =>
    !(context.replanned && segment.role === 'caption');
  const colourShown = new Set<string>();
  const sizeShown = new Set<string>();
  const placeShown = new Set<string>();

  for (const segment of newTexts) {
    const role = segment.role;
    const old = oldById.get(segment.id);
    if (!old) {
      if (listed(segment)) {
        changes.add(
          `text-add-${role}`,
          words.textAdded(quoted(segment.text, words), span(segment, words)),
          (n) => words.folded('added', n, role),
        );
      }
      continue;
    }
    if (old.text !== segment.text && listed(segment)) {
      const from = quoted(old.text, words);
      const to = quoted(segment.text, words);
      const line = role === 'title' ? words.titleChanged(from, to) : words.textChanged(from, to);
      changes.add(`text-change-${role}`, line, (n) => words.folded('rewrote', n, role));
    }
    if (old.style.color.toLowerCase() !== segment.style.color.toLowerCase()) {
      const key = role === 'overlay' ? segment.id : role;
      if (!colourShown.has(key)) {
        colourShown.add(key);
        const line =
          role === 'overlay'
            ? words.textColour(quoted(segment.text, words), segment.style.color)
            : words.roleColour(role, segment.style.color);
        changes.add(`text-colour-${role}`, line, (n) => words.folded('recoloured', n, role));
      }
    }
    if (
      !context.canvasChanged &&
      old.style.fontSizePx !== segment.style.fontSizePx &&
      !sizeShown.has(role)
    ) {
      sizeShown.add(role);
      changes.add(
        `text-size-${role}`,
        words.roleSize(role, old.style.fontSizePx, segment.style.fontSizePx),
        (n) => words.folded('resized', n, role),
      );
    }
    const place = placeOf(segment.position.y);
    if (
      !context.canvasChanged &&
      !context.replanned &&
      placeOf(old.position.y) !== place &&
      !placeShown.has(role)
    ) {
      placeShown.add(role);
      const line = words.rolePlace(role, place);
      changes.add(`text-place-${role}`, line, () => line);
    }
    const moved = old.startMs !== segment.startMs || old.durationMs !== segment.durationMs;
    if (moved && !context.durationChanged && listed(segment) && role !== 'caption') {
      changes.add(
        `text-move-${role}`,
        words.textMoved(quoted(segment.text, words), span(segment, words)),
        (n) => words.folded('retimed', n, role),
      );
    }
  }
  for (const segment of oldTexts) {
    if (!newIds.has(segment.id) && listed(segment)) {
      const role = segment.role;
      changes.add(`text-remove-${role}`, words.textRemoved(quoted(segment.text, words)), (n) =>
        words.folded('removed', n, role),
      );
    }
  }
}

/** The first family of a CSS font list: `"Inter", sans-serif` → `Inter`. */
function firstFamily(fontFamily: string): string {
  return fontFamily.split(',')[0]?.replace(/["']/g, '').trim() ?? fontFamily;
}

/** Brand changes: new colours under the same palette name, the font, the logo's corner. */
function brandLines(before: Draft, after: Draft, words: ChangeWords): string[] {
  const lines: string[] = [];
  const colours = (draft: Draft): string =>
    [...new Set([...draft.look.background, draft.look.accent])].join(', ');
  if (before.look.paletteName === after.look.paletteName && colours(before) !== colours(after))
    lines.push(words.lookColours(colours(after)));
  if (firstFamily(before.look.fontFamily) !== firstFamily(after.look.fontFamily))
    lines.push(words.font(firstFamily(before.look.fontFamily), firstFamily(after.look.fontFamily)));
  const logoBefore = before.logo ? `${before.logo.mediaId} ${before.logo.corner}` : null;
  const logoAfter = after.logo ? `${after.logo.mediaId} ${after.logo.corner}` : null;
  if (logoBefore !== logoAfter)
    lines.push(words.logo(after.logo?.corner.replace('-', ' ') ?? null));
  return lines;
}
