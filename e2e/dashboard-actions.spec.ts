/** What a row offers: delete (after a confirmation), run again (back into the form), and the duplicate warning. */
import { expect, test } from '@playwright/test';
import { addMonths, format, parseISO } from 'date-fns';
import { formatDayRange, splitByMonth } from '../lib/exports/time-range';
import {
  createTask,
  createTasks,
  fromInput,
  gotoDashboard,
  panel,
  preset,
  resetAll,
  rowNamed,
  rows,
  submitButton,
  toInput,
  waitUntilAllReady,
} from './support/dashboard';

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

test('delete asks first, then removes the task', async ({ page, request }) => {
  await createTask(request, { name: 'Old report' });
  await createTask(request, { name: 'Keep me' });
  await gotoDashboard(page);
  await expect(rows(page)).toHaveCount(2);

  await rowNamed(page, 'Old report').getByRole('button', { name: 'Delete Old report' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this export?' });
  await expect(dialog).toContainText('Old report');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(2);

  await rowNamed(page, 'Old report').getByRole('button', { name: 'Delete Old report' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowNamed(page, 'Old report')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByText('Deleted “Old report”')).toBeVisible();
});

test('run again fills the form with the period and name, and warns about the duplicate', async ({ page, request }) => {
  const days = preset('last7');
  await createTask(request, { name: 'Weekly traffic', days });
  await waitUntilAllReady(request);
  await gotoDashboard(page);
  await panel(page).getByRole('button', { name: 'Yesterday' }).click();

  await rowNamed(page, 'Weekly traffic').getByRole('button', { name: 'Run again: Weekly traffic' }).click();
  await expect(fromInput(page)).toHaveValue(days.from);
  await expect(toInput(page)).toHaveValue(days.to);
  await expect(panel(page).getByLabel('Name (optional)')).toHaveValue('Weekly traffic');
  await expect(fromInput(page)).toBeFocused();

  await submitButton(page).click();
  const dialog = page.getByRole('alertdialog', { name: 'A task for this period already exists' });
  await expect(dialog).toContainText('Weekly traffic');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows(page)).toHaveCount(1);

  await submitButton(page).click();
  await dialog.getByRole('button', { name: 'Create anyway' }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: formatDayRange(days) })).toHaveCount(2);
});

test('a range over two months is split into monthly tasks, listed first', async ({ page }) => {
  const lastMonth = preset('lastMonth');
  const from = format(addMonths(parseISO(lastMonth.from), -1), 'yyyy-MM-dd');
  const pieces = splitByMonth({ from, to: lastMonth.to });
  expect(pieces).toHaveLength(2);

  await gotoDashboard(page);
  await fromInput(page).fill(from);
  await toInput(page).fill(lastMonth.to);
  await expect(toInput(page)).toHaveAccessibleDescription(/at most 31 days/);
  await submitButton(page).click();

  const dialog = page.getByRole('alertdialog', { name: 'Split into 2 monthly tasks?' });
  for (const piece of pieces) await expect(dialog).toContainText(formatDayRange(piece));
  await dialog.getByRole('button', { name: 'Create 2 tasks' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(2);
  for (const piece of pieces) await expect(rows(page).filter({ hasText: formatDayRange(piece) })).toHaveCount(1);
  await expect(page.getByText('Created 2 tasks')).toBeVisible();
});

test('a split stops at the first failure and says what was created', async ({ page }) => {
  const lastMonth = preset('lastMonth');
  const from = format(addMonths(parseISO(lastMonth.from), -1), 'yyyy-MM-dd');
  const pieces = splitByMonth({ from, to: lastMonth.to });
  await gotoDashboard(page);
  await fromInput(page).fill(from);
  await toInput(page).fill(lastMonth.to);
  await submitButton(page).click();
  const dialog = page.getByRole('alertdialog', { name: 'Split into 2 monthly tasks?' });
  await expect(dialog).toBeVisible();

  // The first create goes through to the BFF; the second gets a failure, as if CDN had refused it.
  let posts = 0;
  await page.route('**/api/exports', async (route) => {
    if (route.request().method() !== 'POST' || ++posts !== 2) return route.fallback();
    await route.fulfill({
      status: 502,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'InternalError', message: 'CDN failed.', requestId: 'req-split-2' } }),
    });
  });
  await dialog.getByRole('button', { name: 'Create 2 tasks' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText(`Created 1 of 2: ${formatDayRange(pieces[0]!)}.`);
  await expect(alert).toContainText(`Task 2 (${formatDayRange(pieces[1]!)}) failed: CDN failed.`);
  await expect(alert).toContainText('Code: InternalError');
  await expect(alert).toContainText('Request ID: req-split-2');
  await expect(rows(page)).toHaveCount(1);

  await page.unroute('**/api/exports');
  await dialog.getByRole('button', { name: 'Retry from task 2' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(2);
});

test('keyboard: a dialog gives focus back, and after a delete it lands on the list', async ({ page, request }) => {
  await createTask(request, { name: 'First' });
  await createTask(request, { name: 'Second' });
  await gotoDashboard(page);
  await expect(rows(page)).toHaveCount(2);

  const deleteButton = rowNamed(page, 'First').getByRole('button', { name: 'Delete First' });
  await deleteButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Delete this export?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Focus stays inside the dialog.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(rowNamed(page, 'First')).toHaveCount(0);
  await expect(panel(page).getByRole('heading', { name: 'Tasks' })).toBeFocused();
});

test('a repeat of a task that is not on this page is still caught', async ({ page, request }) => {
  await createTask(request, { name: 'Old weekly', days: preset('last7') });
  await createTasks(request, 20);
  await gotoDashboard(page);
  await expect(rows(page)).toHaveCount(20);
  await expect(rowNamed(page, 'Old weekly')).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Last 7 days' }).click();
  await submitButton(page).click();
  const dialog = page.getByRole('alertdialog', { name: 'A task for this period already exists' });
  await expect(dialog).toContainText('Old weekly');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(submitButton(page)).toBeFocused();
});
