/**
 * The record's tables. Changing them: edit this file, then `npm run db:generate` writes the next SQL migration into
 * lib/server/store/migrations (committed; every server applies the pending ones at start, on PGlite and PostgreSQL).
 * No 'server-only' import here: drizzle-kit reads this file outside Next.
 */
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** Who created each task through the dashboard (CDN records no creator). */
export const taskOwners = pgTable(
  'task_owners',
  {
    kind: text('kind').notNull(),
    taskId: text('task_id').notNull(),
    name: text('name').notNull(),
    startTime: at('start_time').notNull(),
    endTime: at('end_time').notNull(),
    createdById: text('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdByEmail: text('created_by_email').notNull(),
    createdAt: at('created_at').notNull().default(sql`now()`),
    deletedAt: at('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.taskId] })],
);

/** Every create, delete, download and refused request, written before its answer goes out. */
export const activityLog = pgTable(
  'activity_log',
  {
    id: text('id').primaryKey(),
    /** Breaks ties between entries of the same millisecond, so that order and paging are stable. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    at: at('at').notNull().default(sql`now()`),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    actorEmail: text('actor_email'),
    role: text('role'),
    action: text('action').notNull(),
    kind: text('kind'),
    taskId: text('task_id'),
    startTime: at('start_time'),
    endTime: at('end_time'),
    status: integer('status').notNull(),
    code: text('code'),
    requestId: text('request_id').notNull(),
    upstreamRequestId: text('upstream_request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('activity_log_at_idx').on(t.at.desc(), t.seq.desc()),
    index('activity_log_actor_id_idx').on(t.actorId, t.at.desc()),
    index('activity_log_actor_email_idx').on(sql`lower(${t.actorEmail})`, t.at.desc()),
  ],
);

/** `Idempotency-Key` records shared by every replica: one row per (user, key). */
export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** 'inFlight' while its owner works, 'done' once the answer is kept. */
    state: text('state').notNull(),
    /** Random per claim: only the request that claimed the key may complete or release it. */
    owner: text('owner').notNull(),
    answer: jsonb('answer'),
    startedAt: at('started_at').notNull(),
    completedAt: at('completed_at'),
    /** An in-flight claim whose lease has run out belongs to a process that died: it may be taken over. */
    leaseUntil: at('lease_until').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_records_expires_idx').on(t.expiresAt)],
);

/** Start times of upstream calls, per budget, for the rolling-second limiter shared by every replica. */
export const rateLimitCalls = pgTable(
  'rate_limit_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    budget: text('budget').notNull(),
    userId: text('user_id'),
    // Full precision (microseconds): rounding to milliseconds could let a call slip past the rolling window's edge.
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('rate_limit_calls_budget_at_idx').on(t.budget, t.at),
    index('rate_limit_calls_user_at_idx').on(t.budget, t.userId, t.at),
  ],
);
