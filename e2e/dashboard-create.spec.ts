/**
 * The main path, as a user takes it: a preset, the submit button, a row that turns Ready without a reload, a notice,
 * and a real file behind the Download link.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { emulator } from './support/emulator';
import { formatDayRange } from '../lib/exports/time-range';
import { gotoDashboard, panel, preset, resetAll, rowNamed, rows, submitButton } from './support/dashboard';

// A browser far from the report zone: every day on the page must still be a day in the report zone.
test.use({ timezoneId: 'America/Los_Angeles' });

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

async function downloadFrom(page: Page, name: string): Promise<Buffer> {
  const link = rowNamed(page, name).getByRole('link', { name: `Download ${name}` });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  return readFile(path);
}

test('a usage-history PDF: Yesterday, submit, Ready without a reload, download', async ({ page }) => {
  await gotoDashboard(page);
  await expect(page.getByRole('tab', { name: 'Usage history (PDF)' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  await expect(page.getByText('CDN keeps export tasks for three months')).toBeVisible();
  await expect(panel(page).getByText(/days in Asia\/Shanghai/)).toBeVisible();

  await panel(page).getByRole('button', { name: 'Yesterday' }).click();
  await expect(panel(page).getByRole('button', { name: 'Yesterday' })).toHaveAttribute('aria-pressed', 'true');
  const days = preset('yesterday');
  const name = `Usage history ${formatDayRange(days)}`;
  await expect(panel(page).getByLabel('Name (optional)')).toHaveAttribute('placeholder', name);

  await submitButton(page).click();
  const row = rowNamed(page, name);
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText(formatDayRange(days));
  await expect(row).toContainText('Generating');
  await expect(page.getByText('Updated', { exact: false }).first()).toBeVisible();

  // The emulator finishes a task in 3 s; the table polls every 3 s while something is generating.
  await expect(row).toContainText('Ready', { timeout: 20_000 });
  await expect(page.getByText(`${name} is ready`)).toBeVisible();
  await expect(rows(page)).toHaveCount(1);

  const file = await downloadFrom(page, name);
  expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('a usage-details workbook: its own tab in the URL, Last 7 days, download a real XLSX', async ({ page }) => {
  await gotoDashboard(page);
  await page.getByRole('tab', { name: 'Usage details (Excel)' }).click();
  await expect(page).toHaveURL(/[?&]tab=detail/);
  await expect(panel(page).getByText('Every domain in the account.')).toBeVisible();

  await panel(page).getByRole('button', { name: 'Last 7 days' }).click();
  const days = preset('last7');
  const name = `Usage details (flow) ${formatDayRange(days)}`;
  await submitButton(page).click();
  const row = rowNamed(page, name);
  await expect(row).toContainText('Generating');
  await expect(row).toContainText('Ready', { timeout: 20_000 });

  const file = await downloadFrom(page, name);
  expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThan(0);

  // Back goes to the first tab, forward returns here: the view lives in the URL.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Usage history (PDF)' })).toHaveAttribute('aria-selected', 'true');
  await page.goForward();
  await expect(page.getByRole('tab', { name: 'Usage details (Excel)' })).toHaveAttribute('aria-selected', 'true');
  await expect(rowNamed(page, name)).toBeVisible();
});

test('keyboard: the kind tabs are one Tab stop; arrows, Home and End move between them and select', async ({ page }) => {
  await gotoDashboard(page);
  const history = page.getByRole('tab', { name: 'Usage history (PDF)' });
  const details = page.getByRole('tab', { name: 'Usage details (Excel)' });
  await expect(details).toHaveAttribute('tabindex', '-1');
  await history.focus();
  await page.keyboard.press('ArrowRight');
  await expect(details).toBeFocused();
  await expect(details).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=detail/);
  await expect(panel(page)).toHaveAttribute('aria-labelledby', (await details.getAttribute('id')) ?? '');
  await page.keyboard.press('Home');
  await expect(history).toBeFocused();
  await expect(history).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(details).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(history).toBeFocused();
  // The URL, then the panel shown, follow the selection a moment later; Tab goes to the panel shown then.
  await expect(history).toHaveAttribute('aria-selected', 'true');
  await expect(page).not.toHaveURL(/tab=detail/);
  // Tab leaves the tab list for the panel's first control.
  await page.keyboard.press('Tab');
  await expect(panel(page).getByRole('button', { name: 'Yesterday' })).toBeFocused();
});

test('keyboard alone: a preset and the submit button, with visible focus', async ({ page }) => {
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  const presetButton = panel(page).getByRole('button', { name: 'Last month' });
  await presetButton.focus();
  await page.keyboard.press('Enter');
  await expect(presetButton).toHaveAttribute('aria-pressed', 'true');
  const outline = await presetButton.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');

  // Tab forward to the submit button, as a keyboard user would.
  for (let i = 0; i < 15; i++) {
    if (await submitButton(page).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(submitButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(formatDayRange(preset('lastMonth')));
});

test('a double submit creates one task', async ({ page }) => {
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
  await submitButton(page).dblclick();
  await expect(rows(page)).toHaveCount(1);
  // Give a second request every chance to land before counting.
  await page.waitForTimeout(1000);
  const stats = await emulator.stats();
  expect(stats.calls.CreateUserUsageDataExportTask).toBe(1);
  await expect(rows(page)).toHaveCount(1);
});

test('a task finishing while the other tab is open is announced; each tab keeps its form; run again restores it', async ({ page }) => {
  await gotoDashboard(page, '/?tab=detail');
  await panel(page).getByText('Listed', { exact: true }).click();
  await panel(page).getByLabel('Domain names').fill('www.example.com');
  await submitButton(page).click();
  const name = `Usage details (flow) ${formatDayRange(preset('yesterday'))}`;
  await expect(rowNamed(page, name)).toContainText('Generating');

  await page.getByRole('tab', { name: 'Usage history (PDF)' }).click();
  await expect(page.getByText(`${name} is ready`)).toBeVisible({ timeout: 20_000 });

  await page.getByRole('tab', { name: 'Usage details (Excel)' }).click();
  await expect(panel(page).getByLabel('Domain names')).toHaveValue('www.example.com');
  await expect(rowNamed(page, name)).toContainText('Ready');

  // Run again brings back what the list does not show: the data type and the domains this page sent.
  await panel(page).getByText('All domains', { exact: true }).click();
  await panel(page).getByText('Value-added (vas)', { exact: true }).click();
  await rowNamed(page, name).getByRole('button', { name: `Run again: ${name}` }).click();
  await expect(panel(page).getByRole('radio', { name: 'Traffic (flow)' })).toBeChecked();
  await expect(panel(page).getByLabel('Domain names')).toHaveValue('www.example.com');
});
