/**
 * "make a 10-second clip from each of these" with two clips and a photo uploaded makes a batch
 * through real chat turns: one 10 s video per upload showing only that upload, stored by the
 * session room as batch versions; an edit naming one video changes only it; "undo" goes back
 * (and, with no earlier batch, back to one video); each video exports on its own at the batch
 * version with its own frozen credits.
 */
import { describe, expect, it } from 'vitest';
import { creditsSchema, sessionStateSchema } from '../../shared/api-schema';
import type { SessionState } from '../../shared/api-schema';
import { batchItemId } from '../../shared/batch-schema';
import type { Batch } from '../../shared/batch-schema';
import type { Draft } from '../../shared/draft-schema';
import type { BatchEvent } from '../../shared/events-schema';
import type { MediaInfo } from '../../shared/media-schema';
import { Visitor, readError } from './visitor-client';
import type { SseTranscript } from './visitor-client';
import { JPEG_HEAD, PHOTO_INFO } from './photo-upload-fixture';

const CLIP_INFO: MediaInfo = {
  kind: 'video',
  durationMs: 6_000,
  width: 1920,
  height: 1080,
  fps: 30,
  videoCodec: 'avc',
  audioCodec: null,
  hasAudio: false,
};
const MP4_HEAD = [0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')];

/** The one `batch` event of a turn. */
function batchEvent(transcript: SseTranscript): BatchEvent {
  const events = transcript.events.filter((event): event is BatchEvent => event.type === 'batch');
  if (events.length !== 1)
    throw new Error(
      `expected one batch event, got: ${JSON.stringify(transcript.events.map((event) => event.type))}`,
    );
  return events[0] as BatchEvent;
}

/** The uploads a draft's video track shows, each once. */
function mediaShown(draft: Draft): string[] {
  const ids = draft.tracks
    .flatMap((track) => (track.kind === 'video' ? track.segments : []))
    .flatMap((segment) => (segment.visual.type === 'media' ? [segment.visual.mediaId] : []));
  return [...new Set(ids)];
}

async function sessionState(visitor: Visitor, sessionId: string): Promise<SessionState> {
  return sessionStateSchema.parse(await (await visitor.fetch(`/api/sessions/${sessionId}`)).json());
}

function itemDrafts(batch: Batch | null): Map<string, Draft> {
  return new Map((batch?.items ?? []).map((item) => [item.id, item.draft]));
}

describe('a batch from each upload', () => {
  it('is made, edited one video at a time, undone and exported video by video', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const waves = await visitor.upload(session.id, 'clip-waves.mp4', MP4_HEAD, CLIP_INFO);
    const homeworld = await visitor.upload(session.id, 'clip-homeworld.mp4', MP4_HEAD, CLIP_INFO);
    const space = await visitor.upload(session.id, 'photo-space.jpg', JPEG_HEAD, PHOTO_INFO);

    const made = batchEvent(
      await visitor.chat(session.id, 'make a 10-second clip from each of these'),
    );
    expect(made.version).toBe(1);
    expect(made.changes).toEqual(['Made 3 videos: Waves, Homeworld, Space']);
    const first = made.batch;
    expect(first?.items.map((item) => [item.id, item.mediaId, item.label])).toEqual([
      [batchItemId(waves), waves, 'Waves'],
      [batchItemId(homeworld), homeworld, 'Homeworld'],
      [batchItemId(space), space, 'Space'],
    ]);
    for (const item of first?.items ?? []) {
      expect(item.draft.durationMs).toBe(10_000);
      expect(mediaShown(item.draft)).toEqual([item.mediaId]);
    }
    const afterMade = await sessionState(visitor, session.id);
    expect(afterMade.batch).toEqual(first);
    expect(afterMade.batchVersion).toBe(1);

    const edited = batchEvent(await visitor.chat(session.id, 'make the waves one vertical'));
    expect(edited.version).toBe(2);
    expect(edited.changes.length).toBeGreaterThan(0);
    for (const line of edited.changes) expect(line).toMatch(/^Waves: /);
    const before = itemDrafts(first);
    const after = itemDrafts(edited.batch);
    expect(after.get(batchItemId(waves))?.canvas).toMatchObject({ width: 1080, height: 1920 });
    expect(after.get(batchItemId(homeworld))).toEqual(before.get(batchItemId(homeworld)));
    expect(after.get(batchItemId(space))).toEqual(before.get(batchItemId(space)));

    const undone = batchEvent(await visitor.chat(session.id, 'undo'));
    expect(undone.version).toBe(3);
    expect(undone.batch).toEqual(first);
    expect((await sessionState(visitor, session.id)).batchVersion).toBe(3);

    for (const item of first?.items ?? []) {
      const job = await visitor.startExport(session.id, item.id);
      expect(job.batchItemId).toBe(item.id);
      expect(job.draft).toEqual(item.draft);
      expect(job.draftVersion).toBe(3);
      expect(job.costCredits).toBe(2);
    }
    const credits = creditsSchema.parse(await (await visitor.fetch('/api/credits')).json());
    expect(credits).toEqual({ available: 94, frozen: 6, total: 100 });

    const unknown = await visitor.post(`/api/sessions/${session.id}/exports`, {
      batchItemId: batchItemId('not-uploaded'),
    });
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).code).toBe('batch_item_not_found');
    const stranger = await new Visitor().post(`/api/sessions/${session.id}/exports`, {
      batchItemId: batchItemId(waves),
    });
    expect(stranger.status).toBe(404);
    expect((await readError(stranger)).code).toBe('not_found');
    const junk = await visitor.fetch(`/api/sessions/${session.id}/exports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'not json',
    });
    expect(junk.status).toBe(400);
    expect((await readError(junk)).code).toBe('invalid_json');

    // The undo went back to version 1, so the next one has no earlier batch: back to one video.
    const ended = batchEvent(await visitor.chat(session.id, 'undo'));
    expect(ended).toEqual({
      type: 'batch',
      version: 4,
      changes: ['Back to one video'],
      batch: null,
    });
    const afterEnd = await sessionState(visitor, session.id);
    expect(afterEnd.batch).toBeNull();
    expect(afterEnd.batchVersion).toBe(4);
    const gone = await visitor.post(`/api/sessions/${session.id}/exports`, {
      batchItemId: batchItemId(waves),
    });
    expect(gone.status).toBe(404);
    expect((await readError(gone)).code).toBe('batch_item_not_found');
  });
});
