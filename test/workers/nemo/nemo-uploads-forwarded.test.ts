/**
 * The session's uploads (kept in our R2 by the media routes) are streamed to the upstream
 * session before a turn, once per upstream session; a file the upstream refuses (4001 type,
 * 4002 size) becomes a plain message and the turn still answers.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../functions/engine/engine';
import { NemoEngine } from '../../../functions/engine/nemo/nemo-engine';
import { readNemoConfig } from '../../../functions/engine/nemo/nemo-config';
import { fileKey } from '../../../functions/media/media-store';
import type { MediaSummary } from '../../../shared/media-schema';
import { createFakeUpstream } from '../../fake-upstream/fake-upstream';
import type { FakeUpstream } from '../../fake-upstream/fake-upstream';

const TOKEN = 'operator-token';

function setup(fake: FakeUpstream, sessionId: string): NemoEngine {
  let upstream: string | null = null;
  return new NemoEngine({
    config: readNemoConfig({ NEMO_API_BASE: 'https://nemo-fake.test', NEMO_TOKEN: TOKEN }),
    identity: null,
    session: {
      load: async () => upstream,
      save: async (id) => {
        upstream = id;
      },
    },
    fetch: (input, init) => Promise.resolve(fake.app.fetch(new Request(input, init))),
    media: { bucket: env.MEDIA, sessionId },
  });
}

async function turn(
  engine: NemoEngine,
  text: string,
  media: MediaSummary[],
): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const event of engine.chat({
    text,
    draft: null,
    history: [],
    previousDrafts: [],
    media,
  }))
    out.push(event);
  return out;
}

async function stored(
  sessionId: string,
  id: string,
  name: string,
  bytes: number,
): Promise<MediaSummary> {
  await env.MEDIA.put(fileKey(sessionId, id), new Uint8Array(bytes).fill(7), {
    httpMetadata: { contentType: 'video/mp4' },
  });
  return { id, name, kind: 'video', durationMs: 1_000, width: 640, height: 360, hasAudio: false };
}

describe('uploads reach the upstream session', () => {
  it('are streamed once per upstream session, as multipart with name and size', async () => {
    const fake = createFakeUpstream({ operatorTokens: [TOKEN] });
    const sessionId = crypto.randomUUID();
    const engine = setup(fake, sessionId);
    const media = [
      await stored(sessionId, 'm1', 'waves.mp4', 70_000),
      await stored(sessionId, 'm2', 'city.mov', 1_234),
    ];
    const first = await turn(engine, 'Generate a 10-second video about waves [talk]', media);
    expect(
      first.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.message : '')),
    ).toEqual(
      expect.arrayContaining([
        'sending "waves.mp4" to the video service…',
        'sending "city.mov" to the video service…',
      ]),
    );
    expect(fake.uploads.map((u) => [u.name, u.size])).toEqual([
      ['waves.mp4', 70_000],
      ['city.mov', 1_234],
    ]);
    await turn(engine, 'make it vertical [talk]', media);
    expect(fake.uploads).toHaveLength(2);
  });

  it('a refused file gets a plain message and the turn still answers', async () => {
    const fake = createFakeUpstream({ operatorTokens: [TOKEN] });
    const sessionId = crypto.randomUUID();
    const engine = setup(fake, sessionId);
    const media = [
      await stored(sessionId, 'm1', 'notes.txt', 10),
      await stored(sessionId, 'm2', 'big.mp4', 10),
    ];
    const events = await turn(engine, 'Generate a 10-second video about waves [talk]', media);
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'unsupported_file',
        message: expect.stringMatching(
          /^"notes\.txt": That file type is not supported\. Accepted: mp4/,
        ),
      }),
    ]);
    expect(events.some((e) => e.type === 'text')).toBe(true);
    expect(fake.uploads.map((u) => u.name)).toEqual(['big.mp4']);
  });

  it('4002 from the upstream says to compress or trim', async () => {
    const fake = createFakeUpstream({ operatorTokens: [TOKEN] });
    const sessionId = crypto.randomUUID();
    const engine = setup(fake, sessionId);
    fake.failNext('upload', 4002);
    const events = await turn(engine, 'Generate a 10-second video about waves [talk]', [
      await stored(sessionId, 'm1', 'long.mp4', 100),
    ]);
    expect(events.find((e) => e.type === 'error')).toMatchObject({
      code: 'file_too_large',
      message: expect.stringMatching(/larger than 500 MB\. Compress it or trim it/),
    });
  });
});
