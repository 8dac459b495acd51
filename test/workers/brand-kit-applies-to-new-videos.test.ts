/**
 * Issue 13 item 5 (brand kit, applied): in workerd, a visitor who saved a kit (colours, font,
 * their own photo as the logo) gets new videos in it — the session room hands their kit to the
 * engine — while another visitor's video is not branded; "use my brand colours …" in chat
 * recolours the video and saves the colours in the kit; "no logo" takes it off the video only.
 */
import { describe, expect, it } from 'vitest';
import { brandKitSchema } from '../../shared/brand-kit-schema';
import type { BrandKit } from '../../shared/brand-kit-schema';
import type { Draft } from '../../shared/draft-schema';
import { draftSchema } from '../../shared/draft-schema';
import { JPEG_HEAD, PHOTO_INFO } from './photo-upload-fixture';
import type { SseTranscript } from './visitor-client';
import { Visitor } from './visitor-client';

const PROMPT = 'Generate a 12-second video about our new budgeting app';

function lastDraft(transcript: SseTranscript): Draft {
  const drafts = transcript.events.flatMap((event) =>
    event.type === 'draft' ? [draftSchema.parse(event.draft)] : [],
  );
  const draft = drafts.at(-1);
  if (!draft) throw new Error(`no draft: ${JSON.stringify(transcript.events)}`);
  return draft;
}

async function kitOf(visitor: Visitor): Promise<BrandKit> {
  return brandKitSchema.parse(await (await visitor.fetch('/api/brand-kit')).json());
}

describe('brand kit applied to new videos', () => {
  it('brands the new video of a visitor with a kit, and only theirs', async () => {
    const visitor = new Visitor();
    const uploads = await visitor.createSession();
    const photo = await visitor.upload(uploads.id, 'logo.jpg', JPEG_HEAD, PHOTO_INFO);
    const kit: BrandKit = {
      colors: ['#0a84ff', '#ff375f'],
      font: 'Noto Sans SC',
      logo: { sessionId: uploads.id, mediaId: photo },
      logoCorner: 'top-right',
    };
    const saved = await visitor.saveBrandKit(kit);
    expect(saved.status).toBe(200);

    const session = await visitor.createSession();
    const draft = lastDraft(await visitor.chat(session.id, PROMPT));
    expect(draft.look.background[0]).toBe('#0a84ff');
    expect(draft.look.fontFamily.startsWith('"Noto Sans SC"')).toBe(true);
    expect(draft.logo).toEqual({ sessionId: uploads.id, mediaId: photo, corner: 'top-right' });

    const stranger = new Visitor();
    const theirs = lastDraft(await stranger.chat((await stranger.createSession()).id, PROMPT));
    expect(theirs.logo).toBeUndefined();
    expect(theirs.look.background[0]).not.toBe('#0a84ff');

    const bare = lastDraft(await visitor.chat(session.id, 'no logo'));
    expect(bare.logo).toBeUndefined();
    expect((await kitOf(visitor)).logo).toEqual(kit.logo);
  });

  it('"use my brand colours …" recolours the video and saves the colours in the kit', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    lastDraft(await visitor.chat(session.id, PROMPT));
    const transcript = await visitor.chat(session.id, 'use my brand colours #30d158 and #ffd60a');
    expect(lastDraft(transcript).look.background[0]).toBe('#30d158');
    const reply = transcript.events.find((event) => event.type === 'text');
    expect(reply?.type === 'text' && reply.text.length > 0).toBe(true);
    expect((await kitOf(visitor)).colors).toEqual(['#30d158', '#ffd60a']);
  });
});
