import 'server-only';
/**
 * The activity log: every create, delete, download and refused request, written before its answer goes out
 * (including refusals, so an admin sees attempts too). The time of an entry is the store's clock, so replicas agree on the order.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, or, sql, type SQL } from 'drizzle-orm';
import type { ActivityEntry, ActivityFilters, ActivityPage, ActivityQuery } from '@/lib/exports/activity';
import { activityLog } from './schema';
import type { Store } from './store';

/** What a route knows when it writes an entry; `id` and `at` come from the store. */
export type NewActivityEntry = Omit<ActivityEntry, 'id' | 'at' | 'startTime' | 'endTime'> & {
  startTime?: Date | string | null;
  endTime?: Date | string | null;
};

type Row = typeof activityLog.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

function toActivityEntry(row: Row): ActivityEntry {
  return {
    id: row.id,
    // Milliseconds kept for `at`: two entries in one second still sort as they happened.
    at: row.at.toISOString(),
    actor:
      row.actorId !== null
        ? { id: row.actorId, name: row.actorName ?? row.actorId, email: row.actorEmail ?? '' }
        : null,
    role: row.role,
    action: row.action as ActivityEntry['action'],
    kind: row.kind as ActivityEntry['kind'],
    taskId: row.taskId,
    startTime: iso(row.startTime),
    endTime: iso(row.endTime),
    status: row.status,
    ...(row.code !== null ? { code: row.code } : {}),
    requestId: row.requestId,
    ...(row.upstreamRequestId !== null ? { upstreamRequestId: row.upstreamRequestId } : {}),
    ip: row.ip,
  };
}

const toDate = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v));

/** Writes one entry; rejects with StoreUnavailableError when it cannot (a create or delete is then refused). */
export async function appendActivity(store: Store, entry: NewActivityEntry): Promise<ActivityEntry> {
  const rows = await store.run((db) =>
    db
      .insert(activityLog)
      .values({
        id: randomUUID(),
        actorId: entry.actor?.id ?? null,
        actorName: entry.actor?.name ?? null,
        actorEmail: entry.actor?.email ?? null,
        role: entry.role,
        action: entry.action,
        kind: entry.kind,
        taskId: entry.taskId,
        startTime: toDate(entry.startTime),
        endTime: toDate(entry.endTime),
        status: entry.status,
        code: entry.code ?? null,
        requestId: entry.requestId,
        upstreamRequestId: entry.upstreamRequestId ?? null,
        ip: entry.ip,
      })
      .returning(),
  );
  return toActivityEntry(rows[0]!);
}

/** What becomes known of a request once its answer is decided (see `appendActivity` with status 0). */
export interface ActivityOutcome {
  status: number;
  code?: string;
  taskId?: string | null;
  upstreamRequestId?: string;
}

/**
 * Completes an entry written before a change was sent to CDN (status 0: "no answer yet"), with the status answered.
 * An entry left at 0 says the server stopped before it could answer.
 */
export async function settleActivity(store: Store, id: string, outcome: ActivityOutcome): Promise<void> {
  await store.run((db) =>
    db
      .update(activityLog)
      .set({
        status: outcome.status,
        code: outcome.code ?? null,
        ...(outcome.taskId !== undefined ? { taskId: outcome.taskId } : {}),
        upstreamRequestId: outcome.upstreamRequestId ?? null,
      })
      .where(eq(activityLog.id, id)),
  );
}

function whereOf(filters: ActivityFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filters.actor !== undefined
      ? or(eq(activityLog.actorId, filters.actor), sql`lower(${activityLog.actorEmail}) = lower(${filters.actor})`)
      : undefined,
    filters.action !== undefined ? eq(activityLog.action, filters.action) : undefined,
    filters.kind !== undefined ? eq(activityLog.kind, filters.kind) : undefined,
    // `to` is inclusive: "to 23:59:59" takes that whole second.
    filters.from !== undefined ? gte(activityLog.at, new Date(filters.from)) : undefined,
    filters.to !== undefined ? sql`${activityLog.at} < ${new Date(Date.parse(filters.to) + 1000)}` : undefined,
  ];
  return and(...conditions.filter((c) => c !== undefined));
}

/** One page of matching entries, newest first, with the number of all matching entries. */
export async function queryActivity(store: Store, query: ActivityQuery): Promise<ActivityPage> {
  const where = whereOf(query);
  const [rows, counted] = await Promise.all([
    store.run((db) =>
      db
        .select()
        .from(activityLog)
        .where(where)
        .orderBy(desc(activityLog.at), desc(activityLog.seq))
        .limit(query.size)
        .offset((query.page - 1) * query.size),
    ),
    store.run((db) => db.select({ total: sql<number>`count(*)::int` }).from(activityLog).where(where)),
  ]);
  return { page: query.page, size: query.size, total: counted[0]?.total ?? 0, entries: rows.map(toActivityEntry) };
}

/**
 * Every matching entry, newest first, read in batches by position (keyset), so that no transaction or cursor stays
 * open while the CSV streams out to a slow client, and entries written meanwhile neither repeat nor shift the rest.
 */
export async function* eachActivity(
  store: Store,
  filters: ActivityFilters,
  options: { batchSize?: number } = {},
): AsyncGenerator<ActivityEntry> {
  const batchSize = options.batchSize ?? 500;
  const where = whereOf(filters);
  let after: { at: Date; seq: number } | null = null;
  for (;;) {
    const position: SQL | undefined = after
      ? sql`(${activityLog.at}, ${activityLog.seq}) < (${after.at}, ${after.seq})`
      : undefined;
    const rows: Row[] = await store.run((db) =>
      db
        .select()
        .from(activityLog)
        .where(and(where, position))
        .orderBy(desc(activityLog.at), desc(activityLog.seq))
        .limit(batchSize),
    );
    for (const row of rows) yield toActivityEntry(row);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, seq: last.seq };
  }
}

/**
 * Deletes entries older than `days`, `batchSize` at a time with a pause between batches, so that neither a long lock
 * nor a long statement holds up requests. Returns how many were deleted.
 */
export async function deleteActivityOlderThan(
  store: Store,
  days: number,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let deleted = 0;
  for (;;) {
    const rows = await store.run((db) =>
      db
        .delete(activityLog)
        .where(
          sql`${activityLog.id} in (select ${activityLog.id} from ${activityLog}
            where ${activityLog.at} < now() - make_interval(days => ${days}) limit ${batchSize})`,
        )
        .returning({ id: activityLog.id }),
    );
    deleted += rows.length;
    if (rows.length < batchSize) return deleted;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
