/** axe on every state of the page: no serious or critical problems, in light and dark, at desktop and phone width. */
import { expect, test, type Page } from '@playwright/test';
import { emulator } from './support/emulator';
import {
  createTask,
  expectNoSeriousA11yViolations,
  fromInput,
  gotoDashboard,
  panel,
  preset,
  resetAll,
  rows,
  shiftDay,
  submitButton,
  toInput,
  waitUntilAllReady,
} from './support/dashboard';

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

test.afterEach(async () => {
  await emulator.clearFaults();
});

/**
 * The generating task finishes and is announced: let that notice come and go before the dialogs, so that a toast
 * sliding in or out (its contrast is checked half-faded) never lands in the middle of a scan.
 */
async function letReadyNoticePass(page: Page, taskName: string) {
  const notice = page.getByText(`${taskName} is ready`);
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Close toast' }).click();
  await expect(notice).toBeHidden();
}

test('empty, loaded and with a dialog open', async ({ page, request }) => {
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'empty');

  await createTask(request, { name: 'Ready one' });
  await waitUntilAllReady(request);
  await createTask(request, { name: 'Generating one' });
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await expectNoSeriousA11yViolations(page, 'loaded');

  await letReadyNoticePass(page, 'Generating one');

  await rows(page).first().getByRole('button', { name: /^Delete / }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'delete dialog');
  await page.keyboard.press('Escape');

  await submitButton(page).click();
  await expect(page.getByRole('alertdialog', { name: 'A task for this period already exists' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'duplicate dialog');
  await page.keyboard.press('Escape');

  await panel(page).getByRole('button', { name: 'Pick the period on a calendar' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'calendar');
  await page.keyboard.press('Escape');

  const lastMonth = preset('lastMonth');
  await fromInput(page).fill(shiftDay(lastMonth.from, -20));
  await toInput(page).fill(lastMonth.to);
  await submitButton(page).click();
  await expect(page.getByRole('alertdialog', { name: /^Split into \d+ monthly tasks\?$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'split dialog');
  await page.keyboard.press('Escape');
});

test('the details form with validation messages', async ({ page }) => {
  await gotoDashboard(page, '/?tab=detail');
  await panel(page).getByText('Listed', { exact: true }).click();
  await panel(page).getByLabel('Domain names').fill('bad_host');
  await panel(page).getByLabel('To (inclusive)').fill('2000-01-01');
  await expect(panel(page).getByLabel('Domain names')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page, 'details form, invalid');
});

test('the error state', async ({ page, request }) => {
  // A create drops the BFF's cached list, so the page's own request meets the fault.
  await createTask(request, { name: 'Hidden by the fault' });
  await emulator.fault({ action: 'DescribeUserUsageDataExportTask', mode: 'error500' });
  await page.goto('/');
  await expect(panel(page).getByText('The tasks could not be loaded')).toBeVisible({ timeout: 20_000 });
  await expectNoSeriousA11yViolations(page, 'error');
});

test('dark mode', async ({ page, request }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await createTask(request, { name: 'Ready one' });
  await waitUntilAllReady(request);
  await createTask(request, { name: 'Generating one' });
  await gotoDashboard(page);
  await expect(rows(page)).toHaveCount(2);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(250, 250, 250)');
  await expectNoSeriousA11yViolations(page, 'dark');
  await letReadyNoticePass(page, 'Generating one');
  await rows(page).first().getByRole('button', { name: /^Delete / }).click();
  await expectNoSeriousA11yViolations(page, 'dark, dialog');
});

test('375 px wide: nothing overflows the page, the table scrolls in its own box', async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await createTask(request, { name: 'A task with a rather long name to see how it fits' });
  await gotoDashboard(page);
  await expect(rows(page)).toHaveCount(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page, '375 px');
  await page.getByRole('tab', { name: 'Usage details (Excel)' }).click();
  await expectNoSeriousA11yViolations(page, '375 px, details');
});
