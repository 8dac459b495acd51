/**
 * @module csp-violations (e2e support)
 * Collects every Content-Security-Policy violation a page reports — the browser's console
 * message ("Refused to … because it violates the following Content Security Policy directive"),
 * from the page, its frames and its workers, and each `securitypolicyviolation` event of its
 * documents — so a browser test fails when the app's policy (shared/security-policy.ts) blocks
 * something the app does.
 */
import type { ConsoleMessage, Page } from 'playwright-core';

/** Console text of a violation: Chromium's own message, or the line the init script logs. */
const VIOLATION_TEXT = /Content Security Policy|securitypolicyviolation/;

/**
 * Starts collecting on `page` (call before it navigates).
 * @returns the list the violations are pushed to, as text (empty while there are none)
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  const record = (message: ConsoleMessage): void => {
    if (VIOLATION_TEXT.test(message.text())) violations.push(message.text());
  };
  page.on('console', record);
  page.on('worker', (worker) => worker.on('console', record));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}
