/**
 * Sign-in and roles in the browser: the three users of the development provider, each signed in
 * by one click, see and may do what their role allows, and the API refuses the rest.
 */
import { expect, test, type Page } from '@playwright/test';
import { emulator } from './support/emulator';
import { expectNoSeriousA11yViolations, panel, preset, rowNamed, submitButton, utc } from './support/dashboard';
import { SAME_ORIGIN, signIn, signedInContext, signedInUser } from './support/sign-in';

test.beforeEach(async () => {
  await emulator.reset();
});

/** A task made through the API with `page`'s session (as that user), for the period `days`. */
async function createAs(page: Page, name: string, days = preset('last7')) {
  const res = await page.request.post('/api/exports', { data: { kind: 'summary', name, ...utc(days) }, headers: SAME_ORIGIN });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { task: { id: string } }).task.id;
}

async function waitForRow(page: Page, name: string) {
  await expect(async () => {
    await panel(page).getByRole('button', { name: 'Refresh the list' }).click();
    await expect(rowNamed(page, name)).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  return rowNamed(page, name);
}

test('a viewer sees the tasks and downloads them, but is offered no form and no delete; the API refuses them', async ({ page, browser }) => {
  const { context: adaContext, page: ada } = await signedInContext(browser, 'Ada Admin');
  const taskId = await createAs(ada, 'Made by Ada');

  await signIn(page, 'Vera Viewer');
  await expect(signedInUser(page)).toContainText('Viewer');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Activity' })).toHaveCount(0);
  await expect(submitButton(page)).toHaveCount(0);
  await expect(panel(page).getByText('Creating and deleting them needs the operator role; you are a viewer.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'viewer header');

  const row = await waitForRow(page, 'Made by Ada');
  await expect(row.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(row.getByRole('button', { name: /^Run again/ })).toHaveCount(0);
  const download = row.getByRole('link', { name: 'Download Made by Ada' });
  await expect(async () => {
    await panel(page).getByRole('button', { name: 'Refresh the list' }).click();
    await expect(download).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);

  // With the viewer's own cookie, straight at the API.
  const post = await page.request.post('/api/exports', { data: { kind: 'summary', ...utc(preset('yesterday')) }, headers: SAME_ORIGIN });
  expect(post.status()).toBe(403);
  expect(((await post.json()) as { error: { code: string; message: string } }).error).toMatchObject({
    code: 'Forbidden',
    message: 'This needs the operator role; you are a viewer.',
  });
  const del = await page.request.delete(`/api/exports/summary/${taskId}`, { headers: SAME_ORIGIN });
  expect(del.status()).toBe(403);
  await adaContext.close();
});

test('an operator creates a task, sees it as theirs, deletes it, and cannot delete one of someone else', async ({ page, browser }) => {
  const { context: adaContext, page: ada } = await signedInContext(browser, 'Ada Admin');
  const adasTask = await createAs(ada, 'Made by Ada');

  await signIn(page, 'Oscar Operator');
  await expect(signedInUser(page)).toContainText('Operator');
  await expectNoSeriousA11yViolations(page, 'operator header');

  await panel(page).getByLabel('Name (optional)').fill('Oscar export');
  await submitButton(page).click();
  const mine = await waitForRow(page, 'Oscar export');
  await expect(mine.getByRole('cell', { name: 'Oscar Operator', exact: true })).toBeVisible();

  const adas = await waitForRow(page, 'Made by Ada');
  await expect(adas.getByRole('cell', { name: 'Ada Admin', exact: true })).toBeVisible();
  await expect(adas.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  const refused = await page.request.delete(`/api/exports/summary/${adasTask}`, { headers: SAME_ORIGIN });
  expect(refused.status()).toBe(403);

  await mine.getByRole('button', { name: 'Delete Oscar export' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: /^Delete/ }).click();
  await expect(rowNamed(page, 'Oscar export')).toHaveCount(0);
  await adaContext.close();
});

test('an admin deletes any task and reads the activity, filtered and as CSV', async ({ page, browser }) => {
  const { context: oscarContext, page: oscar } = await signedInContext(browser, 'Oscar Operator');
  const oscarsTask = await createAs(oscar, 'Made by Oscar');

  await signIn(page, 'Ada Admin');
  await expect(signedInUser(page)).toContainText('Admin');
  await expectNoSeriousA11yViolations(page, 'admin header');

  // A download through the page, for the log.
  const row = await waitForRow(page, 'Made by Oscar');
  const download = row.getByRole('link', { name: 'Download Made by Oscar' });
  await expect(async () => {
    await panel(page).getByRole('button', { name: 'Refresh the list' }).click();
    await expect(download).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await Promise.all([page.waitForEvent('download'), download.click()]);

  await row.getByRole('button', { name: 'Delete Made by Oscar' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: /^Delete/ }).click();
  await expect(rowNamed(page, 'Made by Oscar')).toHaveCount(0);

  await page.getByRole('banner').getByRole('link', { name: 'Activity' }).click();
  await expect(page).toHaveURL(/\/activity$/);
  const entries = page.getByRole('table');
  await expect(entries.getByRole('row').filter({ hasText: oscarsTask })).toHaveCount(3);
  for (const [action, who] of [['Create', 'Oscar Operator'], ['Download', 'Ada Admin'], ['Delete', 'Ada Admin']] as const) {
    await expect(entries.getByRole('row').filter({ hasText: oscarsTask }).filter({ hasText: action }).filter({ hasText: who })).toHaveCount(1);
  }
  await expectNoSeriousA11yViolations(page, 'activity page');

  await page.getByLabel('Action').selectOption('delete');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/activity\?action=delete$/);
  await expect(entries.getByRole('row').filter({ hasText: oscarsTask })).toHaveCount(1);

  const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(csvHref).toBe('/api/activity/export?action=delete');
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(oscarsTask);
  await oscarContext.close();
});

test('the Activity page is for admins only', async ({ page }) => {
  await signIn(page, 'Oscar Operator', '/activity');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This needs the admin role; you are an operator.');
  expect((await page.request.get('/api/activity')).status()).toBe(403);
});
