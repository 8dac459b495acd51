/**
 * @module layout-context
 * How the app is laid out: `full` (the site, or a full widget) or `compact` (the widget: chat,
 * preview and export, no header or timeline), and the composer's placeholder when a host
 * page chose one. Provided by the root; read by the few components that differ.
 */
import { createContext } from 'preact';

/** The layouts of the app. */
export type AppLayout = 'full' | 'compact';

/** What the root provides. */
export interface LayoutOptions {
  layout: AppLayout;
  /** Overrides the composer's placeholder (the widget's `data-placeholder`); null = the default. */
  composerPlaceholder: string | null;
}

/** Defaults: the full site. */
export const LayoutContext = createContext<LayoutOptions>({
  layout: 'full',
  composerPlaceholder: null,
});
