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
 * How long after CDN made a task its creator may still be on its way to the record: a create records it as soon as
 * CDN answers, and a create takes at most its retry budget (retry-policy.ts). Three times that, for a slow store and
 * for CDN's clock against ours.
 */
const SETTLE_MS = 3 * WRITE_RETRY_POLICY.budgetMs;
/**
 * How long "the record has no creator for this task" is believed. A creator can still be recorded late: a create whose
 * outcome was unknown is resolved by its retry, which may find the task minutes later (api-handlers.ts). The replica
 * that records it knows at once; the others within this.
 */
const ABSENT_FOR_MS = 60_000;

type Entry = Creator | { absentUntil: number };

/**
 * What the record says about the creators of listed tasks, by kind and task id, so that a list whose tasks are all
 * known asks the store nothing: with dashboards polling, that query was the largest share of a list's time after
 * CDN's own. A recorded creator never changes (the record keeps the first, store/task-owners.ts). A task the record
 * has no creator for (made in CDN's console, by a script, before the record existed) is remembered as such for a
 * while, but only once it is old enough that no create can still be recording it; a younger one is asked for again.
 * Bounded: past `capacity` tasks the oldest entries go first.
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

  /** What the record answered for `asked` (or, after a create, for the one task it recorded): `found` has the creators. */
  remember(kind: ExportKind, found: ReadonlyMap<string, Creator>, asked: readonly ListedTask[] = []): void {
    for (const [id, creator] of found) this.set(`${kind}:${id}`, creator);
    const now = this.now();
    for (const task of asked) {
      const key = `${kind}:${task.id}`;
      const entry = this.entries.get(key);
      // A creator recorded here meanwhile (this replica's own create) outranks an answer read before it.
      if (found.has(task.id) || (entry !== undefined && !('absentUntil' in entry))) continue;
      const madeAt = Date.parse(task.createdAt);
      if (Number.isFinite(madeAt) && now - madeAt >= SETTLE_MS) this.set(key, { absentUntil: now + ABSENT_FOR_MS });
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
