/**
 * Saves the README's picture of the dashboard: `npm run screenshot`. playwright.config.ts leaves this file out of a
 * normal run, so that `npm test` never rewrites the committed image.
 */
import { expect, test } from '@playwright/test';
import { createTask, preset, resetAll, rows, waitUntilAllReady } from './support/dashboard';

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
