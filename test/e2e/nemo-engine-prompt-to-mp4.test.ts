/**
 * The product end to end with ENGINE=nemo, pointed at the fake upstream served by node
 * (`test/fake-upstream/serve-fake-upstream.ts`): in the real SPA a visitor chats (the reply
 * streams, the timeline shows the decoded short-key draft), an edit that the upstream answers
 * with no text is explained from the draft diff, Export renders upstream with the render job
 * polling by alarm, the page following its progress over the render's event stream (not
 * polling the job every second), and the downloaded MP4 is the file the upstream rendered
 * (copied into R2). Run twice: against the fake as the hosted API, and in its `stock-adk` mode
 * (a stock `adk api_server`: `user_id` required, partials only when asked for, progressive SSE,
 * silence while a tool runs, `errorCode: "STOP"` on a no-text edit).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAndDownload, sendChatMessage } from '../../scripts/lib/drive-app';
import { startApp } from '../../scripts/lib/start-app';
import type { RunningApp } from '../../scripts/lib/start-app';
import { serveFakeUpstream } from '../fake-upstream/serve-fake-upstream';
import type { FakeUpstreamMode } from '../fake-upstream/fake-upstream';
import { probeMedia } from './support/ffprobe';
import { useAppPage } from './support/app-page';

/**
 * Gap between the edge's polls of the upstream render, ms: 3 polls make the render last ~4.5 s,
 * long enough that a page polling every second would read the job 4 times or more.
 */
const UPSTREAM_POLL_MS = 1_500;

/** The file the fake upstream serves as the finished render of the 12-second draft. */
const RENDERED = path.join(__dirname, '..', 'fixtures', 'render-12s.mp4');

const MODES: FakeUpstreamMode[] = ['hosted', 'stock-adk'];

/**
 * Stock mode: the idle limit is cut to 1.5 s and the first turn's tool runs 3 s in silence, so
 * the turn only succeeds because a running tool suspends the idle limit.
 */
const STOCK_IDLE_TIMEOUT_MS = 1_500;
const STOCK_TOOL = ' [tool-ms:3000]';

describe.each(MODES)('ENGINE=nemo against the fake upstream (%s), in the browser', (mode) => {
  let upstream: Awaited<ReturnType<typeof serveFakeUpstream>>;
  let app: RunningApp;
  beforeAll(async () => {
    upstream = await serveFakeUpstream(0, mode);
    app = await startApp({
      vars: {
        ENGINE: 'nemo',
        NEMO_API_BASE: upstream.url,
        NEMO_RENDER_POLL_MS: String(UPSTREAM_POLL_MS),
        NEMO_RATE_LIMIT_WAIT_MS: '1000',
        ...(mode === 'stock-adk'
          ? {
              NEMO_STREAM_IDLE_TIMEOUT_MS: String(STOCK_IDLE_TIMEOUT_MS),
              NEMO_STILL_WORKING_MS: '500',
            }
          : {}),
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  const tab = useAppPage(`reelwright-e2e-nemo-${mode}-`, () => app.url);

  it('chat → timeline → silent edit explained → export polled by alarm, progress pushed → download', async () => {
    const reply = await sendChatMessage(
      tab.page,
      `Generate a 12-second video about "Urban Dreams" [talk]${mode === 'stock-adk' ? STOCK_TOOL : ''}`,
    );
    expect(reply).toMatch(/12-second draft with three scenes/);
    await expect.poll(async () => tab.page.getByText('Urban Dreams').count()).toBeGreaterThan(0);

    const silent = await sendChatMessage(tab.page, 'music 20% [silent]');
    expect(silent).toMatch(/Music volume 35% → 20%/);

    const out = path.join(tab.workDir, 'nemo.mp4');
    let jobReads = 0;
    let eventStreams = 0;
    tab.page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() !== 'GET') return;
      if (/^\/api\/renders\/[^/]+$/.test(pathname)) jobReads += 1;
      if (/^\/api\/renders\/[^/]+\/events$/.test(pathname)) eventStreams += 1;
    });
    const percents: number[] = [];
    const { exportWallMs } = await exportAndDownload(tab.page, out, ({ percent }) =>
      percents.push(percent),
    );
    // Progress came over the event stream: the job was read once, when the stream ended, not every second.
    expect(eventStreams).toBeGreaterThanOrEqual(1);
    expect(jobReads).toBeLessThanOrEqual(1);
    expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(exportWallMs).toBeLessThan(60_000);
    expect(readFileSync(out).equals(readFileSync(RENDERED))).toBe(true);
    const probe = await probeMedia(out);
    expect(probe.streams.some((stream) => stream.codec_type === 'video')).toBe(true);
    // The fake saw the export request and several polls.
    const renders = [...upstream.fake.renders.values()];
    expect(renders).toHaveLength(1);
    expect(renders[0]?.polls).toBeGreaterThanOrEqual(3);
  });
});
