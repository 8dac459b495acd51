/**
 * @module launch-chromium (e2e support)
 * Debian's headless Chromium for browser tests: the same launcher `npm run render` and
 * `npm run bench` use (`scripts/lib/launch-chromium.ts`), re-exported so tests import it from
 * their own support folder.
 */
export { CHROMIUM_PATH, launchChromium } from '../../../scripts/lib/launch-chromium';
