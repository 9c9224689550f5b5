/**
 * `npm run bench`: what the BFF's policies buy, measured as ratios within one run on this machine, so that the
 * numbers compare like with like whatever the machine's speed.
 *
 * 1. Many dashboards polling one list: the BFF's answers per second and the upstream calls they cost, with the
 *    list cache on and off (in-flight coalescing stays on in both: it is not a setting).
 * 2. Export files: generating a 31-day usage-details workbook against a 1-day one (the cost should grow linearly).
 *
 * It starts the emulator in-process and a production server (building it first when there is no build), sends load
 * only to loopback, and stops by itself. Results: a table on stdout and bench/results.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { startEmulator } from '../emulator/server';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 100;
const KEY_ID = 'bench-key-id';
const KEY_SECRET = 'bench-key-secret';

interface Row {
  scenario: string;
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
  upstreamCalls: number;
  upstreamCallsPerRequest: number;
}

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

async function upstreamCalls(emulatorUrl: string, action: string): Promise<number> {
  const stats = (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls[action] ?? 0;
}

async function load(url: string, headers?: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
}

async function main(): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    console.log('No production build found: running next build…');
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) throw new Error('next build failed');
  }

  const emulator = await startEmulator({ port: 0, accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, taskMs: 1000 });
  const rows: Row[] = [];
  try {
    // Two servers from the same build, one with the list cache and one without, against the same emulator.
    for (const [label, cacheMs] of [
      ['list cache on (2 s)', '2000'],
      ['list cache off', '0'],
    ] as const) {
      const appPort = await freePort();
      const app: ChildProcess = spawn('npx', ['next', 'start', '--port', String(appPort)], {
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: '1',
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
          ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY_SECRET,
          CDN_ENDPOINT: emulator.url,
          CDN_LIST_CACHE_MS: cacheMs,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      });
      try {
        const appUrl = `http://127.0.0.1:${appPort}`;
        await waitFor(`${appUrl}/api/health`, 60_000);
        if (rows.length === 0) await seedTasks(appUrl);
        const action = 'DescribeUserUsageDataExportTask';
        const before = await upstreamCalls(emulator.url, action);
        const result = await load(`${appUrl}/api/exports?kind=summary&page=1&size=20`);
        const calls = (await upstreamCalls(emulator.url, action)) - before;
        rows.push({
          scenario: `${label}, ${CONNECTIONS} pollers`,
          requestsPerSec: result.requests.average,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          upstreamCalls: calls,
          upstreamCallsPerRequest: calls / Math.max(1, result.requests.total),
        });
      } finally {
        if (app.pid) process.kill(-app.pid, 'SIGTERM');
      }
    }
  } finally {
    await emulator.close();
  }

  // File generation cost, through the emulator's own generator.
  const { generateXlsx } = await import('../emulator/files-xlsx');
  const timeIt = async (days: number) => {
    const start = performance.now();
    await generateXlsx({ startTime: '2026-10-01T00:00:00Z', days, domains: ['a.example.com', 'b.example.com', 'c.example.com'], type: 'flow' });
    return performance.now() - start;
  };
  await timeIt(1);
  const oneDay = await timeIt(1);
  const month = await timeIt(31);

  const [cached, uncached] = rows as [Row, Row];
  const summary = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    durationS: DURATION_S,
    rows,
    ratios: {
      upstreamCallsCacheOffVsOn: uncached.upstreamCallsPerRequest / Math.max(cached.upstreamCallsPerRequest, 1e-9),
      throughputCacheOnVsOff: cached.requestsPerSec / uncached.requestsPerSec,
      xlsx31DaysVs1Day: month / oneDay,
    },
    xlsxMs: { oneDay, month },
  };
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      'req/s': Math.round(r.requestsPerSec),
      'p99 ms': r.p99Ms,
      'non-2xx': r.non2xx,
      'upstream calls': r.upstreamCalls,
      'upstream per request': r.upstreamCallsPerRequest.toFixed(4),
    })),
  );
  console.table({
    'upstream calls per poll, cache off / on': summary.ratios.upstreamCallsCacheOffVsOn.toFixed(1),
    'throughput, cache on / off': summary.ratios.throughputCacheOnVsOff.toFixed(2),
    'xlsx 31 days / 1 day': summary.ratios.xlsx31DaysVs1Day.toFixed(1),
  });
  writeFileSync('bench/results.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log('Wrote bench/results.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
