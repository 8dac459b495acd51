/**
 * Issue 14 item 6, in a real browser: the page's footer names the app's licence and links the
 * third-party notices that the build writes from the bundled packages' metadata
 * (scripts/lib/third-party-notices.ts); the notices list the GPL code the app serves (the
 * ffmpeg.wasm core) and the Web Worker's own packages (the AAC encoder), each with its licence text
 * where the package ships one.
 */
import { describe, expect, inject, it } from 'vitest';
import { useAppPage } from './support/app-page';

const tab = useAppPage('reelwright-licence-e2e-');

describe('licence footer and third-party notices', () => {
  it('links the licence and notices that cover page and worker packages', async () => {
    await tab.page.goto(inject('appUrl'));
    const footer = tab.page.getByRole('contentinfo');
    const licence = footer.getByRole('link', { name: 'Free software: GPL-3.0-or-later' });
    expect(await licence.getAttribute('href')).toBe('https://www.gnu.org/licenses/gpl-3.0.html');
    const noticesLink = footer.getByRole('link', { name: 'Third-party notices' });
    const href = await noticesLink.getAttribute('href');
    expect(href).toBe('/third-party-notices.txt');

    const notices = await tab.page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      };
    }, href ?? '');
    expect(notices.status).toBe(200);
    expect(notices.type).toMatch(/^text\/plain/);
    expect(notices.text).toContain('@ffmpeg/core 0.12.10 — GPL-2.0-or-later');
    expect(notices.text).toContain('@mediabunny/aac-encoder 1.59.0 — MPL-2.0');
    expect(notices.text).toMatch(
      /preact 11\.2\.0 — MIT\nSource: https:\/\/github\.com\/preactjs\/preact\n\nThe MIT License/,
    );
  });
});
