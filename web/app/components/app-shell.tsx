/**
 * @module app-shell
 * What every layout of the page shares: the providers of the app model and the layout options,
 * the "skip to message" link and the error banner, then the layout's own parts (`children`).
 * The site and a `full` widget use {@link App} (app.tsx); the compact widget uses `CompactApp`
 * (compact-app.tsx), so its first bundle does not carry the header, library, timeline or media bin.
 */
import type { ComponentChildren } from 'preact';
import { AppContext } from '../app-context';
import { t } from '../i18n/locale';
import { LayoutContext } from '../layout-context';
import type { LayoutOptions } from '../layout-context';
import type { AppModel } from '../models/app-model';
import { ErrorBanner } from './error-banner';

/** The shell's props: the model (created once by main.tsx or embed.tsx), the layout, the layout's parts. */
export interface AppShellProps {
  model: AppModel;
  options: LayoutOptions;
  children: ComponentChildren;
}

/** Providers, skip link and error banner around `children`. */
export function AppShell({ model, options, children }: AppShellProps) {
  return (
    <AppContext.Provider value={model}>
      <LayoutContext.Provider value={options}>
        <a class="skip-link" href="#composer-input">
          {t('app.skipToMessage')}
        </a>
        <ErrorBanner />
        {children}
      </LayoutContext.Provider>
    </AppContext.Provider>
  );
}
