import 'server-only';
/**
 * PGlite takes no lock of its own, and two processes writing one PGlite folder corrupt it: the first process to open
 * DATA_DIR holds a lock (proper-lockfile: a lock folder whose time stamp the holder refreshes), and any other refuses.
 * A lock left by a process that died is taken over once it is `staleMs` old.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { logAlert } from '../log';
import { DataDirLockedError } from './store-errors';

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string, options: { staleMs?: number } = {}): Promise<DataDirLock> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const staleMs = options.staleMs ?? 10_000;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(absolute, {
      lockfilePath: path.join(absolute, 'store.lock'),
      realpath: false,
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 2)),
      retries: 0,
      // The default throws from a timer (killing the process) when the lock is lost; say so loudly instead.
      onCompromised: (error) => logAlert('store.lock.compromised', { dataDir: absolute, message: error.message }),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(absolute);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await release();
    },
  };
}
