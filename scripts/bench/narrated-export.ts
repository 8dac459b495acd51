/**
 * @module narrated-export (bench)
 * Export of a narrated 30-s explainer vs the same video without its voiceover (issue 14; goal:
 * narrated ≤ 1.1× the plain one), in headless Chromium through the real app. Each video's first
 * export is its page's first, in a browser context of its own (empty caches), so neither pays
 * alone for what any first export costs (loading the renderer and its workers, the music loop). Each video is asked for in the chat and exported as soon as
 * its draft shows in the page (the timeline's summary line changes; Export works while the reply
 * is still typed), timed from that moment to the download link — not from Send, since a
 * narrated plan's reply is longer to type. The page starts saying a narration when its draft
 * arrives (web/app/models/narration-warmup.ts), so the first narrated export pays the speech
 * worker's start, the eSpeak download and compile and the synthesis within that time, as a visitor's
 * page would; the bench itself warms nothing. Order: the plain explainer (the same script planned
 * without voiceover) in one context, the narrated explainer (cold) in another, then narrated
 * again in that page (its speech now said; the plain plan asked in between, not exported). The
 * export alone (Export → link) is printed beside. Every step has a deadline and fails with its
 * name and the page's status line rather than hanging. Benchmarks measure; they never fail on a
 * figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { exportAndDownload, sendChatMessage } from '../lib/drive-app';
import { launchChromium } from '../lib/launch-chromium';
import { projectRoot } from '../lib/offline-env.mjs';
import { startApp } from '../lib/start-app';
import { withinDeadline } from '../lib/within-deadline';

const GOAL_RATIO = 1.1;
const SCRIPT_PATH = path.join(projectRoot, 'test', 'fixtures', 'explainer-script.txt');
/** A 30-s export takes ~25 s here under load; three minutes means it is stuck. */
const EXPORT_DEADLINE_MS = 180_000;
/** Chromium starts in ~1 s and closes in less; a minute means it is stuck. */
const BROWSER_DEADLINE_MS = 60_000;
/** wrangler stops in a few seconds (start-app.ts kills it after 5 s). */
const APP_STOP_DEADLINE_MS = 30_000;
/** Reading the page's status line for a failure report, ms. */
const STATUS_READ_MS = 2_000;

/** One timed video: draft shown → download link, and Export → download link, ms. */
interface Timed {
  totalMs: number;
  exportMs: number;
  load: number;
}

/** The timeline's summary line: it changes when a new draft arrives in the page. */
const SUMMARY_SELECTOR = '.timeline-summary';
/** How often the summary is checked for the new draft, ms: bounds the start time's error. */
const DRAFT_POLL_MS = 50;
/** A chat turn takes well under a second here; a minute means it is stuck. */
const DRAFT_DEADLINE_MS = 60_000;

/** The summary line shown now, or null before the first draft. */
function summaryLine(page: Page): Promise<string | null> {
  return page.evaluate(
    (selector) => document.querySelector(selector)?.textContent ?? null,
    SUMMARY_SELECTOR,
  );
}

/** What the page showed last, for a deadline's failure. */
async function statusLine(page: Page): Promise<string> {
  const status = await page
    .locator('[data-testid="render-status"]')
    .innerText({ timeout: STATUS_READ_MS })
    .catch(() => '');
  return status.trim() === '' ? 'no render status shown' : `the page showed "${status.trim()}"`;
}

export async function benchNarratedExport(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'reelwright-bench-narrated-'));
  const app = await startApp();
  try {
    const browser = await withinDeadline(
      'starting Chromium',
      BROWSER_DEADLINE_MS,
      launchChromium(),
    );
    try {
      const freshPage = async (): Promise<Page> => {
        const page = await browser.newPage({ acceptDownloads: true });
        await page.goto(app.url);
        return page;
      };
      const script = readFileSync(SCRIPT_PATH, 'utf8').trim();
      const video = async (page: Page, name: string, request: string): Promise<Timed> => {
        const shown = await summaryLine(page);
        const arrived = page
          .waitForFunction(
            ([selector, before]) => {
              const now = document.querySelector(selector)?.textContent ?? null;
              return now !== null && now !== before;
            },
            [SUMMARY_SELECTOR, shown] as const,
            { polling: DRAFT_POLL_MS, timeout: DRAFT_DEADLINE_MS },
          )
          .then(() => Date.now());
        arrived.catch(() => undefined); // awaited below, while the turn runs
        // Export is pressed as the draft shows, while the reply is still typed (a narrated
        // plan's reply is longer): the typing is not what is measured.
        const turn = sendChatMessage(page, request);
        turn.catch(() => undefined); // awaited below, after the export
        const draftAt = await arrived;
        const exportAt = Date.now();
        const { exportWallMs } = await withinDeadline(
          `the ${name} export`,
          EXPORT_DEADLINE_MS,
          exportAndDownload(page, path.join(workDir, `${name}.mp4`)),
          () => statusLine(page),
        );
        await turn;
        return {
          totalMs: exportAt - draftAt + exportWallMs,
          exportMs: exportWallMs,
          load: loadavg()[0] ?? 0,
        };
      };
      const narrated = `generate a 30-second explainer video with voiceover from this script: ${script}`;
      const plainRequest = `generate a 30-second explainer video from this script: ${script}`;
      const plain = await video(await freshPage(), 'plain', plainRequest);
      const narratedPage = await freshPage();
      const cold = await video(narratedPage, 'narrated-cold', narrated);
      // The plain plan in between (not exported), so the page shows a new draft when the
      // narrated one is asked for again (the same draft twice changes nothing on screen).
      await sendChatMessage(narratedPage, plainRequest);
      const warm = await video(narratedPage, 'narrated-warm', narrated);
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
      const row = (name: string, timed: Timed): string =>
        `${name.padEnd(50)} ${seconds(timed.totalMs)}  ×${(timed.totalMs / plain.totalMs).toFixed(2)}   export alone ${seconds(timed.exportMs)}  ×${(timed.exportMs / plain.exportMs).toFixed(2)}  (load average ${timed.load.toFixed(1)} on ${availableParallelism()} cores)`;
      console.log(
        'Draft shown in the page → download link (the page’s own speech, the export; not the chat turn):',
      );
      console.log(row('30-s explainer, no voiceover', plain));
      console.log(row('same, narrated, first time (cold speech cache)', cold));
      console.log(row('same, narrated again (speech already said)', warm));
      console.log(`goal: narrated ≤ ${GOAL_RATIO}× the plain video`);
    } finally {
      await withinDeadline('closing Chromium', BROWSER_DEADLINE_MS, browser.close());
    }
  } finally {
    await withinDeadline('stopping the app', APP_STOP_DEADLINE_MS, app.stop());
    rmSync(workDir, { recursive: true, force: true });
  }
}
