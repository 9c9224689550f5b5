/** The session's life in the browser: sign-in from a deep link, sign-out, and a session that ends mid-use. */
import { expect, test } from '@playwright/test';
import { OIDC_APP_URL } from './support/env';
import { panel } from './support/dashboard';
import { SESSION_COOKIE, signIn, signedInUser } from './support/sign-in';

test('a page asked for without a session goes to the sign-in and comes back to the same view', async ({ page }) => {
  await page.goto('/?tab=detail&size=50');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: 'Vera Viewer' }).click();
  await expect(page).toHaveURL(`${OIDC_APP_URL}/?tab=detail&size=50`);
  await expect(page.getByRole('tab', { name: 'Usage details (Excel)' })).toHaveAttribute('aria-selected', 'true');
});

test('sign-out ends the session', async ({ page }) => {
  await signIn(page, 'Oscar Operator');
  expect((await page.request.get('/api/me')).status()).toBe(200);
  await signedInUser(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${OIDC_APP_URL}/\\??`));
  expect((await page.request.get('/api/me')).status()).toBe(401);
  expect((await page.request.get('/api/exports?kind=summary')).status()).toBe(401);
});

test('a session that ends mid-use leads back through the sign-in to the same page', async ({ page, context }) => {
  await signIn(page, 'Oscar Operator', '/?tab=detail');
  // The cookie goes bad behind the page's back (expired, or made with another secret).
  await context.addCookies([{ name: SESSION_COOKIE, value: 'corrupted', url: OIDC_APP_URL }]);
  const signIns: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === OIDC_APP_URL && url.pathname === '/api/auth/login') signIns.push(url.searchParams.get('returnTo') ?? '');
  });
  await panel(page).getByRole('button', { name: 'Refresh the list' }).click();
  // The provider still has Oscar's sign-in, so the trip through it needs no click, and ends where it began.
  await expect.poll(() => signIns).toEqual(['/?tab=detail']);
  await expect(page).toHaveURL(`${OIDC_APP_URL}/?tab=detail`);
  await expect(signedInUser(page)).toContainText('Oscar Operator');
  expect((await page.request.get('/api/me')).status()).toBe(200);
});
