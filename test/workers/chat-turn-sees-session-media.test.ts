/**
 * The director sees the session's ready uploads: after a clip and a photo are uploaded and
 * described, "combine these clips…" plans media segments from exactly those uploads; an upload
 * of another session, or one not yet probed, is not offered.
 */
import { describe, expect, it } from 'vitest';
import { sessionStateSchema } from '../../shared/api-schema';
import type { MediaInfo } from '../../shared/media-schema';
import { Visitor } from './visitor-client';
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

describe('a chat turn sees the session media', () => {
  it('plans "combine these clips" from the ready uploads of this session only', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const other = await visitor.createSession();
    const clip = await visitor.upload(session.id, 'clip-waves.mp4', MP4_HEAD, CLIP_INFO);
    const photo = await visitor.upload(session.id, 'photo-space.jpg', JPEG_HEAD, PHOTO_INFO);
    const unprobed = await visitor.upload(session.id, 'clip-unprobed.mp4', MP4_HEAD, null);
    const elsewhere = await visitor.upload(other.id, 'clip-elsewhere.mp4', MP4_HEAD, CLIP_INFO);

    const transcript = await visitor.chat(
      session.id,
      'combine these clips into a 10-second video with transitions',
    );
    const draftEvent = transcript.events.find((event) => event.type === 'draft');
    if (draftEvent?.type !== 'draft') throw new Error('no draft event');
    const state = sessionStateSchema.parse(
      await (await visitor.fetch(`/api/sessions/${session.id}`)).json(),
    );
    const used = (state.draft?.tracks ?? [])
      .flatMap((track) => (track.kind === 'video' ? track.segments : []))
      .flatMap((segment) => (segment.visual.type === 'media' ? [segment.visual.mediaId] : []));
    expect(used).toEqual([clip, photo]);
    expect(used).not.toContain(unprobed);
    expect(used).not.toContain(elsewhere);
  });
});
