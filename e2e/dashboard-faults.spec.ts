/** Upstream trouble reaches the user as a message with its code and request id, and the page recovers from it. */
import { expect, test } from '@playwright/test';
import { emulator } from './support/emulator';
import { createTask, gotoDashboard, panel, resetAll, rows, submitButton } from './support/dashboard';

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
