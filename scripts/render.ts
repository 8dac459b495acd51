/**
 * `npm run render -- --prompt "…" [--script file.txt] [--edit "…"]… --out video.mp4 [--url http://…]`
 *
 * The whole product without a person: starts the app (or uses `--url`), drives it in Debian's
 * headless Chromium exactly as a visitor would (chat → storyboard → optional edits → Export →
 * Download MP4), prints progress, and writes the MP4. Exits 0 on success, 1 with a plain message
 * on any failure, 2 for bad arguments.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/launch-chromium';
import { startApp, type RunningApp } from './lib/start-app';
import { exportAndDownload, sendChatMessage } from './lib/drive-app';

const USAGE =
  'usage: npm run render -- --prompt "generate a 30-second explainer video" [--script script.txt] [--edit "make it vertical"]... --out video.mp4 [--url http://localhost:8787]';

function parseCommandLine(): { prompt: string; edits: string[]; out: string; url?: string } {
  const { values } = parseArgs({
    options: {
      prompt: { type: 'string' },
      script: { type: 'string' },
      edit: { type: 'string', multiple: true },
      out: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.prompt?.trim() || !values.out) {
    console.error(`error: --prompt and --out are required\n${USAGE}`);
    process.exit(2);
  }
  let prompt = values.prompt.trim();
  if (values.script) {
    const script = readFileSync(values.script, 'utf8').trim();
    prompt = `${prompt}${prompt.endsWith(':') ? '' : ':'} ${script}`;
  }
  return { prompt, edits: values.edit ?? [], out: path.resolve(values.out), url: values.url };
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  let app: RunningApp | null = null;
  const browser = await launchChromium();
  try {
    let url = args.url;
    if (!url) {
      console.log('starting the app…');
      app = await startApp();
      url = app.url;
    }
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(url);
    console.log('planning the storyboard…');
    console.log(`assistant: ${await sendChatMessage(page, args.prompt)}`);
    for (const edit of args.edits) {
      console.log(`edit: ${edit}`);
      console.log(`assistant: ${await sendChatMessage(page, edit)}`);
    }
    console.log('exporting…');
    let lastPercent = -1;
    const { exportWallMs } = await exportAndDownload(page, args.out, ({ percent, label }) => {
      if (percent !== lastPercent) console.log(`  ${label || `${percent}%`}`);
      lastPercent = percent;
    });
    const sizeBytes = statSync(args.out).size;
    console.log(
      `wrote ${args.out} (${(sizeBytes / 1_048_576).toFixed(1)} MiB) in ${(exportWallMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await browser.close();
    await app?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`render failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
