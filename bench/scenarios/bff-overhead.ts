/**
 * What the BFF adds to a list, against calling CDN's SDK directly, with the upstream answering at once and 30 ms late.
 *
 * The fair comparison: both arms ask the same emulator for the same page (summary, page 1, size 20), from the same
 * process, one request at a time, alternating (so any other load on the machine falls on both alike), with warm
 * connections and one long-lived client each, as in production. The BFF arm is what a browser waits for: HTTP to
 * the server, Next's routing, validation, the limiter, the SDK call, the shape check, the mapping and the JSON
 * answer, parsed. The direct arm is the least a client of CDN must do: the SDK call (signing included) and reading
 * the body. The BFF runs with CDN_LIST_CACHE_MS=0, because a cache hit never goes upstream and would make the
 * BFF look faster than CDN itself. Requests are paced so that neither the BFF's CDN_MAX_QPS nor the emulator's
 * 100 calls per second ever delays one; the emulator's stats confirm that nothing was throttled.
 * Overhead = (median BFF - median direct) / median direct.
 *
 * Beside them, in the run without upstream latency, what an answer costs that calls nothing upstream: the smallest
 * route handler of the same Next.js version (the empty app's GET /api/ping), and this app's answer to an unknown API
 * path (proxy.ts, routing, the error answer). They are the floor under any BFF list on this machine, and show how much
 * of the overhead is Next's own.
 */
import CdnModule, { DescribeUserUsageDataExportTaskRequest } from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { BenchContext } from '../context';
import { formatMs, formatPercent, formatRatio, ratio, type Figure, type Scenario } from '../figures';
import { BENCH_KEY_ID, BENCH_KEY_SECRET } from '../processes';
import { median, quantile, sleep } from '../stats';

const LIST_ACTION = 'DescribeUserUsageDataExportTask';
const GOAL = 0.1;
const WARMUP = 20;
/** At least this long between the starts of two requests: 40 a second, under CDN_MAX_QPS (50) and the emulator's 100. */
const PACE_MS = 25;

/** The SDK's packages are CommonJS; under tsx the default import is the whole module object. */
function sdkClass<T>(imported: T): T {
  const inner = (imported as { default?: unknown }).default;
  return (typeof imported === 'function' ? imported : (inner ?? imported)) as T;
}

function directClient(emulatorPort: number) {
  const Client = sdkClass(CdnModule);
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: BENCH_KEY_ID,
      accessKeySecret: BENCH_KEY_SECRET,
      endpoint: `127.0.0.1:${emulatorPort}`,
      protocol: 'http',
      readTimeout: 10_000,
      connectTimeout: 10_000,
    }),
  );
}

interface Samples {
  upstreamDelayMs: number;
  bffMs: number[];
  directMs: number[];
  /** Answers without an upstream call, measured in the same rounds (only in the run without latency). */
  floorMs?: { emptyRoute: number[]; apiNotFound: number[] };
  upstreamCalls: number;
  upstreamErrors: Record<string, number>;
}

async function expectAnswer(url: string, status: number): Promise<void> {
  const res = await fetch(url);
  if (res.status !== status) throw new Error(`${url} answered ${res.status}, not ${status}: ${await res.text()}`);
  await res.json();
}

async function measure(context: BenchContext, upstreamDelayMs: number, iterations: number, withFloors: boolean): Promise<Samples> {
  const { emulator, dashboardUncached, emptyPage } = context;
  const sdk = directClient(emulator.port);
  const url = `${dashboardUncached.url}${context.listPath}`;
  const bff = () => expectAnswer(url, 200);
  const direct = async () => {
    const res = await sdk.describeUserUsageDataExportTask(new DescribeUserUsageDataExportTaskRequest({ pageNumber: '1', pageSize: '20' }));
    res.body?.toMap();
  };
  const emptyRoute = () => expectAnswer(`${emptyPage.url}/api/ping`, 200);
  const apiNotFound = () => expectAnswer(`${dashboardUncached.url}/api/no-such-endpoint`, 404);
  const timed = async (fn: () => Promise<void>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };

  await emulator.setLatency(LIST_ACTION, upstreamDelayMs);
  try {
    const arms = new Map<() => Promise<void>, number[]>();
    for (const fn of withFloors ? [bff, direct, emptyRoute, apiNotFound] : [bff, direct]) arms.set(fn, []);
    for (let i = 0; i < WARMUP; i += 1) for (const fn of arms.keys()) await fn();
    const before = await emulator.stats();
    for (let i = 0; i < iterations; i += 1) {
      // Alternate the order of the arms, too.
      const order = i % 2 === 0 ? [...arms.keys()] : [...arms.keys()].reverse();
      for (const fn of order) {
        const started = performance.now();
        arms.get(fn)?.push(await timed(fn));
        await sleep(Math.max(0, PACE_MS - (performance.now() - started)));
      }
    }
    const samplesOf = (fn: () => Promise<void>) => arms.get(fn) ?? [];
    const after = await emulator.stats();
    const upstreamErrors = Object.fromEntries(
      Object.entries(after.errors)
        .map(([code, n]) => [code, n - (before.errors[code] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    return {
      upstreamDelayMs,
      bffMs: samplesOf(bff),
      directMs: samplesOf(direct),
      ...(withFloors ? { floorMs: { emptyRoute: samplesOf(emptyRoute), apiNotFound: samplesOf(apiNotFound) } } : {}),
      upstreamCalls: (after.calls[LIST_ACTION] ?? 0) - (before.calls[LIST_ACTION] ?? 0),
      upstreamErrors,
    };
  } finally {
    await emulator.setLatency(LIST_ACTION, 0);
  }
}

function figure(s: Samples, goal: boolean): Figure {
  const bff = median(s.bffMs);
  const direct = median(s.directMs);
  const overhead = (bff - direct) / direct;
  return {
    figure: `BFF list vs direct SDK call, upstream +${s.upstreamDelayMs} ms (median of ${s.bffMs.length}; overhead ${formatPercent(overhead)})`,
    value: formatMs(bff),
    baseline: formatMs(direct),
    ratio: formatRatio(ratio(bff, direct)),
    goal: goal ? `overhead <= ${GOAL * 100}%` : '-',
    met: goal ? overhead <= GOAL : null,
  };
}

function floorFigure(floor: NonNullable<Samples['floorMs']>): Figure {
  const notFound = median(floor.apiNotFound);
  const emptyRoute = median(floor.emptyRoute);
  return {
    figure: 'no upstream call: this app\'s API 404 (baseline: the smallest route handler of the same Next.js)',
    value: formatMs(notFound),
    baseline: formatMs(emptyRoute),
    ratio: formatRatio(ratio(notFound, emptyRoute)),
    goal: '-',
    met: null,
  };
}

export const bffOverhead: Scenario<BenchContext> = {
  name: 'BFF overhead',
  async run(context) {
    const runs = [await measure(context, 0, 200, true), await measure(context, 30, 120, false)];
    for (const run of runs) {
      // Each BFF list must have cost exactly one upstream call, and none may have been refused: otherwise the
      // comparison is not of like with like.
      const expected = run.bffMs.length + run.directMs.length;
      if (run.upstreamCalls !== expected || Object.keys(run.upstreamErrors).length > 0) {
        throw new Error(`BFF overhead at +${run.upstreamDelayMs} ms: ${run.upstreamCalls} upstream calls for ${expected} requests, errors ${JSON.stringify(run.upstreamErrors)}`);
      }
    }
    const floor = runs[0]?.floorMs;
    return {
      figures: [...runs.map((run) => figure(run, run.upstreamDelayMs === 30)), ...(floor ? [floorFigure(floor)] : [])],
      details: Object.fromEntries(
        runs.map((run) => [
          `upstream+${run.upstreamDelayMs}ms`,
          {
            bff: { medianMs: median(run.bffMs), p90Ms: quantile(run.bffMs, 0.9), n: run.bffMs.length },
            direct: { medianMs: median(run.directMs), p90Ms: quantile(run.directMs, 0.9), n: run.directMs.length },
            overhead: (median(run.bffMs) - median(run.directMs)) / median(run.directMs),
            upstreamCalls: run.upstreamCalls,
            ...(run.floorMs
              ? {
                  emptyRouteHandler: { medianMs: median(run.floorMs.emptyRoute), p90Ms: quantile(run.floorMs.emptyRoute, 0.9), n: run.floorMs.emptyRoute.length },
                  apiNotFound: { medianMs: median(run.floorMs.apiNotFound), p90Ms: quantile(run.floorMs.apiNotFound, 0.9), n: run.floorMs.apiNotFound.length },
                }
              : {}),
          },
        ]),
      ),
    };
  },
};
