/**
 * The final MP4 upload of a browser render proves it is alive: while bytes stream through the
 * Worker into R2 it records progress on the `RenderJob`. An upload cut off mid-body (tab closed,
 * network gone) leaves the job `uploading`, but once it was quiet for UPLOAD_QUIET_TIMEOUT_MS
 * a reopened page's upload takes over (and the heartbeat alarm marks the job `interrupted`);
 * the cut-off upload, should its bytes come back, never overwrites that file. A live upload
 * that keeps recording progress is not taken over. The clock is driven by moving the job's
 * last sign of life back, as the other render-job tests do.
 */
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderJobInfo } from '../../shared/api-schema';
import { UPLOAD_QUIET_TIMEOUT_MS } from '../../functions/durable/render-job';
import { UPLOAD_PROGRESS_EVERY_BYTES } from '../../functions/media/upload-to-r2';
import { Visitor, readError, DEFAULT_DRAFT_MS, renderMp4 } from './visitor-client';

/** How long a test waits for the Worker to reach a state, ms (it takes a few ms here). */
const WAIT_LIMIT_MS = 5_000;

/** An upload whose body the test feeds piece by piece; `response` settles when the Worker answers. */
interface FedUpload {
  response: Promise<Response>;
  feed(bytes: Uint8Array): void;
  end(): void;
}

function startUpload(visitor: Visitor, renderId: string, lengthBytes: number): FedUpload {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  const response = visitor.fetch(`/api/renders/${renderId}/file`, {
    method: 'PUT',
    headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(lengthBytes) },
    body,
    duplex: 'half',
  } as RequestInit);
  const stream = (): ReadableStreamDefaultController<Uint8Array> => {
    if (controller === null) throw new Error('upload stream not started');
    return controller;
  };
  return { response, feed: (bytes) => stream().enqueue(bytes), end: () => stream().close() };
}

function putWhole(
  visitor: Visitor,
  renderId: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Response> {
  return visitor.fetch(`/api/renders/${renderId}/file`, {
    method: 'PUT',
    headers: { 'Content-Type': 'video/mp4' },
    body: bytes,
  });
}

async function job(visitor: Visitor, renderId: string): Promise<RenderJobInfo> {
  return renderJobInfoSchema.parse(await (await visitor.fetch(`/api/renders/${renderId}`)).json());
}

function stubOf(renderId: string): DurableObjectStub {
  return env.RENDER_JOB.get(env.RENDER_JOB.idFromName(renderId));
}

/** The job's last sign of life, unix ms, read in the object. */
function lastSignOfLifeMs(renderId: string): Promise<number> {
  return runInDurableObject(stubOf(renderId), (_instance, state) =>
    Number(state.storage.sql.exec('SELECT updated_at_ms FROM job').one().updated_at_ms),
  );
}

/** Moves the job's last sign of life `agoMs` into the past (as if that much time went by). */
async function quietFor(renderId: string, agoMs: number): Promise<number> {
  const at = Date.now() - agoMs;
  await runInDurableObject(stubOf(renderId), (_instance, state) => {
    state.storage.sql.exec('UPDATE job SET updated_at_ms = ?', at);
  });
  return at;
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A browser render job whose page is uploading `lengthBytes` and has sent only the first `sentBytes` of `bytes`. */
async function uploadCutAfter(
  bytes: Uint8Array,
  sentBytes: number,
): Promise<{ visitor: Visitor; renderId: string; upload: FedUpload }> {
  const visitor = new Visitor();
  const renderId = (await visitor.startExport((await visitor.sessionWithDraft()).id)).id;
  const upload = startUpload(visitor, renderId, bytes.byteLength);
  upload.feed(bytes.slice(0, sentBytes));
  await waitUntil(
    'the job is uploading',
    async () => (await job(visitor, renderId)).status === 'uploading',
  );
  return { visitor, renderId, upload };
}

async function storedBytes(renderId: string): Promise<Uint8Array> {
  const object = await env.MEDIA.get(`renders/${renderId}.mp4`);
  return object === null ? new Uint8Array() : new Uint8Array(await object.arrayBuffer());
}

describe('a cut final upload', () => {
  it('is refused while fresh, then taken over once quiet for the short timeout; its late bytes never overwrite the file', async () => {
    const cutFile = renderMp4(DEFAULT_DRAFT_MS, 2_000);
    const { visitor, renderId, upload } = await uploadCutAfter(cutFile, 1_000);
    const reopened = renderMp4(DEFAULT_DRAFT_MS, 3_000);

    const early = await putWhole(visitor, renderId, reopened);
    expect(early.status).toBe(409);
    expect((await readError(early)).code).toBe('upload_in_progress');
    expect((await job(visitor, renderId)).status).toBe('uploading');

    await quietFor(renderId, UPLOAD_QUIET_TIMEOUT_MS + 1);
    const takeover = await putWhole(visitor, renderId, reopened);
    expect(takeover.status).toBe(200);
    expect(renderJobInfoSchema.parse(await takeover.json())).toMatchObject({
      status: 'completed',
      sizeBytes: reopened.byteLength,
    });

    // The cut upload's connection comes back with the rest of its bytes: it stops before R2 keeps them.
    upload.feed(cutFile.slice(1_000));
    upload.end();
    const late = await upload.response;
    expect(late.status).toBe(409);
    expect((await readError(late)).code).toBe('render_finished');
    expect(await storedBytes(renderId)).toEqual(reopened);
    expect((await job(visitor, renderId)).status).toBe('completed');
  });

  it('is marked interrupted by the heartbeat alarm, and a reopened page uploads again', async () => {
    const cutFile = renderMp4(DEFAULT_DRAFT_MS, 2_000);
    const { visitor, renderId, upload } = await uploadCutAfter(cutFile, 1_000);
    const stub = stubOf(renderId);

    // Still within the timeout, the alarm leaves it uploading (and checks again later).
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await job(visitor, renderId)).status).toBe('uploading');

    await quietFor(renderId, UPLOAD_QUIET_TIMEOUT_MS + 1);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await job(visitor, renderId)).status).toBe('interrupted');

    const reopened = renderMp4(DEFAULT_DRAFT_MS, 3_000);
    const again = await putWhole(visitor, renderId, reopened);
    expect(again.status).toBe(200);
    expect(renderJobInfoSchema.parse(await again.json()).status).toBe('completed');

    upload.feed(cutFile.slice(1_000));
    upload.end();
    expect((await upload.response).status).toBe(409);
    expect(await storedBytes(renderId)).toEqual(reopened);
  });
});

describe('an upload whose body ends early', () => {
  it('is 400 upload_incomplete, stores nothing, and the page may upload again at once', async () => {
    const file = renderMp4(DEFAULT_DRAFT_MS, 2_000);
    const { visitor, renderId, upload } = await uploadCutAfter(file, 1_000);
    upload.end();
    const short = await upload.response;
    expect(short.status).toBe(400);
    expect((await readError(short)).code).toBe('upload_incomplete');
    expect(await storedBytes(renderId)).toEqual(new Uint8Array());
    expect((await job(visitor, renderId)).status).toBe('rendering');
    expect((await putWhole(visitor, renderId, file)).status).toBe(200);
  });
});

describe('a live slow upload', () => {
  it('records its progress while bytes flow, so it is neither taken over nor marked interrupted, and finishes', async () => {
    const file = renderMp4(DEFAULT_DRAFT_MS, UPLOAD_PROGRESS_EVERY_BYTES + 2_000);
    const { visitor, renderId, upload } = await uploadCutAfter(file, 1_000);
    // It started long ago (longer than the quiet timeout): what counts is its last progress.
    const longAgo = await quietFor(renderId, UPLOAD_QUIET_TIMEOUT_MS + 1);

    upload.feed(file.slice(1_000, 1_000 + UPLOAD_PROGRESS_EVERY_BYTES));
    await waitUntil(
      'the upload recorded progress',
      async () => (await lastSignOfLifeMs(renderId)) > longAgo,
    );

    const other = await putWhole(visitor, renderId, renderMp4(DEFAULT_DRAFT_MS, 3_000));
    expect(other.status).toBe(409);
    expect((await readError(other)).code).toBe('upload_in_progress');
    expect(await runDurableObjectAlarm(stubOf(renderId))).toBe(true);
    expect((await job(visitor, renderId)).status).toBe('uploading');

    upload.feed(file.slice(1_000 + UPLOAD_PROGRESS_EVERY_BYTES));
    upload.end();
    const done = await upload.response;
    expect(done.status).toBe(200);
    expect(renderJobInfoSchema.parse(await done.json())).toMatchObject({
      status: 'completed',
      sizeBytes: file.byteLength,
    });
    const stored = await storedBytes(renderId);
    expect(stored.byteLength).toBe(file.byteLength);
    expect(stored.slice(-64)).toEqual(file.slice(-64));
  });
});
