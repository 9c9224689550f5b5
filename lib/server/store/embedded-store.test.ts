import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '@/test/store-fixtures';
import { appendActivity, queryActivity } from './activity-log';
import { openEmbeddedStore } from './embedded-store';
import { DataDirLockedError } from './store-errors';

const cli = path.join(process.cwd(), 'test', 'open-embedded-store-cli.ts');

/** Opens the store in another process; resolves with its first line of output and a way to stop it. */
function openElsewhere(dataDir: string) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', cli, dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const result = new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const check = () => {
      if (out.includes('\n')) resolve({ stdout: out, stderr: err, code: null });
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => resolve({ stdout: out, stderr: err, code }));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', () => resolve());
      child.stdin.end();
    });
  return { result, stop };
}

const entry = (requestId: string) => ({
  actor: { id: 'u-1', name: 'Oscar', email: 'oscar@example.com' },
  role: 'operator', action: 'create' as const, kind: 'summary' as const, taskId: 't-1', status: 201, requestId, ip: '::1',
});

describe('embedded store', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('creates DATA_DIR itself, and keeps every entry across a restart', async () => {
    const dataDir = path.join(newDir(), 'nested', 'data');
    const first = await openEmbeddedStore(dataDir);
    await appendActivity(first, entry('before-restart-1'));
    await appendActivity(first, entry('before-restart-2'));
    await first.close();

    const again = await openEmbeddedStore(dataDir);
    try {
      const page = await queryActivity(again, { page: 1, size: 50 });
      expect(page.entries.map((e) => e.requestId)).toEqual(['before-restart-2', 'before-restart-1']);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('refuses a second open of the same DATA_DIR in this process', async () => {
    const dataDir = newDir();
    const first = await openEmbeddedStore(dataDir);
    try {
      await expect(openEmbeddedStore(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
  });

  it('refuses, with one clear line, a second process on the same DATA_DIR; and lets it in once the first is gone', async () => {
    const dataDir = newDir();
    const first = await openEmbeddedStore(dataDir);
    await appendActivity(first, entry('from-first'));
    const second = openElsewhere(dataDir);
    const refused = await second.result;
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual([
      `Another server process is using DATA_DIR=${path.resolve(dataDir)}: stop it, give this process its own ` +
        'DATA_DIR, or set DATABASE_URL so that every process shares one PostgreSQL server.',
    ]);
    await first.close();

    const third = openElsewhere(dataDir);
    try {
      expect((await third.result).stdout).toBe('opened 1\n');
      // And while that process holds it, this one is refused in turn.
      await expect(openEmbeddedStore(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await third.stop();
    }
  }, 60_000);
});
