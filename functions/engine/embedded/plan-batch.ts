/**
 * @module plan-batch
 * Plans a batch from a batch {@link Brief}: one video per uploaded clip or photo ("make a
 * 10-second clip from each of these", "给每个视频各做一个10秒的短片"). Each video is what
 * {@link planMediaCut} makes from the brief with just that one picture plus the session's sounds, so every item has the same
 * shape, look and music as a single video from the uploads would. Also the reply that presents
 * the batch and its chips. Deterministic: same brief and media → same batch.
 */
import type { Batch } from '../../../shared/batch-schema';
import type { Brief } from '../../../shared/brief-schema';
import { MAX_BATCH_ITEMS, batchItemId } from '../../../shared/batch-schema';
import type { SuggestedAction } from '../../../shared/events-schema';
import type { MediaSummary } from '../../../shared/media-schema';
import { formatSeconds } from '../../../shared/timeline-summary';
import { suggestActions } from './compose-reply';
import { mediaLabel, planMediaCut } from './plan-media-cut';

/**
 * Length of a video made from one photo when none is asked: 5 s, long enough for its slow zoom
 * or pan to be seen and the title to be read (a photo among clips gets 3 s in `planMediaCut`).
 */
export const PHOTO_ALONE_MS = 5_000;

/**
 * Plans one video per uploaded clip or photo of the brief (`readBatchBrief`: `batchSources`), in
 * its order, at most {@link MAX_BATCH_ITEMS}.
 * Each length is the one asked ("10-second" → 10 000 ms, within the draft limits), else a
 * clip's own length up to 60 s, or {@link PHOTO_ALONE_MS} for a photo. Shape, look and music
 * come from the words as for any video from uploads (the first uploaded sound, else generated).
 * @param brief a batch brief (`source: 'uploads'`)
 * @param media the session's ready uploads, oldest first; at least one clip or photo
 * @returns a batch passing `batchSchema`; item ids `batchItemId(media.id)`, labels `mediaLabel(name)`
 * @throws TypeError when there is no clip or photo
 */
export function planBatch(brief: Brief, media: readonly MediaSummary[]): Batch {
  const visuals = brief.mediaIds.flatMap((id) => {
    const item = media.find((candidate) => candidate.id === id && candidate.kind !== 'audio');
    return item ? [item] : [];
  });
  if (visuals.length === 0) throw new TypeError('planBatch needs at least one clip or photo');
  const sounds = media.filter((item) => item.kind === 'audio');
  const items = visuals.slice(0, MAX_BATCH_ITEMS).map((item) => ({
    id: batchItemId(item.id),
    mediaId: item.id,
    label: mediaLabel(item.name),
    draft: planMediaCut(
      { ...brief, mediaIds: [item.id] },
      [item, ...sounds],
      brief.durationMs ?? (item.kind === 'image' ? PHOTO_ALONE_MS : undefined),
    ),
  }));
  return { items };
}

/** "10 s each" when every video is as long (one video: "10 s long"), else "5–12 s long" (ZH "每个 10 秒" / "5–12 秒"). */
function lengthsText(batch: Batch, cjk: boolean): string {
  const lengths = batch.items.map((item) => item.draft.durationMs);
  const shortest = formatSeconds(Math.min(...lengths));
  const longest = formatSeconds(Math.max(...lengths));
  if (shortest === longest && lengths.length === 1)
    return cjk ? `${shortest} 秒` : `${shortest} s long`;
  if (shortest === longest) return cjk ? `每个 ${shortest} 秒` : `${shortest} s each`;
  return cjk ? `${shortest}–${longest} 秒` : `${shortest}–${longest} s long`;
}

/**
 * The reply presenting a new batch: how many videos, their length and size, their names, what
 * was left out (beyond {@link MAX_BATCH_ITEMS}), how to export and how to change one.
 * @param sources the uploads asked for ({@link batchSources}; more than the items when some were left out)
 * @param cjk answer in Chinese
 * @example describeBatch(batch, media, false)
 * // "Made 3 videos, one from each upload, 10 s each at 1920x1080: Waves, Homeworld, Space. Press “Export all” …"
 */
export function describeBatch(
  batch: Batch,
  sources: readonly MediaSummary[],
  cjk: boolean,
): string {
  const count = batch.items.length;
  const first = batch.items[0];
  const canvas = first?.draft.canvas ?? { width: 0, height: 0 };
  const size = `${canvas.width}x${canvas.height}`;
  const shape =
    canvas.height > canvas.width ? (cjk ? '横屏' : 'landscape') : cjk ? '竖屏' : 'vertical';
  const labels = batch.items.map((item) => item.label);
  const leftOut = sources.length - count;
  const photos = sources.every((item) => item.kind === 'image');
  if (cjk) {
    const noun = photos ? '照片' : '上传文件';
    const omitted =
      leftOut > 0 ? `一批最多 ${MAX_BATCH_ITEMS} 个视频，最后 ${leftOut} 个${noun}没有做。` : '';
    return (
      `做好了 ${count} 个视频，每个${noun}各一个，${lengthsText(batch, true)}，${size}：${labels.join('、')}。${omitted}` +
      `点“全部导出”会一个接一个地渲染，每个视频各自生成一个 MP4。想改其中一个，就说出它的名字，比如“把 ${first?.label ?? ''} 改成${shape}”。`
    );
  }
  const noun = photos ? 'photo' : 'upload';
  const omitted =
    leftOut > 0
      ? ` A batch makes at most ${MAX_BATCH_ITEMS} videos, so the last ${leftOut} ${leftOut === 1 ? `${noun} was` : `${noun}s were`} left out.`
      : '';
  const made =
    count === 1 ? `Made 1 video, from your ${noun}` : `Made ${count} videos, one from each ${noun}`;
  return (
    `${made}, ${lengthsText(batch, false)} at ${size}: ${labels.join(', ')}.${omitted} ` +
    `Press “Export all” to render them one after another; each gets its own MP4. ` +
    `To change one, name it, e.g. “make the ${first?.label ?? ''} one ${shape}”.`
  );
}

/**
 * Chips after a batch turn: "Export all 3" (ZH "全部导出（3 个）"), Undo, and the prompt chips
 * of the first video (a prompt that names no video changes all of them).
 */
export function suggestBatchActions(
  batch: Batch,
  options: { canUndo: boolean; cjk: boolean },
): SuggestedAction[] {
  const count = batch.items.length;
  const exportLabel = options.cjk ? `全部导出（${count} 个）` : `Export all ${count}`;
  const first = batch.items[0];
  if (!first) return [];
  return suggestActions(first.draft, options).map((action) =>
    action.kind === 'export' ? { ...action, label: exportLabel } : action,
  );
}
