/**
 * The Content-Security-Policy with a per-request nonce, in a real browser against the production build: the
 * dashboard runs with no CSP violation, and no inline script runs without the nonce.
 */
import { expect, test, type Page } from '@playwright/test';
import { gotoDashboard, panel, resetAll } from './support/dashboard';

function scriptSrc(policy: string | undefined): string {
  return (policy ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
}

/** Every CSP violation and page error from now on, as the browser reports them. */
function watchViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test.beforeEach(async ({ request }) => {
  await resetAll(request);
});

test('the dashboard runs under a nonce-only script policy, with no CSP violation', async ({ page }) => {
  const problems = watchViolations(page);
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'];
  const scripts = scriptSrc(policy);
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");

  // Next marks its own scripts with this request's nonce.
  const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1] ?? '';
  const html = (await response?.text()) ?? '';
  expect(html).toContain(`nonce="${nonce}"`);

  // Hydrated and working: switching tabs and reading the list need the app's scripts.
  await gotoDashboard(page);
  await page.getByRole('tab', { name: 'Usage details (Excel)' }).click();
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();

  expect(problems).toEqual([]);

  // Injected markup cannot run script: an inline event handler needs 'unsafe-inline', which the policy lacks.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__injected = true');
    img.id = 'injected';
    img.src = '/no-such-image.png';
    document.body.append(img);
  });
  await expect.poll(() => problems.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  expect(problems.join('\n')).toMatch(/inline event handler|script-src/i);
});

test('the not-found page shows without CSP violations', async ({ page }) => {
  const problems = watchViolations(page);
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  expect(scriptSrc(response?.headers()['content-security-policy'])).not.toContain("'unsafe-inline'");
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('a fresh nonce on every request, and a client cannot choose it', async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get('/', { headers: { 'content-security-policy': "script-src 'nonce-chosen'" } });
    const scripts = scriptSrc(res.headers()['content-security-policy']);
    nonces.add(/'nonce-([^']+)'/.exec(scripts)?.[1] ?? '');
    expect(await res.text()).not.toContain('nonce="chosen"');
  }
  expect(nonces.size).toBe(3);
});

test('Strict-Transport-Security only when the request arrived over https', async ({ request }) => {
  for (const path of ['/', '/api/health']) {
    const plain = await request.get(path);
    expect(plain.headers()['strict-transport-security'], path).toBeUndefined();
    const tls = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers()['strict-transport-security'], path).toBe('max-age=31536000');
  }
});
