/**
 * Issue 13: the embeddable widget stays light to embed. A host page on another origin loads
 * `widget.js`; the frame's JavaScript fetched until the widget says `ready` (the app, its
 * schemas, zod) is at most 60 KB gzip, and the renderer is not among it (it loads when an export
 * starts). Sized from `dist/` as the widget bench sizes it (scripts/lib/widget-initial-js.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  EMBED_INITIAL_JS_BUDGET_BYTES,
  widgetInitialScripts,
} from '../../scripts/lib/widget-initial-js';
import { useWidgetHost } from './support/widget-host';

/** The widget loads the app, credits and the session: a few seconds at most here. */
const READY_TIMEOUT_MS = 30_000;

const widget = useWidgetHost();

describe('the widget on a host page', () => {
  it('loads at most 60 KB gzip of JavaScript before it is ready, and no renderer', async () => {
    const context = await widget.browser.newContext();
    try {
      const initial = await widgetInitialScripts(
        await context.newPage(),
        widget.app.url,
        widget.host.url,
        READY_TIMEOUT_MS,
      );
      const listed = initial.scripts.map((s) => `${s.pathname} ${s.gzipBytes} B`).join(', ');
      expect(initial.scripts.length, 'the frame loaded its app').toBeGreaterThan(0);
      expect(initial.totalGzipBytes, `initial scripts: ${listed}`).toBeLessThanOrEqual(
        EMBED_INITIAL_JS_BUDGET_BYTES,
      );
      expect(initial.rendererLoaded, `initial scripts: ${listed}`).toBe(false);
    } finally {
      await context.close();
    }
  });
});
