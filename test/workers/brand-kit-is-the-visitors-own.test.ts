/**
 * Issue 13 item 5 (brand kit): `GET`/`PUT /api/brand-kit` keep one kit per visitor in their
 * account. Hostile or malformed values are refused with a status, a code and a plain message,
 * and nothing is stored: a bad hex colour, too many colours, a font the app does not bundle,
 * another visitor's upload as the logo, an upload that is not a picture, a foreign origin, a
 * body that is not JSON. The owner's own photo is accepted and read back; another visitor
 * never sees it.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_BRAND_KIT, brandKitSchema } from '../../shared/brand-kit-schema';
import type { BrandKit } from '../../shared/brand-kit-schema';
import { JPEG_HEAD, PHOTO_INFO } from './photo-upload-fixture';
import { Visitor, readError } from './visitor-client';

const MP4_HEAD = [0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')];

async function kitOf(visitor: Visitor): Promise<BrandKit> {
  const response = await visitor.fetch('/api/brand-kit');
  expect(response.status).toBe(200);
  return brandKitSchema.parse(await response.json());
}

async function expectRefused(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  const error = await readError(response);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
}

const KIT: BrandKit = {
  colors: ['#0a84ff', '#ff375f'],
  font: 'Inter',
  logo: null,
  logoCorner: 'bottom-right',
};

describe('brand kit', () => {
  it('is empty at first, then what the visitor saved, with their own photo as the logo', async () => {
    const visitor = new Visitor();
    expect(await kitOf(visitor)).toEqual(EMPTY_BRAND_KIT);
    const session = await visitor.createSession();
    const photo = await visitor.upload(session.id, 'logo.jpg', JPEG_HEAD, PHOTO_INFO);
    const kit = { ...KIT, colors: ['#0A84FF'], logo: { sessionId: session.id, mediaId: photo } };
    const saved = await visitor.saveBrandKit(kit);
    expect(saved.status).toBe(200);
    expect(await kitOf(visitor)).toEqual({ ...kit, colors: ['#0a84ff'] });
    expect(await kitOf(new Visitor())).toEqual(EMPTY_BRAND_KIT);
  });

  it('refuses bad colours, too many colours and an unknown font, and keeps the kit it had', async () => {
    const visitor = new Visitor();
    expect((await visitor.saveBrandKit(KIT)).status).toBe(200);
    await expectRefused(
      await visitor.saveBrandKit({ ...KIT, colors: ['#0a84fg'] }),
      400,
      'invalid_body',
    );
    await expectRefused(
      await visitor.saveBrandKit({ ...KIT, colors: ['red'] }),
      400,
      'invalid_body',
    );
    await expectRefused(
      await visitor.saveBrandKit({ ...KIT, colors: ['#000000', '#111111', '#222222', '#333333'] }),
      400,
      'invalid_body',
    );
    await expectRefused(
      await visitor.saveBrandKit({ ...KIT, font: 'Comic Sans MS' }),
      400,
      'invalid_body',
    );
    await expectRefused(await visitor.saveBrandKit({ ...KIT, extra: 'x' }), 400, 'invalid_body');
    expect(await kitOf(visitor)).toEqual(KIT);
  });

  it("refuses another visitor's upload, a made-up one and a clip as the logo", async () => {
    const owner = new Visitor();
    const session = await owner.createSession();
    const photo = await owner.upload(session.id, 'logo.jpg', JPEG_HEAD, PHOTO_INFO);
    const clip = await owner.upload(session.id, 'clip.mp4', MP4_HEAD, null);
    const stranger = new Visitor();
    await expectRefused(
      await stranger.saveBrandKit({ ...KIT, logo: { sessionId: session.id, mediaId: photo } }),
      404,
      'not_found',
    );
    expect(await kitOf(stranger)).toEqual(EMPTY_BRAND_KIT);
    await expectRefused(
      await owner.saveBrandKit({
        ...KIT,
        logo: { sessionId: session.id, mediaId: crypto.randomUUID() },
      }),
      404,
      'not_found',
    );
    await expectRefused(
      await owner.saveBrandKit({ ...KIT, logo: { sessionId: session.id, mediaId: clip } }),
      400,
      'invalid_body',
    );
    await expectRefused(
      await owner.saveBrandKit({ ...KIT, logo: { sessionId: 'not-a-uuid', mediaId: photo } }),
      400,
      'invalid_body',
    );
    expect(await kitOf(owner)).toEqual(EMPTY_BRAND_KIT);
  });

  it('refuses a write from another site and a body that is not JSON', async () => {
    const visitor = new Visitor();
    await visitor.fetch('/api/brand-kit');
    await expectRefused(
      await visitor.saveBrandKit(KIT, { Origin: 'https://attacker.example' }),
      403,
      'forbidden_origin',
    );
    await expectRefused(
      await visitor.fetch('/api/brand-kit', {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify(KIT),
      }),
      415,
      'unsupported_media_type',
    );
    expect(await kitOf(visitor)).toEqual(EMPTY_BRAND_KIT);
  });
});
