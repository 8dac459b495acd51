/**
 * The widget's `data-lang="zh"` is real: on the demo host page (another origin) with `?lang=zh`
 * the framed app shows Chinese labels and accessible names (composer, Send, Export, examples in
 * Chinese), and a Chinese example prompt makes a draft whose player and export facts are in
 * Chinese too. The full app follows a Chinese browser language; the header's language button
 * and `?lang=` override it.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { useWidgetHost } from './support/widget-host';

/** The widget loads the app and its Chinese catalogue: a few seconds at most here. */
const READY_TIMEOUT_MS = 30_000;
/** A chat turn on the embedded engine takes well under a second. */
const DRAFT_TIMEOUT_MS = 60_000;

const widget = useWidgetHost();

/** The widget's frame on `page` (waits for it to appear). */
async function widgetFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(
      () => {
        frame = page
          .frames()
          .find((candidate) => candidate.url().startsWith(`${widget.app.url}/embed`));
        return frame !== undefined;
      },
      {
        timeout: READY_TIMEOUT_MS,
      },
    )
    .toBe(true);
  if (frame === undefined) throw new Error('no widget frame');
  return frame;
}

describe('the widget with data-lang="zh"', () => {
  it('shows Chinese labels and accessible names, and a Chinese example makes a draft', async () => {
    // An English browser: the host's option alone decides the widget's language.
    const page = await widget.browser.newPage({ locale: 'en-US' });
    try {
      await page.goto(`${widget.host.url}/?lang=zh&layout=full`);
      const frame = await widgetFrame(page);
      const send = frame.getByRole('button', { name: '发送' });
      await expect.poll(() => send.isVisible(), { timeout: READY_TIMEOUT_MS }).toBe(true);
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await frame.getByRole('textbox', { name: '消息' }).getAttribute('placeholder')).toBe(
        '描述你想要的视频，或告诉我要修改什么…',
      );
      expect(await frame.getByRole('button', { name: '导出', exact: true }).isDisabled()).toBe(
        true,
      );
      expect(await frame.getByRole('heading', { name: '描述你想要的视频' }).isVisible()).toBe(true);
      expect(await frame.getByRole('button', { name: '视频库' }).isVisible()).toBe(true);
      // No English is left where the tests find English controls.
      expect(await frame.getByRole('button', { name: 'Send' }).count()).toBe(0);
      expect(await frame.getByRole('button', { name: 'Export', exact: true }).count()).toBe(0);

      await frame.getByRole('button', { name: /生成一个30秒的产品介绍视频/ }).click();
      const play = frame.getByRole('button', { name: '播放' });
      await expect.poll(() => play.isVisible(), { timeout: DRAFT_TIMEOUT_MS }).toBe(true);
      expect(
        await frame.getByRole('slider', { name: '播放位置' }).getAttribute('aria-valuetext'),
      ).toBe('0 秒，共 30 秒');
      expect(await frame.locator('.export-facts').textContent()).toMatch(
        /^\d+×\d+ (?:横屏|竖屏|方形) · \d+ 帧\/秒 · 0:30 · MP4$/,
      );
      expect(await frame.getByRole('button', { name: '导出', exact: true }).isEnabled()).toBe(true);
      expect(await frame.locator('[data-role="user"] .message-role').first().textContent()).toBe(
        '你',
      );
    } finally {
      await page.close();
    }
  });
});

describe('the full app', () => {
  it('follows a Chinese browser language; the language button and ?lang= override it', async () => {
    const page = await widget.browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(widget.app.url);
      await expect
        .poll(() => page.getByRole('button', { name: '发送' }).isVisible(), {
          timeout: READY_TIMEOUT_MS,
        })
        .toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.getByRole('textbox', { name: '消息' }).isVisible()).toBe(true);

      // The header's language button switches at once, and the choice beats the browser's language.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.goto(widget.app.url);
      await expect
        .poll(() => page.getByRole('button', { name: 'Send' }).isVisible(), {
          timeout: READY_TIMEOUT_MS,
        })
        .toBe(true);
      expect(await page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);

      // ?lang= beats both.
      await page.goto(`${widget.app.url}/?lang=zh`);
      await expect
        .poll(() => page.getByRole('button', { name: '发送' }).isVisible(), {
          timeout: READY_TIMEOUT_MS,
        })
        .toBe(true);
      expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });
});
