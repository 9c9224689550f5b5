import 'server-only';
/**
 * The server's own housekeeping of the record: activity entries older than AUDIT_RETENTION_DAYS (default 400) and
 * idempotency records past their time are deleted in small batches, on an unref'd timer, so that it never blocks a
 * request nor keeps the process alive. Every replica may run it: the deletes are idempotent.
 */
import { logAlert } from '../log';
import { deleteActivityOlderThan } from './activity-log';
import { IdempotencyRecords } from './idempotency-records';
import type { Store } from './store';
import { StoreUnavailableError } from './store-errors';

const DEFAULT_RETENTION_DAYS = 400;

/** AUDIT_RETENTION_DAYS: a whole number of days from 1 to 36500; blank means the default. */
export function retentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 36_500) {
    throw new Error('AUDIT_RETENTION_DAYS must be a whole number of days from 1 to 36500.');
  }
  return Number(raw);
}

export interface MaintenanceResult {
  activityDeleted: number;
  idempotencyDeleted: number;
}

export async function runRecordMaintenance(store: Store, retentionDays: number): Promise<MaintenanceResult> {
  const activityDeleted = await deleteActivityOlderThan(store, retentionDays);
  const idempotencyDeleted = await new IdempotencyRecords(store).deleteExpired();
  return { activityDeleted, idempotencyDeleted };
}

export interface MaintenanceSchedule {
  /** Runs it now (and is what the timer calls); never rejects: failures are logged and tried again next time. */
  runNow(): Promise<MaintenanceResult | null>;
  stop(): void;
}

export function scheduleRecordMaintenance(
  store: Store,
  options: { retentionDays: number; everyMs?: number; firstAfterMs?: number },
): MaintenanceSchedule {
  let running: Promise<MaintenanceResult | null> | null = null;
  const runNow = () => {
    // One run at a time: a slow run is not stacked upon by the next tick.
    running ??= runRecordMaintenance(store, options.retentionDays)
      .catch((error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) {
          logAlert('store.maintenance.failed', { message: error instanceof Error ? error.message : String(error) });
        }
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = setTimeout(() => void runNow(), options.firstAfterMs ?? 60_000);
  const every = setInterval(() => void runNow(), options.everyMs ?? 60 * 60_000);
  first.unref();
  every.unref();
  return {
    runNow,
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
