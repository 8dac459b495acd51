/**
 * @module start-app (e2e global setup)
 * Starts the built app once under `wrangler dev` (fresh state in a temporary folder) for all
 * browser tests and provides its URL as `inject('appUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startApp } from '../../scripts/lib/start-app';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = await startApp();
  project.provide('appUrl', app.url);
  return app.stop;
}
