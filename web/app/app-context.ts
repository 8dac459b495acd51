/**
 * @module app-context
 * Hands the one {@link AppModel} to every component without threading props through the tree.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppModel } from './models/app-model';

/** Provided once by the root; null only outside a provider (a programming error). */
export const AppContext = createContext<AppModel | null>(null);

/**
 * The app model of the nearest provider.
 * @throws Error when used outside `<AppContext.Provider>`
 */
export function useApp(): AppModel {
  const app = useContext(AppContext);
  if (app === null) throw new Error('useApp() needs an <AppContext.Provider> above it');
  return app;
}
