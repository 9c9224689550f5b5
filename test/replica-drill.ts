/**
 * The replica drill (README, "Several replicas"), shared by its test (e2e/replicas.spec.ts) and `npm run bench` (bench/scenarios/replica-drill.ts):
 * one CDN emulator, one real PostgreSQL server (scripts/postgres-server.mjs) and one or more `next start` servers of
 * the same production build with the same DATABASE_URL and CDN_MAX_QPS, all on loopback. The loads alternate
 * requests between the replicas; what the emulator saw (its stats, its task list through the official SDK) is the
 * evidence. Every loop is bounded in count and time, every request has a deadline.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BENCH_KEY_ID,
  BENCH_KEY_SECRET,
  nextStart,
  startEmulatorProcess,
  type EmulatorProcess,
  type ServerProcess,
} from '../bench/processes';
import { dayRangeToUtc, presetRange } from '../lib/exports/time-range';
import { startPostgres } from '../scripts/postgres-server.mjs';

// A CommonJS package with `exports.default = Client`: depending on the loader, the default import is the class itself
// or the module object.
const Client = ((CdnModule as unknown as { default?: typeof CdnModule }).default ?? CdnModule) as typeof CdnModule;

/** The drill's budget: two separate budgets (160 a second) would overrun the emulator's 100, one shared one never. */
export const DRILL_MAX_QPS = 80;
/** The upstream action of a summary create, as the emulator counts it. */
export const CREATE_ACTION = 'CreateUserUsageDataExportTask';
const ZONE = 'Asia/Shanghai';
const REQUEST_DEADLINE_MS = 30_000;

export interface ReplicaRigOptions {
  replicas: number;
  /** The production build to run (NEXT_DIST_DIR), built beforehand. */
  distDir: string;
  maxQps?: number;
  /** Fixed ports (e.g. a helper's range); free loopback ports otherwise. */
  emulatorPort?: number;
  appPorts?: readonly number[];
  /** Extra environment for every replica. */
  env?: Record<string, string>;
}

export interface UpstreamTask {
  id: string;
  name: string;
}

export interface ReplicaRig {
  emulator: EmulatorProcess;
  replicas: ServerProcess[];
  databaseUrl: string;
  budget: number;
  /** Every summary task at the emulator, through the official SDK (all pages). */
  upstreamTasks(): Promise<UpstreamTask[]>;
  /** The emulator's count of summary tasks (one SDK call). */
  upstreamTaskCount(): Promise<number>;
  /** Stops every replica, the emulator and PostgreSQL, and removes their folders; safe to call twice. */
  stop(): Promise<void>;
}

function sdkClient(port: number): InstanceType<typeof CdnModule> {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: BENCH_KEY_ID,
      accessKeySecret: BENCH_KEY_SECRET,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'http',
      readTimeout: 10_000,
      connectTimeout: 3000,
    }),
  );
}

export async function startReplicaRig(options: ReplicaRigOptions): Promise<ReplicaRig> {
  const budget = options.maxQps ?? DRILL_MAX_QPS;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // In reverse: replicas before the database and the upstream they use.
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    // Tasks stay "created" for the whole drill; their status is not what it is about.
    const emulator = await startEmulatorProcess(600_000, { port: options.emulatorPort });
    stops.push(() => emulator.stop());
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const replicas: ServerProcess[] = [];
    // One after the other: each migrates the database at start, and the machine may have only two cores.
    for (let i = 0; i < options.replicas; i++) {
      // Each its own (unused) record folder: with DATABASE_URL the record is PostgreSQL's, never a folder's.
      const dataDir = mkdtempSync(path.join(tmpdir(), `replica-drill-${i}-`));
      stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const replica = await nextStart(
        '.',
        {
          NODE_ENV: 'production',
          NEXT_DIST_DIR: options.distDir,
          AUTH_MODE: 'none',
          DATA_DIR: dataDir,
          DATABASE_URL: postgres.url,
          CDN_MAX_QPS: String(budget),
          CDN_ENDPOINT: emulator.url,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
          ALIBABA_CLOUD_ACCESS_KEY_ID: BENCH_KEY_ID,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: BENCH_KEY_SECRET,
          ...options.env,
        },
        '/api/health',
        { port: options.appPorts?.[i] },
      );
      stops.push(() => replica.stop());
      replicas.push(replica);
    }
    const sdk = sdkClient(emulator.port);
    const listPage = async (pageNumber: number) => {
      const res = await sdk.describeUserUsageDataExportTask(
        new $Cdn.DescribeUserUsageDataExportTaskRequest({ pageNumber: String(pageNumber), pageSize: '50' }),
      );
      const page = res.body?.usageDataPerPage;
      return {
        total: page?.totalCount ?? 0,
        tasks: (page?.data?.dataItem ?? []).map((item) => ({ id: item.taskId ?? '', name: item.taskName ?? '' })),
      };
    };
    return {
      emulator,
      replicas,
      databaseUrl: postgres.url,
      budget,
      async upstreamTaskCount() {
        return (await listPage(1)).total;
      },
      async upstreamTasks() {
        const first = await listPage(1);
        const tasks = [...first.tasks];
        // Bounded by the count the first page announced (the emulator allows 100 list calls a second; a drill holds
        // far fewer than 50 pages).
        for (let page = 2; (page - 1) * 50 < first.total && page <= 100; page++) tasks.push(...(await listPage(page)).tasks);
        return tasks;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A valid summary create of yesterday (in the report zone), with a name that identifies it in the emulator's list. */
export function createBody(name: string): Record<string, string> {
  return { kind: 'summary', name, ...dayRangeToUtc(presetRange('yesterday', Date.now(), ZONE), ZONE) };
}

export interface CreateAnswer {
  name: string;
  replica: number;
  /** The HTTP status, or 0 when no answer came (connection refused or cut, deadline). */
  status: number;
  taskId?: string;
  code?: string;
  retryAfterS?: number;
}

/** One POST /api/exports; never throws: a missing answer is status 0. */
export async function postCreate(baseUrl: string, body: Record<string, string>, idempotencyKey?: string): Promise<Omit<CreateAnswer, 'replica'>> {
  const name = body.name ?? '';
  try {
    const res = await fetch(`${baseUrl}/api/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    const text = await res.text();
    let json: { task?: { id?: string }; error?: { code?: string } } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // Not JSON: the status says enough.
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      name,
      status: res.status,
      taskId: json.task?.id,
      code: json.error?.code,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterS: retryAfter } : {}),
    };
  } catch {
    return { name, status: 0 };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BurstOptions {
  total: number;
  /** Sent together at the start. */
  atOnce: number;
  /** The rest are spread evenly over this long. */
  spreadMs: number;
  namePrefix: string;
  /** An Idempotency-Key per create (its name), or none. */
  withKeys?: boolean;
  /** Called after each answer (e.g. to kill a replica mid-burst). */
  onAnswer?(answer: CreateAnswer, answered: number): void;
  /** The replica request i goes to; by default they alternate. */
  replicaFor?(index: number): number;
}

/**
 * `total` creates, `atOnce` of them at once and the rest in 50 ms ticks over `spreadMs`, alternating replicas.
 * Resolves with every answer once all are in (each request has its own deadline).
 */
export async function createBurst(rig: ReplicaRig, options: BurstOptions): Promise<CreateAnswer[]> {
  const n = rig.replicas.length;
  const replicaFor = options.replicaFor ?? ((i: number) => i % n);
  const pending: Promise<CreateAnswer>[] = [];
  let answered = 0;
  const send = (i: number) => {
    const replica = replicaFor(i);
    const name = `${options.namePrefix}-${i}`;
    const url = rig.replicas[replica]?.url ?? '';
    pending.push(
      postCreate(url, createBody(name), options.withKeys ? name : undefined).then((a) => {
        const answer = { ...a, replica };
        answered += 1;
        options.onAnswer?.(answer, answered);
        return answer;
      }),
    );
  };
  for (let i = 0; i < Math.min(options.atOnce, options.total); i++) send(i);
  const rest = options.total - options.atOnce;
  if (rest > 0) {
    const tickMs = 50;
    const ticks = Math.max(1, Math.round(options.spreadMs / tickMs));
    const started = performance.now();
    let next = options.atOnce;
    for (let t = 1; t <= ticks && next < options.total; t++) {
      await sleep(Math.max(0, started + t * tickMs - performance.now()));
      const until = options.atOnce + Math.round((rest * t) / ticks);
      for (; next < until; next++) send(next);
    }
    for (; next < options.total; next++) send(next);
  }
  return Promise.all(pending);
}

export function countStatuses(answers: readonly CreateAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
  return counts;
}

/** Answers worth trying again with the same key: none at all, throttled, unavailable, outcome not known yet. */
const RETRYABLE = new Set([0, 409, 429, 502, 503, 504]);

/**
 * Retries every create whose answer was not final, with the same name and Idempotency-Key, at `replica`, until each
 * has a final answer or `deadlineMs` passes. Returns the last answer of every create.
 */
export async function retryUnfinished(
  rig: ReplicaRig,
  answers: readonly CreateAnswer[],
  replica: number,
  deadlineMs: number,
): Promise<CreateAnswer[]> {
  const deadline = performance.now() + deadlineMs;
  const url = rig.replicas[replica]?.url ?? '';
  return Promise.all(
    answers.map(async (first) => {
      let answer = first;
      // At most one attempt a second per create, so at most deadlineMs/1000 attempts each.
      while (RETRYABLE.has(answer.status) && performance.now() < deadline) {
        await sleep(Math.min(5000, Math.max(1000, (answer.retryAfterS ?? 0) * 1000)) + Math.random() * 250);
        answer = { ...(await postCreate(url, createBody(first.name), first.name)), replica };
      }
      return answer;
    }),
  );
}

/** How many tasks of each name the emulator holds. */
export function tasksByName(tasks: readonly UpstreamTask[]): Map<string, UpstreamTask[]> {
  const byName = new Map<string, UpstreamTask[]>();
  for (const task of tasks) byName.set(task.name, [...(byName.get(task.name) ?? []), task]);
  return byName;
}
