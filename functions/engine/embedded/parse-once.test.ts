/**
 * Each word parser runs once per new-video turn: the message is read once (`parse-message`),
 * and the planners take the Brief it made (they read no words).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clip } from '../../../test/support/media-fixtures';
import type { ChatTurnInput } from '../engine';
import { runTurn } from './embedded-engine';
import * as parseCanvas from './parse-canvas';
import * as parseDuration from './parse-duration';
import * as pickLook from './pick-look';
import * as splitScenes from './split-scenes';

vi.mock('./parse-duration', async (original) => {
  const real = await original<typeof import('./parse-duration')>();
  return { ...real, parseDurationMs: vi.fn(real.parseDurationMs) };
});
vi.mock('./parse-canvas', async (original) => {
  const real = await original<typeof import('./parse-canvas')>();
  return {
    ...real,
    parseCanvas: vi.fn(real.parseCanvas),
    parseCanvasPreset: vi.fn(real.parseCanvasPreset),
  };
});
vi.mock('./pick-look', async (original) => {
  const real = await original<typeof import('./pick-look')>();
  return { ...real, pickLook: vi.fn(real.pickLook) };
});
vi.mock('./split-scenes', async (original) => {
  const real = await original<typeof import('./split-scenes')>();
  return {
    ...real,
    extractScript: vi.fn(real.extractScript),
    splitSentences: vi.fn(real.splitSentences),
  };
});

const MEDIA = [
  clip('m1', 'clip-waves.mp4', 8_000, true),
  clip('m2', 'clip-sea.mp4', 8_000, true),
  clip('m3', 'clip-sky.mp4', 8_000, true),
];

function input(text: string, extra: Partial<ChatTurnInput> = {}): ChatTurnInput {
  return { text, draft: null, history: [], previousDrafts: [], media: [], ...extra };
}

/** How often each word parser ran. */
function calls(): Record<string, number> {
  return {
    extractScript: vi.mocked(splitScenes.extractScript).mock.calls.length,
    parseDurationMs: vi.mocked(parseDuration.parseDurationMs).mock.calls.length,
    parseCanvas:
      vi.mocked(parseCanvas.parseCanvas).mock.calls.length +
      vi.mocked(parseCanvas.parseCanvasPreset).mock.calls.length,
    pickLook: vi.mocked(pickLook.pickLook).mock.calls.length,
  };
}

function draftOf(text: string) {
  const event = runTurn(input(text)).find((e) => e.type === 'draft');
  if (event?.type !== 'draft') throw new Error('no draft');
  return event.draft;
}

describe('one parse per new-video turn', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('a second storyboard (a draft present) reads the script, length, frame and look once', () => {
    const draft = draftOf('make a 20 second video about tea');
    vi.clearAllMocks();
    runTurn(input('make a vertical 15 second video about dog grooming', { draft }));
    expect(calls()).toEqual({ extractScript: 1, parseDurationMs: 1, parseCanvas: 1, pickLook: 1 });
  });

  it('a video from uploads reads length, frame and look once', () => {
    runTurn(input('combine these clips into a 20-second vertical promo', { media: MEDIA }));
    expect(calls()).toMatchObject({ parseDurationMs: 1, parseCanvas: 1, pickLook: 1 });
  });

  it('a batch of three videos reads length, frame and look once, not once per video', () => {
    runTurn(input('make a 10-second clip from each of these', { media: MEDIA }));
    expect(calls()).toMatchObject({ parseDurationMs: 1, parseCanvas: 1, pickLook: 1 });
  });
});

describe('the planners read no words', () => {
  const PARSERS =
    /\b(?:parseDurationMs|parseCanvas|parseCanvasPreset|pickLook|pickMood|moodFromText|extractScript|splitSentences|groupScenes|deriveTitle|topicOf)\b|from '\.\/(?:parse-message|read-brief|read-edits)'/;
  it.each(['plan-storyboard.ts', 'plan-media-cut.ts', 'plan-batch.ts'])('%s', (file) => {
    const source = readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
    const imports = source.match(/^import[\s\S]*?;$/gmu)?.join('\n') ?? '';
    expect(imports).not.toMatch(PARSERS);
  });
});
