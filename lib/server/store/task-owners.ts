import 'server-only';
/**
 * Who created each task through the dashboard. CDN records no creator, so lists carry `createdBy` from here (null for
 * a task made outside the dashboard or before the record began), and an operator may delete only a task recorded here
 * as theirs.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ExportKind } from '@/lib/exports/schemas';
import { taskOwners } from './schema';
import type { Store } from './store';

export interface Person {
  id: string;
  name: string;
  email: string;
}

/** What the record keeps of a task created through the dashboard. */
export interface TaskOwnerRecord {
  kind: ExportKind;
  taskId: string;
  name: string;
  startTime: Date | string;
  endTime: Date | string;
  createdBy: Person;
}

/**
 * Records a task created through the dashboard; recording the same task again keeps the first record. True when this
 * call made the record (false: the task had one already, which may name someone else).
 */
export async function recordCreatedTask(store: Store, task: TaskOwnerRecord): Promise<boolean> {
  const made = await store.run((db) =>
    db
      .insert(taskOwners)
      .values({
        kind: task.kind,
        taskId: task.taskId,
        name: task.name,
        startTime: new Date(task.startTime),
        endTime: new Date(task.endTime),
        createdById: task.createdBy.id,
        createdByName: task.createdBy.name,
        createdByEmail: task.createdBy.email,
      })
      .onConflictDoNothing()
      .returning({ taskId: taskOwners.taskId }),
  );
  return made.length > 0;
}

/** The creators of those of `taskIds` that were created through the dashboard (one query for a list page). */
export async function creatorsOf(
  store: Store,
  kind: ExportKind,
  taskIds: readonly string[],
): Promise<Map<string, { name: string; email: string }>> {
  const creators = new Map<string, { name: string; email: string }>();
  if (taskIds.length === 0) return creators;
  const rows = await store.run((db) =>
    db
      .select({ taskId: taskOwners.taskId, name: taskOwners.createdByName, email: taskOwners.createdByEmail })
      .from(taskOwners)
      .where(and(eq(taskOwners.kind, kind), inArray(taskOwners.taskId, [...new Set(taskIds)]))),
  );
  for (const row of rows) creators.set(row.taskId, { name: row.name, email: row.email });
  return creators;
}

/** The creator of one task, with their user id (for "operators delete only their own tasks"); null when unknown. */
export async function ownerOf(store: Store, kind: ExportKind, taskId: string): Promise<Person | null> {
  const rows = await store.run((db) =>
    db
      .select({ id: taskOwners.createdById, name: taskOwners.createdByName, email: taskOwners.createdByEmail })
      .from(taskOwners)
      .where(and(eq(taskOwners.kind, kind), eq(taskOwners.taskId, taskId)))
      .limit(1),
  );
  return rows[0] ?? null;
}

/** Marks a task deleted (the row stays: the activity log may still name it); false when it was never recorded. */
export async function markTaskDeleted(store: Store, kind: ExportKind, taskId: string): Promise<boolean> {
  const rows = await store.run((db) =>
    db
      .update(taskOwners)
      .set({ deletedAt: sql`now()` })
      .where(and(eq(taskOwners.kind, kind), eq(taskOwners.taskId, taskId)))
      .returning({ taskId: taskOwners.taskId }),
  );
  return rows.length > 0;
}

/** Which of `taskIds` were recorded and not deleted since (the Activity page links only to those). */
export async function liveTaskIds(store: Store, kind: ExportKind, taskIds: readonly string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await store.run((db) =>
    db
      .select({ taskId: taskOwners.taskId })
      .from(taskOwners)
      .where(
        and(eq(taskOwners.kind, kind), inArray(taskOwners.taskId, [...new Set(taskIds)]), sql`${taskOwners.deletedAt} is null`),
      ),
  );
  return new Set(rows.map((r) => r.taskId));
}
