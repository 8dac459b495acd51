/**
 * Issue 16 items 2 and 3: two `npm run render-worker` processes (each its own headless Chromium)
 * render jobs together. A script sends a 12-s draft (3 chunks of 4 s) to `POST /api/renders`
 * with an API key and a `callbackUrl`: both workers store chunks (their ids are in the chunk
 * records), one of them joins and uploads the MP4, which is one valid file (ffprobe: H.264, 12 s,
 * 360 frames, a keyframe at every chunk join), and the signed webhook arrives and verifies; a
 * Shotstack edit sent the same way renders too. Then a visitor's abandoned export (its tab sends
 * one progress report and goes quiet, so the job turns `interrupted` and goes to the fleet) is
 * finished although one worker is killed (SIGKILL, with its Chromium) mid-chunk: its lease
 * expires and the other worker takes the chunk.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderChunkStateSchema, renderJobInfoSchema } from '../../shared/api-schema';
import type { RenderChunkState, RenderJobInfo } from '../../shared/api-schema';
import { startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { sendChatMessage } from '../../scripts/lib/drive-app';
import { useAppPage } from './support/app-page';
import { expectDeliverable } from './support/expect-deliverable';
import { expectChunkJoins } from './support/expect-chunk-joins';
import { startRenderWorker } from '../../scripts/lib/render-worker-process';
import type { RenderWorkerProcess } from '../../scripts/lib/render-worker-process';
import {
  abandonedExport,
  pageJson,
  readJson,
  waitCompleted,
} from '../../scripts/lib/abandoned-export';
import { createdApiKeySchema } from '../../shared/render-api-schema';
import { currentSessionDraft, currentSessionMedia } from './support/session-reads';
import { signatureVerifies, startWebhookReceiver } from '../../scripts/lib/webhook-receiver';
import type { WebhookReceiver } from '../../scripts/lib/webhook-receiver';

const PROMPT = 'Generate a 12-second explainer video about solar panels for homeowners';
const FLEET_KEY = randomBytes(32).toString('base64url');
const DURATION_S = 12;
/** Workers start Chromium and load the page: seconds on a loaded 2-core machine. */
const READY_TIMEOUT_MS = 90_000;
/**
 * A job: 20 s until its quiet tab is `interrupted` (HEARTBEAT_TIMEOUT_MS), ~10–60 s to render
 * 3 chunks and join them on this loaded box, plus the 30-s lease expiry after a kill.
 */
const JOB_TIMEOUT_MS = 300_000;
/** A whole test: the workers' start, the visitor's chat turn and one job. */
const TEST_TIMEOUT_MS = READY_TIMEOUT_MS + JOB_TIMEOUT_MS + 60_000;

/** A Shotstack edit (docs/shotstack.md): one 4-s title, 1080p. */
const SHOTSTACK_EDIT = {
  timeline: {
    tracks: [{ clips: [{ asset: { type: 'title', text: 'Solar' }, start: 0, length: 4 }] }],
  },
  output: { format: 'mp4', resolution: '1080' },
};
/** A webhook is sent by the job's alarm right after it completes: seconds at most. */
const WEBHOOK_TIMEOUT_MS = 30_000;

let app: RunningApp;
/** The visitor's chat session (the render API opens a session of its own for each render). */
let chatSessionId = '';
let hooks: WebhookReceiver;
const workers: RenderWorkerProcess[] = [];
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  app = await startApp({
    vars: { RENDER_FLEET_KEY: FLEET_KEY, WEBHOOK_ALLOW_HTTP_LOCALHOST: '1' },
  });
});
afterAll(async () => {
  // What each worker did, for the test log (where the time went on a slow run).
  for (const [n, worker] of workers.entries())
    console.info(`worker ${n}:\n${worker.lines.join('\n')}`);
  await Promise.all(workers.map((worker) => worker.stop()));
  await app?.stop();
  await hooks?.close();
});

const view = useAppPage('reelwright-fleet-e2e-', () => app.url);

async function chunkState(page: Page, renderId: string): Promise<RenderChunkState> {
  return renderChunkStateSchema.parse(await readJson(page, `/api/renders/${renderId}/chunks`));
}

/** Waits for the job's MP4, or fails with what the workers printed. */
function completed(page: Page, renderId: string): Promise<RenderJobInfo> {
  return waitCompleted(
    page,
    renderId,
    JOB_TIMEOUT_MS,
    () => `workers printed:\n${workers.flatMap((w) => w.lines).join('\n')}`,
  );
}

/** Downloads the MP4 and checks it: the deliverable, 360 frames, a keyframe at every chunk join. */
async function expectOneValidMp4(info: RenderJobInfo, chunkFrames: number) {
  // The signed download link opens the file without the visitor's cookie.
  const download = await fetch(new URL(info.downloadUrl ?? '', app.url));
  expect(download.status).toBe(200);
  const bytes = new Uint8Array(await download.arrayBuffer());
  const file = path.join(view.workDir, `${info.id}.mp4`);
  writeFileSync(file, bytes);
  await expectDeliverable(file, 1920, 1080, DURATION_S);
  const totalFrames = DURATION_S * 30;
  await expectChunkJoins(file, {
    totalFrames,
    chunkFrames,
    chunkCount: Math.ceil(totalFrames / chunkFrames),
    durationS: DURATION_S,
  });
}

/** The worker id a worker printed when its page was ready. */
async function workerId(worker: RenderWorkerProcess): Promise<string> {
  const line = await worker.waitForLine(/worker [0-9a-f-]{36} ready/, READY_TIMEOUT_MS);
  return /worker ([0-9a-f-]{36}) ready/.exec(line)?.[1] ?? '';
}

describe('render workers', () => {
  it(
    'two workers render a draft and a Shotstack edit sent to POST /api/renders; each signed webhook verifies',
    async () => {
      const { page } = view;
      workers.push(startRenderWorker(app.url, FLEET_KEY), startRenderWorker(app.url, FLEET_KEY));
      const ids = await Promise.all(workers.map(workerId));
      await sendChatMessage(page, PROMPT);
      const draft = await currentSessionDraft(page);
      chatSessionId = (await currentSessionMedia(page)).sessionId;
      const { key, webhookSecret } = createdApiKeySchema.parse(
        await pageJson(page, '/api/api-keys', 'POST', { name: 'fleet e2e' }),
      );
      /** What a script does: the key as bearer, no cookie. */
      const postRender = async (body: object): Promise<RenderJobInfo> => {
        const response = await fetch(`${app.url}/api/renders`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...body, callbackUrl: hooks.url }),
        });
        expect(response.status, await response.clone().text()).toBe(201);
        return renderJobInfoSchema.parse(await response.json());
      };
      const expectSignedWebhook = async (renderId: string) => {
        const hook = await hooks.delivery(renderId, WEBHOOK_TIMEOUT_MS);
        expect(signatureVerifies(hook.body, hook.signature, webhookSecret)).toBe(true);
        expect(signatureVerifies(hook.body, hook.signature, `${webhookSecret}x`)).toBe(false);
        expect(JSON.parse(hook.body)).toMatchObject({ id: renderId, status: 'completed' });
      };

      const job = await postRender({ draft });
      expect(job.status).toBe('queued');
      const done = await completed(page, job.id);
      const state = await chunkState(page, job.id);
      expect(state.chunkCount).toBe(3);
      expect(new Set(state.chunks.map((c) => c.attempt))).toEqual(new Set(ids));
      await expectOneValidMp4(done, state.chunkFrames);
      await expectSignedWebhook(job.id);

      const edit = await postRender({ shotstack: SHOTSTACK_EDIT });
      const editDone = await completed(page, edit.id);
      const download = await fetch(new URL(editDone.downloadUrl ?? '', app.url));
      const file = path.join(view.workDir, `${edit.id}.mp4`);
      writeFileSync(file, new Uint8Array(await download.arrayBuffer()));
      await expectDeliverable(file, edit.draft.canvas.width, edit.draft.canvas.height, 4);
      await expectSignedWebhook(edit.id);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'finishes a job although one worker is killed mid-chunk',
    async () => {
      const { page } = view;
      const [first, second] = workers as [RenderWorkerProcess, RenderWorkerProcess];
      const survivorId = await workerId(second);
      const job = await abandonedExport(page, chatSessionId);
      // Kill whichever worker first leases a chunk of this job, while it renders it.
      const leased = new RegExp(`leased chunk (\\d+) of ${job.id}`);
      const victim = await Promise.any(
        [first, second].map(async (worker) => {
          await worker.waitForLine(leased, JOB_TIMEOUT_MS);
          return worker;
        }),
      );
      const killedChunk = Number(leased.exec(victim.lines.find((l) => leased.test(l)) ?? '')?.[1]);
      victim.kill();
      const survivor = victim === first ? second : first;
      const done = await completed(page, job.id);
      const state = await chunkState(page, job.id);
      expect(state.chunks).toHaveLength(3);
      // The killed worker's chunk was stored by the other worker.
      const survivorAttempt = survivor === second ? survivorId : await workerId(survivor);
      expect(state.chunks.find((c) => c.index === killedChunk)?.attempt).toBe(survivorAttempt);
      expect(
        survivor.lines.some((l) => l.includes(`stored chunk ${killedChunk} of ${job.id}`)),
      ).toBe(true);
      await expectOneValidMp4(done, state.chunkFrames);
    },
    TEST_TIMEOUT_MS,
  );
});
