/**
 * Stored uploads are served as what they are and never as a page of this origin (issue 10,
 * item 5): their sniffed `Content-Type`, `X-Content-Type-Options: nosniff`, and
 * `Content-Disposition: attachment` under a safe name with the real format's extension, also
 * for a Range request.
 */
import { parse as parseDisposition } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { Visitor } from './visitor-client';

/** An `ftyp` box head (an MP4 to the sniffer) followed, in the 64-byte upload, by zero bytes. */
const MP4_HEAD = [0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')];
/** PNG signature. */
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('a stored upload', () => {
  it('is served with its real type, nosniff and as an attachment named after it', async () => {
    const visitor = new Visitor();
    const session = await visitor.createSession();
    const cases = [
      {
        name: 'Beach Day <script>.MP4',
        head: MP4_HEAD,
        type: 'video/mp4',
        file: 'beach-day-script.mp4',
      },
      { name: 'page.html', head: PNG_HEAD, type: 'image/png', file: 'page.png' },
    ];
    for (const { name, head, type, file } of cases) {
      const mediaId = await visitor.upload(session.id, name, head, null);
      for (const range of [undefined, 'bytes=0-9']) {
        const response = await visitor.fetch(
          `/api/sessions/${session.id}/media/${mediaId}/file`,
          range === undefined ? {} : { headers: { Range: range } },
        );
        expect(response.status).toBe(range === undefined ? 200 : 206);
        expect(response.headers.get('Content-Type')).toBe(type);
        expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(parseDisposition(response.headers.get('Content-Disposition') ?? '')).toEqual({
          type: 'attachment',
          parameters: { filename: file },
        });
        await response.arrayBuffer();
      }
    }
  });
});
