/** AUTH_MODE=none (the server most specs use): every page says that anyone who can reach it can change exports. */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, gotoDashboard } from './support/dashboard';

for (const path of ['/', '/activity']) {
  test(`the no-sign-in banner on ${path}`, async ({ page }) => {
    if (path === '/') await gotoDashboard(page);
    else await page.goto(path);
    const banner = page.getByRole('note', { name: 'No sign-in' });
    await expect(banner).toContainText('anyone who can reach this server can create and delete exports');
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, `banner on ${path}`);
  });
}
