/**
 * `npm run bench`: the performance figures (bench/figures.ts), each beside its baseline and as a ratio, measured side by side in one run
 * on this machine so that they compare like with like whatever the machine's speed. It prints a markdown table and
 * writes bench/results.json.
 *
 * It builds the dashboard for production into its own folder (.next-bench; BENCH_SKIP_BUILD=1 reuses an existing
 * one) and an empty page of the same Next.js version (empty-app.ts), starts the CDN emulator and three servers on
 * free loopback ports (the dashboard with its defaults, the dashboard with the list cache off, the empty page), runs
 * every scenario in order and stops everything it started. The replica drill starts its own emulator, PostgreSQL server
 * and replicas of the same build. Scenarios live in bench/scenarios/, one per concern; a
 * new one is a Scenario<BenchContext> added to SCENARIOS.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from '../scripts/chromium-path.mjs';
import type { BenchContext } from './context';
import { writeEmptyApp } from './empty-app';
import { renderTable, type Figure, type Scenario } from './figures';
import { BENCH_KEY_ID, BENCH_KEY_SECRET, nextBuild, nextStart, startEmulatorProcess, type Started } from './processes';
import { bffOverhead } from './scenarios/bff-overhead';
import { lighthouseScenario } from './scenarios/lighthouse';
import { pageWeight } from './scenarios/page-weight';
import { pollers } from './scenarios/pollers';
import { replicaDrill } from './scenarios/replica-drill';
import { workbook } from './scenarios/workbook';

const SCENARIOS: Scenario<BenchContext>[] = [pageWeight, lighthouseScenario, bffOverhead, pollers, workbook, replicaDrill];
const DIST_DIR = '.next-bench';
const LIST_PATH = '/api/exports?kind=summary&page=1&size=20';
/** Tasks stay "created" through the run: that is when dashboards poll. */
const TASK_MS = 3_600_000;

/** Some tasks, so that the list has content. */
async function seedTasks(appUrl: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const res = await fetch(`${appUrl}/api/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'summary', startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-02T00:00:00Z' }),
    });
    if (res.status !== 201) throw new Error(`seeding a task answered ${res.status}: ${await res.text()}`);
  }
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  const repoRoot = process.cwd();
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium): install Debian\'s chromium.');
  const startedAt = new Date();

  const builds: Record<string, number> = {};
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(path.join(DIST_DIR, 'BUILD_ID'))) {
    log(`reusing the build in ${DIST_DIR}`);
  } else {
    log(`next build (dashboard) into ${DIST_DIR}…`);
    builds.dashboardMs = nextBuild('.', { NEXT_DIST_DIR: DIST_DIR }).ms;
  }
  log('next build (empty page)…');
  const emptyDir = writeEmptyApp(repoRoot);
  builds.emptyPageMs = nextBuild(emptyDir, {}).ms;

  const started: Started[] = [];
  const dataDirs: string[] = [];
  try {
    log('starting the emulator and three servers…');
    const emulator = await startEmulatorProcess(TASK_MS);
    started.push(emulator);
    const dashboardEnv = (listCacheMs: string): Record<string, string> => {
      // Each server its own record folder: once the store lands, two servers may not share one.
      const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-data-'));
      dataDirs.push(dataDir);
      return {
        NODE_ENV: 'production',
        NEXT_DIST_DIR: DIST_DIR,
        AUTH_MODE: 'none',
        DATA_DIR: dataDir,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_ACCESS_KEY_ID: BENCH_KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: BENCH_KEY_SECRET,
        CDN_ENDPOINT: emulator.url,
        CDN_LIST_CACHE_MS: listCacheMs,
      };
    };
    const dashboard = await nextStart('.', dashboardEnv('2000'), '/api/health');
    started.push(dashboard);
    const dashboardUncached = await nextStart('.', dashboardEnv('0'), '/api/health');
    started.push(dashboardUncached);
    const emptyPage = await nextStart(emptyDir, { NODE_ENV: 'production' }, '/');
    started.push(emptyPage);
    await seedTasks(dashboard.url);

    const context: BenchContext = { emulator, dashboard, dashboardUncached, emptyPage, chromiumPath, listPath: LIST_PATH, distDir: DIST_DIR };
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    const timings: Record<string, number> = {};
    // BENCH_ONLY="lighthouse,page weight" runs just those scenarios, for a quicker loop while working on one figure.
    const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
      log(`${scenario.name}…`);
      const t0 = performance.now();
      const result = await scenario.run(context);
      timings[scenario.name] = Math.round(performance.now() - t0);
      figures.push(...result.figures);
      details[scenario.name] = result.details;
    }

    const table = renderTable(figures);
    console.log(`\n${table}\n`);
    const results = {
      startedAt: startedAt.toISOString(),
      totalS: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), node: process.version },
      builds,
      scenarioMs: timings,
      figures,
      table,
      details,
    };
    writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote bench/results.json (${results.totalS} s in all)`);
  } finally {
    for (const s of started.reverse()) await s.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
