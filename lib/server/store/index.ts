import 'server-only';
/**
 * The record (activity log, task owners, idempotency keys, shared rate limit, change notifications): what route
 * handlers and services import. Every function is one short statement or one short transaction, so no caller can
 * hold the database across a CDN call. `getStore()` gives the process's store, opened on first use;
 * `openStore()` opens it at start-up (a locked DATA_DIR then stops the server with one line).
 */
export { getStore, openStore, storeSettingsFromEnv } from './get-store';
export type { Store, StoreKind } from './store';
export { DataDirLockedError, StoreUnavailableError } from './store-errors';
export { creatorsOf, liveTaskIds, markTaskDeleted, ownerOf, recordCreatedTask, type Person, type TaskOwnerRecord } from './task-owners';
export {
  appendActivity,
  deleteActivityOlderThan,
  eachActivity,
  queryActivity,
  settleActivity,
  type ActivityOutcome,
  type NewActivityEntry,
} from './activity-log';
export { IdempotencyRecords, type ClaimOutcome, type IdempotencyClaim, type IdempotencyKeyRef } from './idempotency-records';
export { SharedRateLimiter, type SharedRateLimiterOptions } from './shared-rate-limiter';
export { notifyChanged, onChanged, type ChangeListener } from './change-notifications';
export { retentionDaysFromEnv, runRecordMaintenance, scheduleRecordMaintenance } from './record-maintenance';
