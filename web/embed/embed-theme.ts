/**
 * @module embed-theme
 * Applies the widget's look to the embed page: light or dark theme, an accent colour, and the
 * page's `lang` (the text itself comes from the app's catalogues, see app/i18n/locale).
 */
import type { EmbedOptions } from '../../shared/embed-protocol';
import { htmlLang } from '../app/i18n/locale';

/** Sets `data-theme`, `lang`, `color-scheme` and the accent variables on `root` (the `<html>` element). */
export function applyEmbedTheme(root: HTMLElement, options: EmbedOptions): void {
  root.dataset.theme = options.theme;
  root.dataset.layout = options.layout;
  root.lang = htmlLang(options.lang);
  root.style.colorScheme = options.theme;
  if (options.accent !== null) {
    // The validated hex colour (zod) is the only host value written into styles.
    root.style.setProperty('--accent', options.accent);
    root.style.setProperty('--accent-strong', options.accent);
  }
}
