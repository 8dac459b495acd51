import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/draft-schema';
import { DEFAULT_CAPTION_STYLE, type CaptionStyle } from '../../../shared/narration-schema';
import { draftOf, turn } from '../../../test/support/engine-turn';
import { speechOf } from './plan-narration';

const SCRIPT =
  'Every day, millions of people forget their passwords. Reelwright turns a short script into a video in your browser. ' +
  'Nothing is uploaded unless you share it.';

function captionsOf(draft: Draft): CaptionStyle {
  const speech = speechOf(draft);
  if (!speech) throw new Error('not narrated');
  return speech.captions;
}

const narrated = draftOf(turn(`a 20-second video with voiceover from this script: ${SCRIPT}`));
const narratedZh = draftOf(
  turn('用这段脚本做一个20秒的视频，要配音：每天都有很多人忘记密码。我们把短短的脚本变成视频。'),
);
const bigger = Number((DEFAULT_CAPTION_STYLE.sizeRatio * 1.25).toFixed(4));
const smaller = Number((DEFAULT_CAPTION_STYLE.sizeRatio / 1.25).toFixed(4));

describe('caption style edits of a narrated video', () => {
  it.each<[string, Draft, Partial<CaptionStyle>]>([
    ['bigger captions', narrated, { sizeRatio: bigger }],
    ['make the captions larger', narrated, { sizeRatio: bigger }],
    ['smaller captions', narrated, { sizeRatio: smaller }],
    ['yellow highlight', narrated, { highlight: '#ffd400' }],
    ['highlight the spoken word in red', narrated, { highlight: '#ff0000' }],
    ['captions off', narrated, { mode: 'off' }],
    ['字幕大一点', narratedZh, { sizeRatio: bigger }],
    ['字幕小一点', narratedZh, { sizeRatio: smaller }],
    ['黄色高亮', narratedZh, { highlight: '#ffd400' }],
    ['关闭字幕', narratedZh, { mode: 'off' }],
  ])('"%s"', (text, draft, change) => {
    const before = captionsOf(draft);
    const events = turn(text, draft);
    expect(captionsOf(draftOf(events))).toEqual({ ...before, ...change });
    const reply = events.find((e) => e.type === 'text');
    expect(reply?.type === 'text' && reply.text).not.toMatch(/nothing|没有/iu);
  });

  it('keeps the size within bounds however often it is asked', () => {
    let draft = narrated;
    for (let i = 0; i < 8; i++) draft = draftOf(turn('bigger captions', draft));
    expect(captionsOf(draft).sizeRatio).toBe(0.1);
  });

  it('still resizes the scene captions of a video without voiceover', () => {
    const plain = draftOf(turn(`a 20-second video from this script: ${SCRIPT}`));
    const sizes = (d: Draft) =>
      d.tracks.flatMap((t) =>
        t.kind === 'text'
          ? t.segments.filter((s) => s.role === 'caption').map((s) => s.style.fontSizePx)
          : [],
      );
    const after = draftOf(turn('bigger captions', plain));
    expect(sizes(after)[0]).toBeGreaterThan(sizes(plain)[0] ?? Infinity);
    expect(speechOf(after)).toBeNull();
  });
});
