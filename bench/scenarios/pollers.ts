/**
 * Many dashboards open on one list. The model is what the dashboard itself does (lib/api/exports.ts,
 * lib/api/health.ts): while a task on screen is still being generated, each open dashboard asks for its list every
 * POLL_INTERVAL_MS (3 s), one request at a time on its own keep-alive connection, and for /api/health every
 * HEALTH_INTERVAL_MS (30 s). So 200 dashboards offer about 67 list requests a second, each poller starting at a
 * random moment, as real ones would (an open-loop schedule: a slow answer does not make the others wait).
 *
 * Figures: the lists' p95 latency and the upstream list calls per second, with the list cache on (the default) and,
 * as the baseline, off; then the same with the health checks added (they go past the cache by design, see
 * lib/server/exports-service.ts); then a stress run with autocannon, 200 connections each sending a request a
 * second (three times the real rate), to show the headroom.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { HEALTH_INTERVAL_MS } from '@/lib/api/health';
import { POLL_INTERVAL_MS } from '@/lib/api/exports';
import type { BenchContext } from '../context';
import { formatMs, formatRatio, ratio, type Figure, type Scenario } from '../figures';
import type { EmulatorProcess } from '../processes';
import { quantile, sleep } from '../stats';

const DASHBOARDS = 200;
const DURATION_S = Number(process.env.BENCH_POLL_S ?? 15);
const LIST_ACTION = 'DescribeUserUsageDataExportTask';
const P95_GOAL_MS = 50;
const UPSTREAM_GOAL_PER_S = 1;

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** One dashboard's query: `url` every `intervalMs` from a random phase, never two at once, until `until`. */
async function poll(url: string, intervalMs: number, until: number, agent: Agent, latencies: number[], failures: { n: number }): Promise<void> {
  let next = performance.now() + Math.random() * intervalMs;
  for (;;) {
    await sleep(Math.max(0, next - performance.now()));
    if (performance.now() >= until) return;
    const started = performance.now();
    const status = await get(url, agent);
    latencies.push(performance.now() - started);
    if (status !== 200) failures.n += 1;
    next = Math.max(next + intervalMs, performance.now());
  }
}

interface PollRun {
  label: string;
  requests: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  upstreamListCallsPerS: number;
}

async function listCalls(emulator: EmulatorProcess): Promise<number> {
  return (await emulator.stats()).calls[LIST_ACTION] ?? 0;
}

async function dashboards(context: BenchContext, origin: string, label: string, withHealth: boolean): Promise<PollRun> {
  // A browser keeps several connections to an origin: the health check does not queue behind a list.
  const agents = Array.from({ length: DASHBOARDS }, () => ({
    list: new Agent({ keepAlive: true, maxSockets: 1 }),
    health: new Agent({ keepAlive: true, maxSockets: 1 }),
  }));
  const latencies: number[] = [];
  const failures = { n: 0 };
  const before = await listCalls(context.emulator);
  const started = performance.now();
  const until = started + DURATION_S * 1000;
  await Promise.all(
    agents.flatMap((agent) => [
      poll(`${origin}${context.listPath}`, POLL_INTERVAL_MS, until, agent.list, latencies, failures),
      ...(withHealth ? [poll(`${origin}/api/health`, HEALTH_INTERVAL_MS, until, agent.health, [], failures)] : []),
    ]),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const calls = (await listCalls(context.emulator)) - before;
  for (const agent of agents) {
    agent.list.destroy();
    agent.health.destroy();
  }
  return {
    label,
    requests: latencies.length,
    failures: failures.n,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    p99Ms: quantile(latencies, 0.99),
    upstreamListCallsPerS: calls / elapsedS,
  };
}

async function stress(context: BenchContext): Promise<PollRun> {
  const before = await listCalls(context.emulator);
  const result = await autocannon({
    url: `${context.dashboard.url}${context.listPath}`,
    connections: DASHBOARDS,
    connectionRate: 1,
    duration: DURATION_S,
  });
  const calls = (await listCalls(context.emulator)) - before;
  return {
    label: 'autocannon',
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    // autocannon reports p90 and p97.5, not p95: the p97.5 errs on the safe side.
    p95Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    upstreamListCallsPerS: calls / result.duration,
  };
}

export const pollers: Scenario<BenchContext> = {
  name: '200 pollers',
  async run(context) {
    // Warm the cache and the connections' first answers out of the figures.
    await (await fetch(`${context.dashboard.url}${context.listPath}`)).arrayBuffer();
    const cached = await dashboards(context, context.dashboard.url, 'cache on', false);
    const uncached = await dashboards(context, context.dashboardUncached.url, 'cache off', false);
    const withHealth = await dashboards(context, context.dashboard.url, 'cache on, with health checks', true);
    const heavy = await stress(context);
    const failed = (run: PollRun) => (run.failures > 0 ? ` (${run.failures} failed)` : '');
    const figures: Figure[] = [
      {
        figure: `${DASHBOARDS} dashboards polling one list every ${POLL_INTERVAL_MS / 1000} s: p95 (baseline: list cache off)${failed(cached)}`,
        value: formatMs(cached.p95Ms),
        baseline: formatMs(uncached.p95Ms),
        ratio: formatRatio(ratio(cached.p95Ms, uncached.p95Ms)),
        goal: `<= ${P95_GOAL_MS} ms`,
        met: cached.p95Ms <= P95_GOAL_MS && cached.failures === 0,
      },
      {
        figure: `${DASHBOARDS} dashboards: upstream list calls a second (baseline: list cache off)`,
        value: cached.upstreamListCallsPerS.toFixed(2),
        baseline: uncached.upstreamListCallsPerS.toFixed(2),
        ratio: formatRatio(ratio(cached.upstreamListCallsPerS, uncached.upstreamListCallsPerS)),
        goal: `<= ${UPSTREAM_GOAL_PER_S}`,
        met: cached.upstreamListCallsPerS <= UPSTREAM_GOAL_PER_S,
      },
      {
        figure: `the same, with each dashboard's health check every ${HEALTH_INTERVAL_MS / 1000} s: p95, upstream calls a second${failed(withHealth)}`,
        value: `${formatMs(withHealth.p95Ms)}, ${withHealth.upstreamListCallsPerS.toFixed(2)}/s`,
        baseline: `${formatMs(cached.p95Ms)}, ${cached.upstreamListCallsPerS.toFixed(2)}/s`,
        ratio: formatRatio(ratio(withHealth.upstreamListCallsPerS, cached.upstreamListCallsPerS)),
        goal: '-',
        met: null,
      },
      {
        figure: `stress: autocannon, ${DASHBOARDS} connections x 1 request a second: p97.5 (baseline: real polling p95)${failed(heavy)}`,
        value: formatMs(heavy.p95Ms),
        baseline: formatMs(cached.p95Ms),
        ratio: formatRatio(ratio(heavy.p95Ms, cached.p95Ms)),
        goal: '-',
        met: null,
      },
    ];
    return { figures, details: { durationS: DURATION_S, dashboards: DASHBOARDS, pollIntervalMs: POLL_INTERVAL_MS, runs: [cached, uncached, withHealth, heavy] } };
  },
};
