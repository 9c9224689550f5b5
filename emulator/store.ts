/**
 * Export tasks, in memory. A task's status is derived from the clock when asked (no timers), which keeps the
 * lifecycle exact under a fake clock and leaves nothing running to clean up.
 */
import { subMonths } from 'date-fns';
import type { Family } from './actions';

export type TaskStatus = 'created' | 'success' | 'failed';
export type Language = 'zh-cn' | 'en-us';
export type DetailType = 'flow' | 'vas';

interface TaskBase {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  language: Language;
  /** The domains whose usage the file covers, resolved at creation (the account's domains can change later). */
  domains: string[];
  createdMs: number;
  /** Decided at creation by a `taskFails` fault: the task ends as `failed` instead of `success`. */
  fails: boolean;
}

export interface SummaryTask extends TaskBase {
  family: 'summary';
}

export interface DetailTask extends TaskBase {
  family: 'detail';
  type: DetailType;
  group?: string;
}

export type Task = SummaryTask | DetailTask;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewTask = DistributiveOmit<Task, 'id' | 'createdMs' | 'fails'>;

export interface TaskState {
  status: TaskStatus;
  /** When the status last changed. */
  updatedMs: number;
}

/** Ids look like the real service's numeric ones; they are never reused, not even after a reset. */
const FIRST_TASK_ID = 10001;

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  private nextId = FIRST_TASK_ID;

  constructor(private readonly taskMs: number) {}

  create(spec: NewTask, nowMs: number, fails: boolean): Task {
    const task = { ...spec, id: String(this.nextId++), createdMs: nowMs, fails } as Task;
    this.tasks.set(task.id, task);
    return task;
  }

  stateOf(task: Task, nowMs: number): TaskState {
    const doneMs = task.createdMs + this.taskMs;
    if (nowMs < doneMs) return { status: 'created', updatedMs: task.createdMs };
    return { status: task.fails ? 'failed' : 'success', updatedMs: doneMs };
  }

  /** Newest first, ties (same millisecond) broken by id, also descending. */
  list(family: Family, nowMs: number, pageNumber: number, pageSize: number): { total: number; tasks: Task[] } {
    this.forgetExpired(nowMs);
    const all = [...this.tasks.values()]
      .filter((task) => task.family === family)
      .sort((a, b) => b.createdMs - a.createdMs || Number(b.id) - Number(a.id));
    const from = (pageNumber - 1) * pageSize;
    return { total: all.length, tasks: all.slice(from, from + pageSize) };
  }

  find(family: Family, id: string, nowMs: number): Task | undefined {
    this.forgetExpired(nowMs);
    const task = this.tasks.get(id);
    return task?.family === family ? task : undefined;
  }

  delete(family: Family, id: string, nowMs: number): boolean {
    return this.find(family, id, nowMs) !== undefined && this.tasks.delete(id);
  }

  clear(): void {
    this.tasks.clear();
  }

  // CDN keeps export tasks for three months.
  private forgetExpired(nowMs: number): void {
    const oldestMs = subMonths(nowMs, 3).getTime();
    for (const [id, task] of this.tasks) {
      if (task.createdMs < oldestMs) this.tasks.delete(id);
    }
  }
}
