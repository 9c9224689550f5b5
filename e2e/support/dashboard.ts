/**
 * Helpers for the dashboard's browser tests: tasks made quickly through the BFF's own API (as a script would), the
 * days the form should show, and an axe check that fails only on serious or critical problems.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { addDays, format, parseISO } from 'date-fns';
import type { ExportKind } from '../../lib/exports/schemas';
import { emulator } from './emulator';
import { dayOf, dayRangeToUtc, presetRange, type DayRange, type PresetId } from '../../lib/exports/time-range';

/** The zone the app under test uses: playwright.config.ts passes the environment through, default as the app's. */
export const REPORT_TZ = process.env.REPORT_TIME_ZONE ?? 'Asia/Shanghai';


export function today(): string {
  return dayOf(Date.now(), REPORT_TZ);
}

export function shiftDay(day: string, delta: number): string {
  return format(addDays(parseISO(day), delta), 'yyyy-MM-dd');
}

export function preset(id: PresetId): DayRange {
  return presetRange(id, Date.now(), REPORT_TZ);
}

export function utc(days: DayRange) {
  return dayRangeToUtc(days, REPORT_TZ);
}

interface CreateOptions {
  kind?: ExportKind;
  days?: DayRange;
  name?: string;
}

/**
 * A clean slate: the emulator forgets every task and fault, and the test waits until the BFF's short-lived list
 * cache (CDN_LIST_CACHE_MS) has let go of the previous test's tasks.
 */
export async function resetAll(request: APIRequestContext) {
  await emulator.reset();
  // The BFF caches each (kind, page, size) on its own: check the first pages the tests open.
  for (const kind of ['summary', 'detail'] as const) {
    for (const size of [20, 50]) {
      await expect
        .poll(
          async () => {
            const res = await request.get(`/api/exports?kind=${kind}&page=1&size=${size}`);
            return res.ok() ? ((await res.json()) as { total: number }).total : -1;
          },
          { timeout: 10_000, intervals: [250] },
        )
        .toBe(0);
    }
  }
}

/** One task through `POST /api/exports`, as a script would make it (no Origin header, so the BFF lets it through). */
export async function createTask(request: APIRequestContext, { kind = 'summary', days = preset('yesterday'), name }: CreateOptions = {}) {
  const body = { kind, ...utc(days), ...(name ? { name } : {}), ...(kind === 'detail' ? { type: 'flow' } : {}) };
  const res = await request.post('/api/exports', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { task: { id: string; name: string; startTime: string; endTime: string } };
}

/** Many tasks, a few at a time: well inside the BFF's upstream budget (50 calls per second). */
export async function createTasks(request: APIRequestContext, count: number, kind: ExportKind = 'summary', prefix = 'Task') {
  const names = Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(2, '0')}`);
  // One at a time: the specs read the list's order (newest first), which parallel creates would leave to chance.
  for (const name of names) await createTask(request, { kind, name });
  return names;
}

/** Waits until the BFF lists no task of `kind` as still generating. */
export async function waitUntilAllReady(request: APIRequestContext, kind: ExportKind = 'summary') {
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/exports?kind=${kind}&page=1&size=50`);
        const body = (await res.json()) as { tasks: { status: string }[] };
        return body.tasks.filter((t) => t.status === 'created').length;
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe(0);
}

/**
 * Opens the dashboard and waits until the list has answered: by then the page is hydrated, so what a test types is
 * not overwritten by React taking over the server's HTML.
 */
export async function gotoDashboard(page: Page, path = '/') {
  await page.goto(path);
  await expect(panel(page).getByRole('navigation', { name: 'Pages' }).locator('[aria-live]')).toHaveText(/of \d+/, { timeout: 20_000 });
  // The rows come with the server's HTML: wait until React has taken the page over too (it marks the nodes it owns),
  // or a key pressed at once would go to a page that does not listen yet.
  await page.waitForFunction(
    () => {
      const tab = document.querySelector('[role="tablist"] [role="tab"]');
      return tab !== null && Object.keys(tab).some((key) => key.startsWith('__reactProps'));
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** The visible tab's panel. */
export function panel(page: Page): Locator {
  return page.getByRole('tabpanel');
}

export function rows(page: Page): Locator {
  return panel(page).locator('tbody tr').filter({ has: page.locator('td:last-child button') });
}

/** A task's row by name; also a row with no buttons at all (a viewer's, of a task still generating). */
export function rowNamed(page: Page, name: string): Locator {
  return panel(page).locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
}

export function fromInput(page: Page): Locator {
  return panel(page).getByLabel('From', { exact: true });
}

export function toInput(page: Page): Locator {
  return panel(page).getByLabel('To (inclusive)');
}

export function submitButton(page: Page): Locator {
  return panel(page).getByRole('button', { name: /^(Create (PDF|Excel) export|Split into \d+ tasks…|Creating…)$/ });
}

/**
 * Runs axe on the page as it is; fails with a readable list when anything serious or critical turns up. It first
 * waits for transitions to end (a notice fading in, a button changing colour): axe measures contrast through the
 * opacity of the moment, and would fail a notice caught half-way.
 */
export async function expectNoSeriousA11yViolations(page: Page, state: string) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`,
  );
  expect(report, `axe violations in state "${state}"`).toEqual([]);
}
