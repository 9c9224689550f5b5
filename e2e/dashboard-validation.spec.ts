/**
 * The form checks what the server checks, as the user types, next to the field — and never sends what the server
 * would refuse.
 */
import { expect, test, type Page } from '@playwright/test';
import { fromInput, gotoDashboard, panel, resetAll, shiftDay, submitButton, today, toInput } from './support/dashboard';

test.beforeEach(async ({ page, request }) => {
  await resetAll(request);
  await gotoDashboard(page);
  await expect(panel(page).getByText('No exports yet', { exact: true })).toBeVisible();
});

/** Every POST the page sends to the BFF's create route. */
function countCreates(page: Page): () => number {
  let count = 0;
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/exports') count++;
  });
  return () => count;
}

test('32 days: refused next to the end date, and offered as monthly tasks', async ({ page }) => {
  const end = shiftDay(today(), -1);
  await fromInput(page).fill(shiftDay(end, -31));
  await toInput(page).fill(end);
  await expect(toInput(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(toInput(page)).toHaveAccessibleDescription(/A task covers at most 31 days/);
  await expect(panel(page).getByText('32 days', { exact: false })).toBeVisible();
  await expect(submitButton(page)).toHaveText(/Split into \d tasks…/);

  // 31 days is fine.
  await fromInput(page).fill(shiftDay(end, -30));
  await expect(toInput(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(submitButton(page)).toHaveText('Create PDF export');
});

test('an end in the future is refused and nothing is sent', async ({ page }) => {
  const creates = countCreates(page);
  await fromInput(page).fill(shiftDay(today(), -2));
  await toInput(page).fill(shiftDay(today(), 1));
  await expect(toInput(page)).toHaveAccessibleDescription(/cannot end in the future/);
  await submitButton(page).click();
  await expect(toInput(page)).toBeFocused();
  await page.waitForTimeout(300);
  expect(creates()).toBe(0);

  // Today itself is allowed.
  await toInput(page).fill(today());
  await expect(toInput(page)).not.toHaveAttribute('aria-invalid', 'true');
});

test('an end before the start, and a start more than a year ago', async ({ page }) => {
  await fromInput(page).fill(shiftDay(today(), -2));
  await toInput(page).fill(shiftDay(today(), -4));
  await expect(toInput(page)).toHaveAccessibleDescription(/The end must be after the start/);

  await fromInput(page).fill(shiftDay(today(), -400));
  await toInput(page).fill(shiftDay(today(), -395));
  await expect(fromInput(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(fromInput(page)).toHaveAccessibleDescription(/within the last year/);
  // The picker's own limits say the same.
  await expect(fromInput(page)).toHaveAttribute('max', today());
});

test('a cleared date, a long name and a bad host name', async ({ page }) => {
  const creates = countCreates(page);
  await fromInput(page).fill('');
  await expect(fromInput(page)).toHaveAccessibleDescription(/Pick a start date/);
  await fromInput(page).fill(shiftDay(today(), -3));

  const name = panel(page).getByLabel('Name (optional)');
  await name.fill('x'.repeat(101));
  await expect(name).toHaveAccessibleDescription(/at most 100 characters/);
  await name.fill('Quarterly review');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('tab', { name: 'Usage details (Excel)' }).click();
  await panel(page).getByText('Listed', { exact: true }).click();
  const domains = panel(page).getByLabel('Domain names');
  await domains.fill('www.example.com\nbad_host');
  await expect(domains).toHaveAccessibleDescription(/"bad_host" is not a valid host name/);
  await submitButton(page).click();
  await expect(domains).toBeFocused();
  expect(creates()).toBe(0);

  // CDN's wildcard spelling is a leading dot; the `*.` one is explained, not just refused.
  await domains.fill('*.example.com');
  await expect(domains).toHaveAccessibleDescription(/write a wildcard domain as CDN does, with a leading dot: "\.example\.com"/);

  await domains.fill('www.example.com, .example.com');
  await expect(domains).not.toHaveAttribute('aria-invalid', 'true');
  await expect(domains).toHaveAccessibleDescription(/2 of at most 100/);
});

test.describe('in a browser whose own day differs from the report zone’s', () => {
  // UTC+14: for most of the day its date is not Shanghai's.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('the calendar marks the report zone’s today, disables later days, and picks a range', async ({ page }) => {
    await panel(page).getByRole('button', { name: 'Pick the period on a calendar' }).click();
    const calendar = page.getByRole('dialog');
    await expect(calendar).toBeVisible();

    await expect(calendar.locator('[data-today]')).toHaveAttribute('data-day', today());
    const tomorrow = calendar.locator(`[data-day="${shiftDay(today(), 1)}"]`);
    if ((await tomorrow.count()) > 0) await expect(tomorrow.getByRole('button')).toBeDisabled();

    // Two clicks pick a range, when both days are in the month on screen (the month of the end date).
    const first = shiftDay(today(), -3);
    const last = shiftDay(today(), -2);
    if (first.slice(0, 7) === shiftDay(today(), -1).slice(0, 7)) {
      await calendar.locator(`[data-day="${first}"]`).getByRole('button').click();
      await calendar.locator(`[data-day="${last}"]`).getByRole('button').click();
      await expect(fromInput(page)).toHaveValue(first);
      await expect(toInput(page)).toHaveValue(last);
      await expect(calendar).toContainText('2 days selected.');
    }
    await page.keyboard.press('Escape');
    await expect(calendar).toBeHidden();
  });
});
