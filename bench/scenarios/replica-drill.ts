/**
 * The replica drill as a figure: the same load (600 summary creates in about three seconds, the first 160 at once,
 * alternating replicas) against one replica and against two with one DATABASE_URL, each with CDN_MAX_QPS=80, and the
 * most upstream calls the emulator saw in any rolling second beside that budget. Two replicas acting as one stay at
 * the budget; two separate budgets would reach up to twice it (and the emulator's 100-a-second limit). The rig, its
 * own emulator and PostgreSQL server included, is the drill test's (test/replica-drill.ts, e2e/replicas.spec.ts).
 */
import { countStatuses, createBurst, DRILL_MAX_QPS, startReplicaRig } from '../../test/replica-drill';
import type { BenchContext } from '../context';
import { formatRatio, type Figure, type Scenario } from '../figures';

const LOAD = { total: 600, atOnce: 160, spreadMs: 3000 };
/** Arrival jitter allowed at the emulator, as in the drill test. */
const JITTER = Math.round(DRILL_MAX_QPS / 5);

interface DrillRun {
  replicas: number;
  budget: number;
  busiestSecond: number;
  throttling: number;
  answers: Record<string, number>;
  upstreamTasks: number;
  ms: number;
}

async function drill(replicas: number, distDir: string): Promise<DrillRun> {
  const rig = await startReplicaRig({ replicas, distDir });
  try {
    await rig.emulator.reset();
    const started = performance.now();
    const answers = await createBurst(rig, { ...LOAD, namePrefix: `bench-${replicas}` });
    const ms = Math.round(performance.now() - started);
    const stats = await rig.emulator.stats();
    return {
      replicas,
      budget: rig.budget,
      busiestSecond: stats.busiestSecond.total,
      throttling: stats.errors.Throttling ?? 0,
      answers: countStatuses(answers),
      upstreamTasks: await rig.upstreamTaskCount(),
      ms,
    };
  } finally {
    await rig.stop();
  }
}

export const replicaDrill: Scenario<BenchContext> = {
  name: 'replica drill',
  async run(context) {
    const runs: DrillRun[] = [];
    for (const replicas of [1, 2]) runs.push(await drill(replicas, context.distDir));
    const figures: Figure[] = runs.map((r) => ({
      figure: `upstream calls per rolling second (max), ${r.replicas} replica${r.replicas === 1 ? '' : 's'}`,
      value: `${r.busiestSecond} (${r.throttling} Throttling)`,
      baseline: `${r.budget} (CDN_MAX_QPS)`,
      ratio: formatRatio(r.busiestSecond / r.budget),
      goal: `<= ${r.budget} + jitter (${r.budget + JITTER}), 0 Throttling`,
      met: r.busiestSecond <= r.budget + JITTER && r.throttling === 0,
    }));
    return { figures, details: { load: LOAD, jitter: JITTER, runs } };
  },
};
