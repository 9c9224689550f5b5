/**
 * Saves the README's picture of the dashboard: `UPDATE_SCREENSHOT=1 npx playwright test e2e/dashboard-screenshot`.
 * Skipped otherwise, so a normal test run leaves the committed image alone.
 */
import { expect, test } from '@playwright/test';
import { createTask, preset, resetAll, rows, waitUntilAllReady } from './support/dashboard';

test.skip(!process.env.UPDATE_SCREENSHOT, 'set UPDATE_SCREENSHOT=1 to refresh docs/screenshot.png');

test('docs/screenshot.png', async ({ page, request }) => {
  await resetAll(request);
  await createTask(request, { name: 'Monthly traffic report', days: preset('lastMonth') });
  await createTask(request, { name: 'Weekly review', days: preset('last7') });
  await createTask(request, { days: preset('yesterday') });
  await waitUntilAllReady(request);
  await createTask(request, { name: 'Month to date', days: preset('monthToDate') });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
});
