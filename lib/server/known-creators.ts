import 'server-only';
import type { ExportKind } from '@/lib/exports/kinds-and-limits';
import { WRITE_RETRY_POLICY } from './retry-policy';

export interface Creator {
  name: string;
  email: string;
}

/** A task as CDN lists it: its id, and when CDN made it (ISO 8601). */
export interface ListedTask {
  id: string;
  createdAt: string;
}

/**
 * How long after CDN made a task its creator may still be on its way to the record through the create that made it:
 * CDN stamps the task during the create's last attempt, within its retry budget (9.5 s, retry-policy.ts); the record
 * is written once CDN has answered, in at most the store's connect and query timeouts (5 s each, postgres-store.ts);
 * and 10 s for CDN's clock (whole seconds) against ours. The age is taken when the store was asked, not when it
 * answered.
 */
export const SETTLE_MS = WRITE_RETRY_POLICY.budgetMs + 10_000 + 10_000;
/**
 * How long "the record has no creator for this task" is believed. A creator can still be recorded late: a create whose
 * outcome was unknown is resolved by its retry, which may find the task minutes later (api-handlers.ts). The replica
 * that records it knows at once; the others within this.
 */
export const ABSENT_FOR_MS = 60_000;

type Entry = Creator | { absentUntil: number };

/**
 * What the record says about the creators of listed tasks, by kind and task id, so that a list whose tasks are all
 * known asks the store nothing: with dashboards polling, that query was the largest share of a list's time after
 * CDN's own. A recorded creator never changes (the record keeps the first, store/task-owners.ts). That the record has
 * none for a task (made in CDN's console, by a script, before the record existed) is believed for ABSENT_FOR_MS, and
 * only for a task older than SETTLE_MS, which its create has normally recorded by then; a younger one is asked for
 * again. Bounded: past `capacity` tasks the oldest entries go first.
 */
export class KnownCreators {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(options: { capacity?: number; now?: () => number } = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The known creators of `tasks`, and the tasks still to be looked up (those known to have none are in neither). */
  lookup(kind: ExportKind, tasks: readonly ListedTask[]): { known: Map<string, Creator>; unknown: ListedTask[] } {
    const known = new Map<string, Creator>();
    const unknown: ListedTask[] = [];
    const now = this.now();
    for (const task of tasks) {
      const key = `${kind}:${task.id}`;
      const entry = this.entries.get(key);
      if (entry === undefined) unknown.push(task);
      else if (!('absentUntil' in entry)) known.set(task.id, entry);
      else if (entry.absentUntil <= now) {
        this.entries.delete(key);
        unknown.push(task);
      }
    }
    return { known, unknown };
  }

  /**
   * What the record answered: `found` has the creators (after a create, of the one task it recorded); `asked`, the
   * tasks the store was asked about and when, so that those it has no creator for are remembered as such.
   */
  remember(kind: ExportKind, found: ReadonlyMap<string, Creator>, asked?: { tasks: readonly ListedTask[]; at: number }): void {
    for (const [id, creator] of found) this.set(`${kind}:${id}`, creator);
    const now = this.now();
    for (const task of asked?.tasks ?? []) {
      const key = `${kind}:${task.id}`;
      const entry = this.entries.get(key);
      // A creator recorded here meanwhile (this replica's own create) outranks an answer read before it.
      if (found.has(task.id) || (entry !== undefined && !('absentUntil' in entry))) continue;
      const madeAt = Date.parse(task.createdAt);
      if (Number.isFinite(madeAt) && (asked?.at ?? now) - madeAt >= SETTLE_MS) this.set(key, { absentUntil: now + ABSENT_FOR_MS });
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  private set(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }
}
