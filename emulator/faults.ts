/**
 * Injected faults (`POST /_emulator/faults`): the failures a client of a cloud API must survive, on demand.
 */
import { z } from 'zod';
import { ACTION_NAMES, ACTIONS, type ActionName } from './actions';

const FAULT_MODES = [
  'throttle',
  'error500',
  'unavailable',
  'timeout',
  'reset',
  'malformed',
  'slow',
  'taskFails',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

const DEFAULT_SLOW_DELAY_MS = 1000;

/** Each call walks the list: an unbounded one would let a runaway test slow every call and grow without limit. */
export const MAX_FAULTS = 100;

export const faultInputSchema = z.strictObject({
  action: z.enum(ACTION_NAMES).optional(),
  mode: z.enum(FAULT_MODES),
  count: z.number().int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
});

export type FaultInput = z.infer<typeof faultInputSchema>;

export interface Fault {
  id: number;
  action?: ActionName;
  mode: FaultMode;
  /** Hits left; `undefined` = until cleared. */
  remaining?: number;
  rate?: number;
  delayMs: number;
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: this.nextId++,
      ...(input.action ? { action: input.action } : {}),
      mode: input.mode,
      ...(input.count !== undefined ? { remaining: input.count } : {}),
      ...(input.rate !== undefined ? { rate: input.rate } : {}),
      delayMs: input.delayMs ?? DEFAULT_SLOW_DELAY_MS,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The fault that shapes this call's answer, if any: the first (oldest) one that matches and, with a `rate`, wins its
   * draw. Only one applies per call, so stacked faults take turns as counts run out.
   */
  takeAnswerFault(action: ActionName): Fault | undefined {
    return this.take(action, (fault) => fault.mode !== 'taskFails');
  }

  /**
   * Whether a task being created now is doomed. `taskFails` counts creations only: a list or delete call in between
   * must not use up a fault meant for the next task.
   */
  takeTaskFailure(action: ActionName): boolean {
    if (ACTIONS[action].operation !== 'create') return false;
    return this.take(action, (fault) => fault.mode === 'taskFails') !== undefined;
  }

  private take(action: ActionName, kind: (fault: Fault) => boolean): Fault | undefined {
    for (const fault of this.faults) {
      if (!kind(fault) || (fault.action !== undefined && fault.action !== action)) continue;
      if (fault.rate !== undefined && !(this.random() < fault.rate)) continue;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      }
      return { ...fault };
    }
    return undefined;
  }
}
