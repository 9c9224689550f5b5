/** Upstream trouble reaches the user as a message with its code and request id, and the page recovers from it. */
import { expect, test } from '@playwright/test';
import { emulator } from './support/emulator';
import { createTask, gotoDashboard, panel, resetAll, rows, submitButton, waitUntilAllReady } from './support/dashboard';

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

test.afterEach(async () => {
  await emulator.clearFaults();
});

test('a failing list shows code, message and request id, and Retry recovers once it clears', async ({ page, request }) => {
  // The create also drops the BFF's cached list, so the page's own request meets the fault.
  await createTask(request, { name: 'Survivor' });
  await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'error500' });
  await page.goto('/');

  const error = panel(page).getByRole('alert').filter({ hasText: 'The tasks could not be loaded' });
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(error).toContainText('Code: InternalError');
  await expect(error).toContainText(/Request ID: \S+/);

  await emulator.clearFaults();
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Survivor');
  await expect(error).toBeHidden();
});

test('a fault in mid-session: the list says so, and recovers by itself once it clears', async ({ page }) => {
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  // Created from the page, so the fault below lands well before the task's first poll (3 s).
  await submitButton(page).click();
  await expect(rows(page).first()).toContainText('Generating');

  // The next poll meets the fault once the BFF's short list cache has let go of the last answer.
  await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'error500' });
  const stale = panel(page).getByRole('alert').filter({ hasText: 'The list could not be refreshed' });
  await expect(stale).toBeVisible({ timeout: 20_000 });
  await expect(stale).toContainText('Code: InternalError');
  await expect(rows(page)).toHaveCount(1);

  // Nothing is clicked: the table keeps trying (less often while it fails) and picks up where it was.
  await emulator.clearFaults();
  await expect(stale).toBeHidden({ timeout: 30_000 });
  await expect(rows(page).first()).toContainText('Ready', { timeout: 20_000 });
});

test('a download that cannot be had says why, and works once the fault clears', async ({ page, request }) => {
  await createTask(request, { name: 'To fetch' });
  await waitUntilAllReady(request);
  await gotoDashboard(page);
  const link = rows(page).first().getByRole('link', { name: 'Download To fetch' });
  await expect(link).toHaveAttribute('href', /^\/api\/exports\/summary\/[^/]+\/download$/);

  await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'error500' });
  // Past the BFF's list cache, so the download route has to ask CDN.
  await page.waitForTimeout(2500);
  await link.click();
  const notice = page.getByText('Could not download “To fetch”').locator('..');
  await expect(notice).toContainText('Code: InternalError');
  await expect(notice).toContainText(/Request ID: \S+/);

  // The notice sits over the bottom of the table (and stays while the pointer rests on it): put it away first.
  await page.getByRole('button', { name: 'Close toast' }).click();
  await expect(notice).toBeHidden();
  await emulator.clearFaults();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
});

test('a refused create keeps the form and says why; submitting again works', async ({ page }) => {
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  await emulator.fault({ action: 'CreateUserUsageDataExportTask', mode: 'error500' });

  await submitButton(page).click();
  const error = panel(page).getByRole('alert').filter({ hasText: 'The export was not created.' });
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(error).toContainText('Code: InternalError');
  await expect(error).toContainText(/Request ID: \S+/);
  await expect(rows(page)).toHaveCount(0);

  await emulator.clearFaults();
  await submitButton(page).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(error).toBeHidden();
});

test('a task that fails while the page is open is marked Failed, with a notice', async ({ page }) => {
  await gotoDashboard(page);
  await emulator.fault({ mode: 'taskFails' });
  await panel(page).getByRole('button', { name: 'Last 7 days' }).click();
  await submitButton(page).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Failed', { timeout: 20_000 });
  await expect(page.getByText(/ failed$/)).toBeVisible();
  await expect(rows(page).first().getByRole('link', { name: /^Download / })).toHaveCount(0);
});

test('the header shows whether CDN is reachable', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByText(/CDN reachable/)).toBeVisible();
});
