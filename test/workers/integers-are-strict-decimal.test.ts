/**
 * Every integer a route reads from a path, a query or a header is plain decimal digits:
 * `0x1`, `1e0`, `+1`, ` 1`, `1.0`, `01`, `-0` and a number too big are refused with 400 and a
 * clear code, never read as another number (part numbers of uploads, chunk numbers of renders,
 * `Last-Event-ID` / `?after=` of the events stream, `?expires=` of a download link).
 */
import { describe, expect, it } from 'vitest';
import { uploadStatusSchema } from '../../shared/media-schema';
import { checkDownloadLink, signDownloadUrl } from '../../functions/signing/download-link';
import { Visitor, readError } from './visitor-client';

/** Spellings of 1 (or 0) that Number(), parseInt() or z.coerce accept; the last is past any safe integer. */
const HOSTILE_ONES = [
  '0x1',
  '1e0',
  '+1',
  '%201',
  '1.0',
  '01',
  '0b1',
  '1%20',
  '99999999999999999999',
];
/** Spellings of 0 that Number() accepts. */
const HOSTILE_ZEROS = ['0x0', '0e0', '-0', '+0', '00', '0.0', '%200'];

/** A 64-byte file that sniffs as a PNG (its signature, then zeros). */
function pngBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  return bytes;
}

/** The answer's status and error code; a stream answered by mistake is closed. */
async function outcome(response: Response): Promise<{ status: number; code: string | null }> {
  if (response.status !== 400) {
    await response.body?.cancel();
    return { status: response.status, code: null };
  }
  return { status: 400, code: (await readError(response)).code };
}

describe('integers in paths, queries and headers', () => {
  it('an upload part number spelled any other way than plain digits is 400 invalid_part', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const created = await visitor.post(`/api/sessions/${session.id}/media`, {
      name: 'dot.png',
      sizeBytes: 64,
    });
    const { media } = uploadStatusSchema.parse(await created.json());
    for (const part of [...HOSTILE_ONES, '-0']) {
      const response = await visitor.fetch(
        `/api/sessions/${session.id}/media/${media.id}/parts/${part}`,
        { method: 'PUT', body: pngBytes() },
      );
      expect({ part, ...(await outcome(response)) }).toEqual({
        part,
        status: 400,
        code: 'invalid_part',
      });
    }
    const plain = await visitor.fetch(`/api/sessions/${session.id}/media/${media.id}/parts/1`, {
      method: 'PUT',
      body: pngBytes(),
    });
    expect(plain.status).toBe(200);
  });

  it('a render chunk number spelled any other way than plain digits is 400 invalid_chunk naming the rule', async () => {
    const visitor = new Visitor();
    const job = await visitor.startExport((await visitor.sessionWithDraft()).id);
    for (const index of [...HOSTILE_ZEROS, ...HOSTILE_ONES]) {
      const put = await visitor.fetch(`/api/renders/${job.id}/chunks/${index}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: new TextEncoder().encode('chunk bytes'),
      });
      expect(put.status, index).toBe(400);
      const error = await readError(put);
      expect(error.code, index).toBe('invalid_chunk');
      expect(error.message, index).toMatch(/chunk number .* plain decimal digits/);
      const get = await visitor.fetch(`/api/renders/${job.id}/chunks/${index}`);
      expect({ index, ...(await outcome(get)) }).toEqual({
        index,
        status: 400,
        code: 'invalid_chunk',
      });
    }
  });

  it('Last-Event-ID and ?after= spelled any other way than plain digits are 400 invalid_query', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    await visitor.chat(session.id, 'Generate a 20-second explainer video about tide pools');
    // Header values lose surrounding spaces in transit, so those forms are sent in the query only.
    for (const seq of [...HOSTILE_ZEROS, ...HOSTILE_ONES]) {
      const viaQuery = await visitor.fetch(`/api/sessions/${session.id}/events?after=${seq}`);
      expect({ seq, ...(await outcome(viaQuery)) }).toEqual({
        seq,
        status: 400,
        code: 'invalid_query',
      });
      if (seq.includes('%')) continue;
      const viaHeader = await visitor.fetch(`/api/sessions/${session.id}/events`, {
        headers: { 'Last-Event-ID': seq },
      });
      expect({ seq, header: true, ...(await outcome(viaHeader)) }).toEqual({
        seq,
        header: true,
        status: 400,
        code: 'invalid_query',
      });
    }
    const plain = await visitor.fetch(`/api/sessions/${session.id}/events`, {
      headers: { 'Last-Event-ID': '1' },
    });
    expect(plain.status).toBe(200);
    await plain.body?.cancel();
  });

  it('a download link whose ?expires= is not plain digits is 400 invalid_query; a re-spelled expiry does not verify', async () => {
    const visitor = new Visitor();
    const renderId = crypto.randomUUID();
    for (const expires of ['0x1', '1e12', '+1', '1.0', '%201', '-0', '99999999999999999999']) {
      const response = await visitor.fetch(
        `/api/renders/${renderId}/file?expires=${expires}&sig=AAAA`,
      );
      expect({ expires, ...(await outcome(response)) }).toEqual({
        expires,
        status: 400,
        code: 'invalid_query',
      });
    }
    const secret = 'a-test-secret-of-some-length';
    const nowMs = 1_800_000_000_000;
    const query = new URL(await signDownloadUrl(renderId, secret, nowMs), 'https://x.test')
      .searchParams;
    const expires = query.get('expires') ?? '';
    const sig = query.get('sig') ?? '';
    expect(await checkDownloadLink(renderId, expires, sig, secret, nowMs)).toBe('valid');
    expect(await checkDownloadLink(renderId, `0${expires}`, sig, secret, nowMs)).toBe('invalid');
  });
});
