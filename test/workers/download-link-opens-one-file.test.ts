/**
 * A render's download link is a capability for that one file (functions/signing/download-link.ts):
 * anyone holding a valid, unexpired link downloads it (no cookie, Range works); a link for another
 * render, with one character changed, or past its 24 h is refused with 403 and a plain message;
 * without a signature the route still checks the owner.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../shared/api-schema';
import {
  DOWNLOAD_LINK_TTL_MS,
  checkDownloadLink,
  signDownloadUrl,
} from '../../functions/signing/download-link';
import { signFor } from '../../functions/signing/purpose-signature';
import {
  ORIGIN,
  Visitor,
  downloadLinkPattern,
  readError,
  DEFAULT_DRAFT_MS,
  renderMp4,
} from './visitor-client';

const SECRET = 'test-secret';
const RENDER_ID = '0b7c6f7e-3f7e-4c1e-9a52-7f4f8d1c2b3a';
const OTHER_ID = '5d2f4a61-8e0b-4c55-b1d3-2a9e6c7f8b90';
const NOW_MS = 1_750_000_000_000;

/** The `expires` and `sig` of a signed link. */
function parts(link: string): { expires: string; sig: string } {
  const query = new URL(link, ORIGIN).searchParams;
  return { expires: query.get('expires') ?? '', sig: query.get('sig') ?? '' };
}

/** `text` with the character at `index` swapped for another of the base64url alphabet. */
function changeAt(text: string, index: number): string {
  const swapped = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${swapped}${text.slice(index + 1)}`;
}

/** Calls the Worker like a stranger with no cookie nor token. */
function fetchPlain(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

describe('signing and checking a download link', () => {
  it('is valid for its render until it expires 24 h later, then expired', async () => {
    const link = await signDownloadUrl(RENDER_ID, SECRET, NOW_MS);
    expect(link).toMatch(downloadLinkPattern(RENDER_ID));
    const { expires, sig } = parts(link);
    expect(Number(expires)).toBe(NOW_MS + DOWNLOAD_LINK_TTL_MS);
    expect(DOWNLOAD_LINK_TTL_MS).toBe(24 * 60 * 60_000);
    expect(await checkDownloadLink(RENDER_ID, expires, sig, SECRET, NOW_MS)).toBe('valid');
    expect(
      await checkDownloadLink(RENDER_ID, expires, sig, SECRET, NOW_MS + DOWNLOAD_LINK_TTL_MS),
    ).toBe('valid');
    expect(
      await checkDownloadLink(RENDER_ID, expires, sig, SECRET, NOW_MS + DOWNLOAD_LINK_TTL_MS + 1),
    ).toBe('expired');
  });

  it('refuses a signature of the same text made for another purpose (a visitor cookie, a widget token)', async () => {
    const { expires, sig } = parts(await signDownloadUrl(RENDER_ID, SECRET, NOW_MS));
    for (const purpose of ['visitor-cookie', 'widget-token'] as const) {
      const other = await signFor(purpose, `${RENDER_ID}:${expires}`, SECRET);
      expect(other).not.toBe(sig);
      expect(await checkDownloadLink(RENDER_ID, expires, other, SECRET, NOW_MS)).toBe('invalid');
    }
  });

  it('refuses another render, another secret, a moved expiry, any changed signature character and malformed parts', async () => {
    const { expires, sig } = parts(await signDownloadUrl(RENDER_ID, SECRET, NOW_MS));
    expect(await checkDownloadLink(OTHER_ID, expires, sig, SECRET, NOW_MS)).toBe('invalid');
    expect(await checkDownloadLink(RENDER_ID, expires, sig, 'another-secret', NOW_MS)).toBe(
      'invalid',
    );
    expect(
      await checkDownloadLink(RENDER_ID, String(Number(expires) + 1), sig, SECRET, NOW_MS),
    ).toBe('invalid');
    // Every position, the last one too (its low bits carry no data in base64: the spelling must be exact).
    for (let index = 0; index < sig.length; index++) {
      expect(
        await checkDownloadLink(RENDER_ID, expires, changeAt(sig, index), SECRET, NOW_MS),
      ).toBe('invalid');
    }
    for (const [badExpires, badSig] of [
      [undefined, sig],
      [expires, undefined],
      ['', sig],
      ['12e12', sig],
      [expires, `${sig}=`],
      [expires, '!!not base64!!'],
      [expires, ''],
    ] as const) {
      expect(await checkDownloadLink(RENDER_ID, badExpires, badSig, SECRET, NOW_MS)).toBe(
        'invalid',
      );
    }
  });
});

describe('GET /api/renders/:id/file with a signed link', () => {
  async function completedRender(
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<{ owner: Visitor; renderId: string; link: string }> {
    const owner = new Visitor();
    const job = await owner.startExport((await owner.sessionWithDraft()).id);
    const put = await owner.fetch(`/api/renders/${job.id}/file`, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: bytes,
    });
    expect(put.status).toBe(200);
    const link = renderJobInfoSchema.parse(await put.json()).downloadUrl;
    if (link === null) throw new Error('no download link on a completed render');
    return { owner, renderId: job.id, link };
  }

  it('serves the file to anyone holding the link, whole and by Range, and every read of the job signs a fresh one', async () => {
    const bytes = renderMp4(DEFAULT_DRAFT_MS, 500);
    const { owner, renderId, link } = await completedRender(bytes);
    const whole = await fetchPlain(link);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Content-Disposition')).toMatch(/^attachment; /);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
    const part = await fetchPlain(link, { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 20));

    const read = renderJobInfoSchema.parse(
      await (await owner.fetch(`/api/renders/${renderId}`)).json(),
    );
    expect(read.downloadUrl).toMatch(downloadLinkPattern(renderId));
    expect((await fetchPlain(read.downloadUrl ?? '')).status).toBe(200);
  });

  it('refuses a link for another render, a changed one and an expired one with 403 and a plain message', async () => {
    const first = await completedRender(renderMp4(DEFAULT_DRAFT_MS));
    const second = await completedRender(renderMp4(DEFAULT_DRAFT_MS, 80));
    const { expires, sig } = parts(first.link);

    const crossed = await fetchPlain(
      `/api/renders/${second.renderId}/file?expires=${expires}&sig=${sig}`,
    );
    expect(crossed.status).toBe(403);
    expect(await readError(crossed)).toMatchObject({ code: 'download_link_invalid' });
    // Not even its owner's cookie helps a bad link: the link decides alone.
    const changed = await second.owner.fetch(
      `/api/renders/${second.renderId}/file?expires=${expires}&sig=${changeAt(sig, 5)}`,
    );
    expect(changed.status).toBe(403);
    expect((await readError(changed)).code).toBe('download_link_invalid');

    const old = parts(
      await signDownloadUrl(
        first.renderId,
        env.VISITOR_SECRET,
        Date.now() - DOWNLOAD_LINK_TTL_MS - 1,
      ),
    );
    const expired = await fetchPlain(
      `/api/renders/${first.renderId}/file?expires=${old.expires}&sig=${old.sig}`,
    );
    expect(expired.status).toBe(403);
    expect(await readError(expired)).toEqual({
      code: 'download_link_expired',
      message:
        'This download link has expired; open the video in Reelwright again for a fresh one.',
    });
  });

  it('without a signature only the owner downloads; a link to an unfinished render says it is not ready', async () => {
    const { owner, renderId } = await completedRender(renderMp4(DEFAULT_DRAFT_MS));
    expect((await owner.fetch(`/api/renders/${renderId}/file`)).status).toBe(200);
    expect((await fetchPlain(`/api/renders/${renderId}/file`)).status).toBe(404);

    const pending = await owner.startExport((await owner.sessionWithDraft()).id);
    const early = parts(await signDownloadUrl(pending.id, env.VISITOR_SECRET, Date.now()));
    const notReady = await fetchPlain(
      `/api/renders/${pending.id}/file?expires=${early.expires}&sig=${early.sig}`,
    );
    expect(notReady.status).toBe(409);
    expect((await readError(notReady)).code).toBe('render_not_ready');
  });
});
