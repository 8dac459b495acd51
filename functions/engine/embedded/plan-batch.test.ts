import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ITEMS, batchSchema } from '../../../shared/batch-schema';
import type { Draft } from '../../../shared/draft-schema';
import { draftSchema } from '../../../shared/draft-schema';
import { clip, photo, song } from '../../../test/support/media-fixtures';
import { planBatch } from '../../../test/support/director-from-text';
import { isBatchRequest } from './parse-message';
import { describeBatch, suggestBatchActions } from './plan-batch';
import { batchSources } from './read-brief';

const MEDIA = [
  clip('m1', 'clip-waves.mp4', 12_000, true),
  clip('m2', 'clip-homeworld.webm', 5_000),
  photo('m3', 'photo-space.jpg'),
  song('m4', 'music-forest.mp3'),
];
const REQUEST = 'make a 10-second clip from each of these';

function mediaIds(draft: Draft, kind: 'video' | 'audio'): string[] {
  return draft.tracks.flatMap((track) =>
    track.kind !== kind
      ? []
      : track.segments.flatMap((segment) => {
          const source = 'visual' in segment ? segment.visual : segment.source;
          return source.type === 'media' ? [source.mediaId] : [source.type];
        }),
  );
}

describe('isBatchRequest', () => {
  it.each([
    REQUEST,
    'a short video for each photo',
    'one video per clip',
    'each file as its own video',
    'separate videos for each upload',
    'turn every photo into its own video',
    '给每个视频各做一个10秒的短片',
    '每张照片分别做一个视频',
  ])('asks for one video per upload: %s', (text) => {
    expect(isBatchRequest(text, MEDIA)).toBe(true);
  });

  it.each([
    'make each clip 5 seconds',
    'combine these clips into a promo',
    'combine these clips into one video for each of my customers',
    'make it vertical',
    'make the video 20 seconds per scene',
    'music at 50 percent',
    '把每个片段剪成5秒',
    'generate a 30-second explainer video about dog grooming',
  ])('is a single video or an edit: %s', (text) => {
    expect(isBatchRequest(text, MEDIA)).toBe(false);
  });

  it('needs a clip or photo: sounds alone make no batch', () => {
    expect(isBatchRequest(REQUEST, [song('s1', 'song.mp3')])).toBe(false);
    expect(isBatchRequest(REQUEST, [])).toBe(false);
  });
});

describe('planBatch', () => {
  it('makes one 10-second video per clip or photo, in upload order, with my music', () => {
    const batch = batchSchema.parse(planBatch(REQUEST, MEDIA));
    expect(batch.items.map((item) => [item.id, item.mediaId, item.label])).toEqual([
      ['item-m1', 'm1', 'Waves'],
      ['item-m2', 'm2', 'Homeworld'],
      ['item-m3', 'm3', 'Space'],
    ]);
    for (const item of batch.items) {
      expect(draftSchema.parse(item.draft)).toEqual(item.draft);
      expect(item.draft.durationMs).toBe(10_000);
      expect(item.draft.canvas).toEqual({ width: 1920, height: 1080, fps: 30 });
      expect(item.draft.title).toBe(item.label);
      expect(new Set(mediaIds(item.draft, 'video'))).toEqual(new Set([item.mediaId]));
    }
    const [waves, , space] = batch.items;
    expect(mediaIds(waves?.draft as Draft, 'audio')).toEqual(['m4', 'm1']);
    expect(mediaIds(space?.draft as Draft, 'audio')).toEqual(['m4']);
  });

  it('defaults to a clip’s own length (at most 60 s) and 5 s for a photo, with generated music when none is uploaded', () => {
    const media = [
      clip('c1', 'clip-long-drive.mov', 95_000),
      clip('c2', 'clip-waves.mp4', 7_000),
      photo('p1', 'photo-space.jpg'),
    ];
    const batch = planBatch('a video for each upload', media);
    expect(batch.items.map((item) => item.draft.durationMs)).toEqual([60_000, 7_000, 5_000]);
    expect(batch.items.map((item) => item.label)).toEqual(['Long drive', 'Waves', 'Space']);
    expect(mediaIds(batch.items[2]?.draft as Draft, 'audio')).toEqual(['generated-music']);
  });

  it('takes the shape from the words and, for "each photo", only the photos', () => {
    const batch = planBatch('a vertical 8 second video for each photo', [
      ...MEDIA,
      photo('m5', 'photo-lines.webp'),
    ]);
    expect(batch.items.map((item) => item.mediaId)).toEqual(['m3', 'm5']);
    expect(
      batch.items.every(
        (item) =>
          item.draft.canvas.width === 1080 &&
          item.draft.canvas.height === 1920 &&
          item.draft.durationMs === 8_000,
      ),
    ).toBe(true);
    expect(batchSources('one video per clip', MEDIA).map((item) => item.id)).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
  });

  it(`makes at most ${MAX_BATCH_ITEMS} videos and says how many uploads were left out`, () => {
    const media = Array.from({ length: MAX_BATCH_ITEMS + 2 }, (_, i) =>
      photo(`p${i + 1}`, `photo-${i + 1}.jpg`),
    );
    const batch = batchSchema.parse(planBatch(REQUEST, media));
    expect(batch.items).toHaveLength(MAX_BATCH_ITEMS);
    expect(batch.items.at(-1)?.mediaId).toBe(`p${MAX_BATCH_ITEMS}`);
    expect(describeBatch(batch, media, false)).toContain(
      `A batch makes at most ${MAX_BATCH_ITEMS} videos, so the last 2 photos were left out.`,
    );
    expect(describeBatch(batch, media, true)).toContain(
      `一批最多 ${MAX_BATCH_ITEMS} 个视频，最后 2 个照片没有做。`,
    );
  });

  it('refuses media without a clip or photo', () => {
    expect(() => planBatch(REQUEST, [song('s1', 'song.mp3')])).toThrow(TypeError);
  });
});

describe('describeBatch and its chips', () => {
  const batch = planBatch(REQUEST, MEDIA);

  it('says what was made, how to export and how to change one, in English or Chinese', () => {
    expect(describeBatch(batch, batchSources(REQUEST, MEDIA), false)).toBe(
      'Made 3 videos, one from each upload, 10 s each at 1920x1080: Waves, Homeworld, Space. ' +
        'Press “Export all” to render them one after another; each gets its own MP4. To change one, name it, e.g. “make the Waves one vertical”.',
    );
    expect(describeBatch(batch, batchSources(REQUEST, MEDIA), true)).toBe(
      '做好了 3 个视频，每个上传文件各一个，每个 10 秒，1920x1080：Waves、Homeworld、Space。' +
        '点“全部导出”会一个接一个地渲染，每个视频各自生成一个 MP4。想改其中一个，就说出它的名字，比如“把 Waves 改成竖屏”。',
    );
  });

  it('gives the range when the lengths differ', () => {
    expect(
      describeBatch(
        planBatch('a video for each upload', MEDIA),
        batchSources('a video for each upload', MEDIA),
        false,
      ),
    ).toMatch(/^Made 3 videos, one from each upload, 5–12 s long at 1920x1080:/);
  });

  it('offers "Export all N" first', () => {
    expect(suggestBatchActions(batch, { canUndo: false, cjk: false })[0]).toEqual({
      kind: 'export',
      label: 'Export all 3',
    });
    const zh = suggestBatchActions(batch, { canUndo: true, cjk: true });
    expect(zh.map((action) => action.label).slice(0, 3)).toEqual([
      '全部导出（3 个）',
      '撤销',
      '改成竖屏',
    ]);
  });
});
