import 'server-only';
import type { ExportKind } from '@/lib/exports/kinds-and-limits';

export interface Creator {
  name: string;
  email: string;
}

/**
 * Creators already read from the record, by kind and task id. A task's creator never changes once recorded (the
 * record keeps the first, store/task-owners.ts), so a list whose tasks are all known here needs no store query: with
 * dashboards polling, that query was the largest share of a list's time after CDN's own. A task with no recorded
 * creator is not remembered as such, since its record may still be on its way (from another replica, say), and is
 * asked for again. Bounded: past `capacity` tasks the oldest entries go first.
 */
export class KnownCreators {
  private readonly entries = new Map<string, Creator>();

  constructor(private readonly capacity = 10_000) {}

  /** The known creators of `ids`, and the ids still to be looked up. */
  lookup(kind: ExportKind, ids: readonly string[]): { known: Map<string, Creator>; unknown: string[] } {
    const known = new Map<string, Creator>();
    const unknown: string[] = [];
    for (const id of ids) {
      const creator = this.entries.get(`${kind}:${id}`);
      if (creator) known.set(id, creator);
      else unknown.push(id);
    }
    return { known, unknown };
  }

  remember(kind: ExportKind, found: ReadonlyMap<string, Creator>): void {
    for (const [id, creator] of found) {
      const key = `${kind}:${id}`;
      this.entries.delete(key);
      this.entries.set(key, creator);
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
