import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadFile } from './resumable-upload';

const MEDIA_ID = '00000000-0000-4000-8000-000000000001';
const SESSION_ID = '00000000-0000-4000-8000-000000000002';

/** An XHR whose every send fails as a dropped connection. */
class DroppingXhr {
  static sent = 0;
  withCredentials = false;
  upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  open(): void {
    // Nothing to do: the request is only sent (and dropped) by `send`.
  }
  abort(): void {
    this.onabort?.();
  }
  send(): void {
    DroppingXhr.sent += 1;
    setTimeout(() => this.onerror?.(), 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uploadFile', () => {
  it('rejects (does not hang) when Cancel is pressed while it waits to retry a part', async () => {
    const media = {
      id: MEDIA_ID,
      sessionId: SESSION_ID,
      name: 'clip.mp4',
      sizeBytes: 4,
      partSizeBytes: 8 * 1024 * 1024,
      partCount: 1,
      status: 'uploading',
      format: null,
      kind: null,
      info: null,
      thumbnail: null,
      createdAtMs: 1,
    };
    vi.stubGlobal('XMLHttpRequest', DroppingXhr);
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ media, uploadedParts: [] }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const controller = new AbortController();
    const upload = uploadFile(
      SESSION_ID,
      new File([new Uint8Array([1, 2, 3, 4])], 'clip.mp4'),
      controller.signal,
      () => undefined,
    );
    // The first part send drops; the upload now waits 1 s before its retry. Cancel meanwhile.
    await vi.waitFor(() => expect(DroppingXhr.sent).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const outcome = await Promise.race([
      upload.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 500)),
    ]);
    expect(outcome).toMatchObject({ name: 'AbortError' });
  });
});
