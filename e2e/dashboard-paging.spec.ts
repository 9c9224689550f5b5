/** More than 50 tasks, paged through the server, with the view in the URL so back and reload keep it. */
import { expect, test } from '@playwright/test';
import { createTasks, panel, resetAll, rowNamed, rows, waitUntilAllReady } from './support/dashboard';

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

test('57 tasks: pages of 20, next and back, 50 per page, reload', async ({ page, request }) => {
  test.setTimeout(90_000);
  await createTasks(request, 57);
  await waitUntilAllReady(request);

  await page.goto('/');
  const pager = panel(page).getByRole('navigation', { name: 'Pages' });
  await expect(pager).toContainText('1–20 of 57');
  await expect(rows(page)).toHaveCount(20);
  // Newest first.
  await expect(rows(page).first()).toContainText('Task 57');

  await pager.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toContainText('21–40 of 57');
  await expect(rowNamed(page, 'Task 37')).toBeVisible();

  await pager.getByRole('button', { name: 'Next page' }).click();
  await expect(pager).toContainText('41–57 of 57');
  await expect(rows(page)).toHaveCount(17);
  await expect(pager.getByRole('button', { name: 'Next page' })).toBeDisabled();

  await page.goBack();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toContainText('21–40 of 57');

  await pager.getByLabel('Rows per page').selectOption('50');
  await expect(page).toHaveURL(/size=50/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager).toContainText('1–50 of 57');
  await expect(rows(page)).toHaveCount(50);

  await page.reload();
  await expect(panel(page).getByRole('navigation', { name: 'Pages' })).toContainText('1–50 of 57');

  // A link straight to a page.
  await page.goto('/?tab=summary&page=3&size=20');
  await expect(panel(page).getByRole('navigation', { name: 'Pages' })).toContainText('41–57 of 57');
  // A page past the end moves to the last one.
  await page.goto('/?tab=summary&page=9&size=20');
  await expect(panel(page).getByRole('navigation', { name: 'Pages' })).toContainText('41–57 of 57');
  await expect(page).toHaveURL(/page=3/);
});
