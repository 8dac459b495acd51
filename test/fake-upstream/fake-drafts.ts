/**
 * @module fake-drafts
 * What the fake does to its short-key drafts (docs/remote-api.md: `t` tracks, `tt` 0 video /
 * 1 audio / 7 text, `sg` segments, `d` ms, `m` metadata; `s` = segment start ms, as the
 * project's codec documents). A small deterministic "director": a first prompt makes a
 * three-track draft, a few edit phrases change it. Independent of the project's own codec on
 * purpose: the fake speaks the upstream's format, the codec has to understand it.
 */

import { z } from 'zod';

/** A short-key draft as a schema (for drafts carried in by a client). */
export const fakeDraftSchema = z.object({
  d: z.number().positive(),
  m: z.record(z.string(), z.unknown()),
  t: z.array(
    z.object({
      tt: z.union([z.literal(0), z.literal(1), z.literal(7)]),
      id: z.string(),
      n: z.string(),
      sg: z.array(
        z.object({
          id: z.string(),
          s: z.number(),
          d: z.number(),
          m: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
});

/** A short-key segment. */
export interface FakeSegment {
  id: string;
  s: number;
  d: number;
  m: Record<string, unknown>;
}
/** A short-key track. */
export interface FakeTrack {
  tt: 0 | 1 | 7;
  id: string;
  n: string;
  sg: FakeSegment[];
}
/** A short-key draft. */
export interface FakeDraft {
  d: number;
  m: Record<string, unknown>;
  t: FakeTrack[];
}

/** Length of a generated video when the prompt names none, ms (docs/remote-api.md's example). */
export const FAKE_DEFAULT_DURATION_MS = 10_000;
/** Longest generated video, ms (keeps fake drafts small). */
export const FAKE_MAX_DURATION_MS = 120_000;

/** What one message did to the draft, in the words the fake's reply uses. */
export interface FakeEdit {
  draft: FakeDraft;
  /** Tool the fake "called" (shown as a function call in the stream). */
  tool: string;
  /** What it says about it. */
  reply: string;
}

function quoted(text: string): string | null {
  const match = /["“'「]([^"”'」]{1,80})["”'」]/.exec(text);
  return match?.[1] ?? null;
}

/** A new three-track draft (video, BGM, title) from a prompt such as "a 30-second video about…". */
export function generateDraft(prompt: string): FakeDraft {
  const seconds = /(\d{1,3})\s*(?:-|\s)?\s*(?:s\b|sec|second)/i.exec(prompt);
  const durationMs = Math.min(
    FAKE_MAX_DURATION_MS,
    Math.max(3_000, seconds === null ? FAKE_DEFAULT_DURATION_MS : Number(seconds[1]) * 1_000),
  );
  const title = quoted(prompt) ?? 'Urban Dreams';
  const about = /about ([^.,!?\n]{3,40})/i.exec(prompt)?.[1]?.trim() ?? 'city timelapse';
  const scenes = 3;
  const sceneMs = Math.floor(durationMs / scenes);
  return {
    d: durationMs,
    m: { title, w: 1920, h: 1080, fps: 30 },
    t: [
      {
        tt: 0,
        id: 'v1',
        n: about,
        sg: Array.from({ length: scenes }, (_, i) => ({
          id: `v1-${i + 1}`,
          s: i * sceneMs,
          d: i === scenes - 1 ? durationMs - i * sceneMs : sceneMs,
          m: { label: `${about} ${i + 1}` },
        })),
      },
      {
        tt: 1,
        id: 'a1',
        n: 'Lo-fi',
        sg: [{ id: 'a1-1', s: 0, d: durationMs, m: { label: 'Lo-fi', volume: 0.35 } }],
      },
      {
        tt: 7,
        id: 'x1',
        n: 'Titles',
        sg: [
          { id: 'x1-1', s: 0, d: Math.min(3_000, durationMs), m: { text: title, role: 'title' } },
        ],
      },
    ],
  };
}

/**
 * Applies an edit phrase to `draft` (a copy is returned), or null when the phrase means nothing
 * to the fake. Understood: `vertical`/`square`, `title "X"`, `music N%`, `add text "X"`, `longer`.
 */
export function editDraft(draft: FakeDraft, text: string): FakeEdit | null {
  const next: FakeDraft = structuredClone(draft);
  const lower = text.toLowerCase();
  if (/\bvertical\b|9:16|竖屏/.test(lower)) {
    next.m = { ...next.m, w: 1080, h: 1920 };
    return {
      draft: next,
      tool: 'set_canvas',
      reply: 'I switched the canvas to vertical 1080x1920.',
    };
  }
  if (/\bsquare\b|1:1/.test(lower)) {
    next.m = { ...next.m, w: 1080, h: 1080 };
    return { draft: next, tool: 'set_canvas', reply: 'I made the video square.' };
  }
  const volume = /(?:music|bgm|音乐)[^0-9]{0,20}(\d{1,3})\s*%/i.exec(text);
  if (volume !== null) {
    const audio = next.t.find((track) => track.tt === 1);
    for (const segment of audio?.sg ?? [])
      segment.m = { ...segment.m, volume: Number(volume[1]) / 100 };
    return { draft: next, tool: 'set_bgm_volume', reply: `Music volume is now ${volume[1]}%.` };
  }
  const words = quoted(text);
  if (/\badd (?:a )?text\b|添加文字/.test(lower) && words !== null) {
    let track = next.t.find((t) => t.tt === 7);
    if (track === undefined) {
      track = { tt: 7, id: 'x1', n: 'Titles', sg: [] };
      next.t.push(track);
    }
    const start = Math.min(next.d - 2_000, 3_000);
    track.sg.push({
      id: `x1-${track.sg.length + 1}`,
      s: Math.max(0, start),
      d: 2_000,
      m: { text: words, role: 'overlay' },
    });
    return {
      draft: next,
      tool: 'add_text_overlay',
      reply: `I added the text "${words}". Drag it on the timeline to move it.`,
    };
  }
  if (/\btitle\b|标题/.test(lower) && words !== null) {
    next.m = { ...next.m, title: words };
    const title = next.t
      .find((t) => t.tt === 7)
      ?.sg.find((segment) => segment.m.role === 'title' || segment.s === 0);
    if (title !== undefined) title.m = { ...title.m, text: words };
    return { draft: next, tool: 'update_title', reply: `The title now reads "${words}".` };
  }
  if (/\blonger\b|加长/.test(lower)) {
    const grow = 5_000;
    next.d = Math.min(FAKE_MAX_DURATION_MS, next.d + grow);
    const video = next.t.find((t) => t.tt === 0);
    const last = video?.sg.at(-1);
    if (last !== undefined) last.d += next.d - draft.d;
    for (const track of next.t.filter((t) => t.tt === 1))
      for (const segment of track.sg) segment.d = next.d - segment.s;
    return {
      draft: next,
      tool: 'extend_video',
      reply: `The video is now ${next.d / 1000} seconds long.`,
    };
  }
  return null;
}
