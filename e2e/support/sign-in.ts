/**
 * Helpers for the sign-in specs (`e2e/signin-*.spec.ts`), which run against the `oidc`-mode server and sign in
 * through the development provider (scripts/dev-oidc-provider.ts) as its three users.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { OIDC_APP_URL } from './env';

export type DevUserName = 'Vera Viewer' | 'Oscar Operator' | 'Ada Admin';

/** The session cookie of the `oidc` server on http (lib/server/auth/session-cookie.ts). */
export const SESSION_COOKIE = 'cdnx-session';

/** Opens `path`, goes through the provider's sign-in page by clicking the user, and waits to be back at `path`. */
export async function signIn(page: Page, user: DevUserName, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: user }).click();
  await page.waitForURL((url) => url.origin === OIDC_APP_URL && `${url.pathname}${url.search}` === path);
  await expect(signedInUser(page)).toContainText(user);
}

/** A new browser context signed in as `user`, for a second person acting at the same time. */
export async function signedInContext(browser: Browser, user: DevUserName): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: OIDC_APP_URL });
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

export function signedInUser(page: Page) {
  return page.getByRole('banner').getByRole('group', { name: 'Signed in user' });
}

/**
 * The headers a page of the dashboard sends with a state-changing request: in `oidc` mode the Origin check holds for
 * every request, so an API call with the user's cookie names the dashboard's origin.
 */
export const SAME_ORIGIN = { origin: OIDC_APP_URL };
