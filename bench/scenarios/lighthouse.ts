/**
 * Lighthouse 12.2.3 (the last major that runs on Node 20) with its default, mobile profile (simulated slow 4G and a
 * 4x slower CPU), on the dashboard and on the empty page, alternately, two runs each, each in a fresh Chromium.
 * Chromium may resolve no host but loopback, and Lighthouse is kept from anything that would look beyond the page
 * (no full-page screenshot, only the two categories that the table shows).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { BenchContext } from '../context';
import { formatMs, formatRatio, ratio, type Scenario } from '../figures';
import { mean } from '../stats';

const RUNS = 2;
/** A run that takes longer than this is waiting for something that will not come (a network fetch, say). */
const RUN_TIMEOUT_MS = 90_000;

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

interface Run {
  performance: number;
  accessibility: number;
  totalBlockingTimeMs: number;
  largestContentfulPaintMs: number;
  firstContentfulPaintMs: number;
  scriptTransferBytes: number;
  wallMs: number;
  /**
   * Where the main thread's time went, for the analysis of a slow run. (Not the LCP element: Lighthouse 12.2.3's
   * TraceElements gatherer fails on the trace of Debian's current Chromium.)
   */
  diagnostics: { bootupMs: Record<string, number>; mainThreadMs: Record<string, number> };
}

/** The first `n` rows of a table audit, as { label: milliseconds }. */
function topRows(details: unknown, label: string, value: string, n: number): Record<string, number> {
  const items = (details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
  return Object.fromEntries(
    items
      .filter((item) => typeof item[value] === 'number')
      .sort((a, b) => (b[value] as number) - (a[value] as number))
      .slice(0, n)
      .map((item) => [String(item[label]).replace(/^https?:\/\/[^/]+/, ''), Math.round(item[value] as number)]),
  );
}

export async function audit(url: string, chromePath: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Lighthouse on ${url} took over ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
    });
    const result = await Promise.race([
      lighthouse(
        url,
        { port: chrome.port, logLevel: 'error', output: 'json' },
        {
          extends: 'lighthouse:default',
          settings: { onlyCategories: ['performance', 'accessibility'], disableFullPageScreenshot: true },
        },
      ),
      timeout,
    ]);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const resources = lhr.audits['resource-summary']?.details;
    const scriptRow =
      resources && resources.type === 'table'
        ? resources.items.find((item) => item.resourceType === 'script')
        : undefined;
    return {
      performance: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? Number.NaN) * 100),
      totalBlockingTimeMs: numeric('total-blocking-time'),
      largestContentfulPaintMs: numeric('largest-contentful-paint'),
      firstContentfulPaintMs: numeric('first-contentful-paint'),
      scriptTransferBytes: typeof scriptRow?.transferSize === 'number' ? scriptRow.transferSize : Number.NaN,
      wallMs: performance.now() - started,
      diagnostics: {
        bootupMs: topRows(lhr.audits['bootup-time']?.details, 'url', 'total', 6),
        mainThreadMs: topRows(lhr.audits['mainthread-work-breakdown']?.details, 'groupLabel', 'duration', 8),
      },
    };
  } finally {
    clearTimeout(timer);
    chrome.kill();
  }
}

const WARM_UP_REQUESTS = 5;

async function warmUp(url: string): Promise<void> {
  for (let i = 0; i < WARM_UP_REQUESTS; i += 1) {
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`warming up ${url}: it answered ${res.status}`);
    await res.text();
  }
}

const list = (runs: Run[], pick: (run: Run) => number, format: (n: number) => string) => runs.map((r) => format(pick(r))).join(', ');

export const lighthouseScenario: Scenario<BenchContext> = {
  name: 'lighthouse',
  async run({ dashboard, emptyPage, chromiumPath }) {
    const ours: Run[] = [];
    const empty: Run[] = [];
    // Both servers have served their page before, as a server in use has: the first render after a start loads and
    // compiles the page's server code, which would fall on the first audit alone.
    for (const url of [dashboard.url, emptyPage.url]) await warmUp(`${url}/`);
    // Alternating spreads whatever else the machine is doing over both pages alike.
    for (let i = 0; i < RUNS; i += 1) {
      ours.push(await audit(`${dashboard.url}/`, chromiumPath));
      empty.push(await audit(`${emptyPage.url}/`, chromiumPath));
    }
    const avg = (runs: Run[], pick: (run: Run) => number) => mean(runs.map(pick));
    const perfOurs = avg(ours, (r) => r.performance);
    const perfEmpty = avg(empty, (r) => r.performance);
    const tbt = ratio(avg(ours, (r) => r.totalBlockingTimeMs), avg(empty, (r) => r.totalBlockingTimeMs));
    const lcp = ratio(avg(ours, (r) => r.largestContentfulPaintMs), avg(empty, (r) => r.largestContentfulPaintMs));
    const a11y = Math.min(...ours.map((r) => r.accessibility));
    const score = (n: number) => String(n);
    return {
      figures: [
        {
          figure: `Lighthouse performance (mobile profile), ${RUNS} runs`,
          value: list(ours, (r) => r.performance, score),
          baseline: list(empty, (r) => r.performance, score),
          ratio: formatRatio(ratio(perfOurs, perfEmpty)),
          goal: '>= 95, within 3 points of the empty page',
          met: ours.every((r) => r.performance >= 95) && perfEmpty - perfOurs <= 3,
        },
        {
          figure: 'Lighthouse total blocking time',
          value: list(ours, (r) => r.totalBlockingTimeMs, formatMs),
          baseline: list(empty, (r) => r.totalBlockingTimeMs, formatMs),
          ratio: formatRatio(tbt),
          goal: '<= 1.5x the empty page',
          met: tbt <= 1.5,
        },
        {
          figure: 'Lighthouse largest contentful paint',
          value: list(ours, (r) => r.largestContentfulPaintMs, formatMs),
          baseline: list(empty, (r) => r.largestContentfulPaintMs, formatMs),
          ratio: formatRatio(lcp),
          goal: '<= 1.5x the empty page',
          met: lcp <= 1.5,
        },
        {
          figure: 'Lighthouse accessibility',
          value: list(ours, (r) => r.accessibility, score),
          baseline: list(empty, (r) => r.accessibility, score),
          ratio: formatRatio(ratio(mean(ours.map((r) => r.accessibility)), mean(empty.map((r) => r.accessibility)))),
          goal: '100 (keep)',
          met: a11y === 100,
        },
      ],
      details: { dashboard: ours, emptyPage: empty, ratios: { totalBlockingTime: tbt, largestContentfulPaint: lcp } },
    };
  },
};
