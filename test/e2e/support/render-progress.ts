/**
 * @module render-progress (e2e support)
 * How far the export panel's progress bar ("Render progress") shows the render, 0..1.
 */
import type { Page } from 'playwright-core';

/** The progress bar's value over its max, 0..1; 0 while it is not shown. */
export async function renderProgress(page: Page): Promise<number> {
  const bar = page.getByRole('progressbar', { name: 'Render progress' });
  if (!(await bar.isVisible())) return 0;
  return (
    (Number(await bar.getAttribute('value')) || 0) / (Number(await bar.getAttribute('max')) || 1)
  );
}
