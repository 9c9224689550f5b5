/**
 * The processes a bench run starts and stops: production builds, `next start` servers and the CDN emulator, each on
 * a free loopback port, each in its own process group so that stopping it stops its children too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StatsSnapshot } from '../emulator/stats';
import { freePort } from '../scripts/postgres-server.mjs';

export const BENCH_KEY_ID = 'bench-key-id';
export const BENCH_KEY_SECRET = 'bench-key-secret';

/** Each project runs the `next` of its own node_modules, from its own folder: one copy of React per process. */
const nextBin = (projectDir: string) => path.resolve(projectDir, 'node_modules', 'next', 'dist', 'bin', 'next');
const TSX_BIN = path.join('node_modules', '.bin', 'tsx');

export interface Started {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the process for ${url} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Stops a process group that this bench started, and waits for its leader to exit. */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return Promise.resolve();
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  return exited.finally(() => clearTimeout(timer));
}

/**
 * `next build` of `projectDir` into `distDir` (the dashboard: the repository root, whose next.config.js reads
 * NEXT_DIST_DIR). Next adds the build folder's types to tsconfig.json's `include` whenever it builds into a folder
 * it has not seen; the bench puts the file back as it was, so that a bench run leaves the worktree unchanged.
 */
export function nextBuild(projectDir: string, env: Record<string, string>): { ms: number; output: string } {
  const tsconfig = path.join(projectDir, 'tsconfig.json');
  const before = existsSync(tsconfig) ? readFileSync(tsconfig, 'utf8') : null;
  const started = performance.now();
  try {
    const build = spawnSync(process.execPath, [nextBin(projectDir), 'build'], {
      cwd: projectDir,
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${build.stdout}${build.stderr}`;
    if (build.status !== 0) throw new Error(`next build ${projectDir} failed:\n${output}`);
    return { ms: performance.now() - started, output };
  } finally {
    if (before !== null && readFileSync(tsconfig, 'utf8') !== before) writeFileSync(tsconfig, before);
  }
}

export interface ServerProcess extends Started {
  /** SIGKILL to the whole process group at once: a replica that dies mid-request, with no chance to clean up. */
  kill(): Promise<void>;
}

/** Sends SIGKILL to a process group that we started, and waits for its leader to exit. */
function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    return Promise.resolve();
  }
  return exited;
}

export async function nextStart(
  projectDir: string,
  env: Record<string, string>,
  healthPath: string,
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [nextBin(projectDir), 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: projectDir,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) },
    // The server's per-call log lines would only slow the bench's own process down; errors still show.
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}${healthPath}`, 60_000, child);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, port, stop: () => stopGroup(child), kill: () => killGroup(child) };
}

export interface EmulatorProcess extends Started {
  stats(): Promise<StatsSnapshot>;
  /** Forgets every task, counter and fault (POST /_emulator/reset). */
  reset(): Promise<void>;
  /** Every call of `action` answers correctly after `delayMs` (the emulator's `slow` fault), until cleared. */
  setLatency(action: string, delayMs: number): Promise<void>;
}

/**
 * The emulator in its own process (not in the bench's): the bench's own event loop then only drives the load, and
 * the direct SDK calls and the BFF reach an upstream that neither of them shares a thread with.
 */
export async function startEmulatorProcess(taskMs: number, options: { port?: number } = {}): Promise<EmulatorProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(TSX_BIN, ['emulator/main.ts'], {
    env: {
      ...process.env,
      CDN_EMULATOR_PORT: String(port),
      CDN_EMULATOR_ACCESS_KEY_ID: BENCH_KEY_ID,
      CDN_EMULATOR_ACCESS_KEY_SECRET: BENCH_KEY_SECRET,
      CDN_EMULATOR_TASK_MS: String(taskMs),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/_emulator/stats`, 30_000, child);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  const control = async (method: string, endpoint: string, body?: unknown) => {
    const res = await fetch(`${url}/_emulator/${endpoint}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${endpoint} answered ${res.status}`);
    return res;
  };
  return {
    url,
    port,
    stop: () => stopGroup(child),
    async stats() {
      return (await (await control('GET', 'stats')).json()) as StatsSnapshot;
    },
    async reset() {
      await (await control('POST', 'reset', {})).arrayBuffer();
    },
    async setLatency(action, delayMs) {
      await (await control('DELETE', 'faults')).arrayBuffer();
      if (delayMs > 0) await (await control('POST', 'faults', { action, mode: 'slow', delayMs })).arrayBuffer();
    },
  };
}
