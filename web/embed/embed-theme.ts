/**
 * @module embed-theme
 * Applies the widget's look to the embed page: light or dark theme, an accent colour, and the
 * language (the page's `lang` and the composer's default placeholder).
 */
import type { EmbedOptions } from '../../shared/embed-protocol';

/** Composer placeholder per language when the host gave none. */
const PLACEHOLDERS: Record<EmbedOptions['lang'], string> = {
  en: 'Describe your video, or say what to change…',
  zh: '描述你想要的视频，或告诉我要修改什么…',
};

/** The default composer placeholder for `lang`. */
export function defaultPlaceholder(lang: EmbedOptions['lang']): string {
  return PLACEHOLDERS[lang];
}

/** Sets `data-theme`, `lang`, `color-scheme` and the accent variables on `root` (the `<html>` element). */
export function applyEmbedTheme(root: HTMLElement, options: EmbedOptions): void {
  root.dataset.theme = options.theme;
  root.dataset.layout = options.layout;
  root.lang = options.lang === 'zh' ? 'zh-CN' : 'en';
  root.style.colorScheme = options.theme;
  if (options.accent !== null) {
    // The validated hex colour (zod) is the only host value written into styles.
    root.style.setProperty('--accent', options.accent);
    root.style.setProperty('--accent-strong', options.accent);
  }
}
