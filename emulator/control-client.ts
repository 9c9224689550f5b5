/**
 * The client of the emulator's control endpoints (control.ts), for tests: the unit-test harness (test/bff-harness.ts)
 * and the browser tests (e2e/support/emulator.ts) both drive the emulator through this one, with the fault modes
 * declared once in faults.ts.
 */
import type { FaultInput } from './faults';
import type { StatsSnapshot } from './stats';

export type { FaultInput, FaultMode } from './faults';
export type { StatsSnapshot } from './stats';

export interface EmulatorControl {
  /** Forgets every task, fault, nonce and counter. */
  reset(): Promise<void>;
  /** The calls and error answers counted since the last reset, by action and code. */
  stats(): Promise<StatsSnapshot>;
  fault(fault: FaultInput): Promise<void>;
  clearFaults(): Promise<void>;
}

export function emulatorControl(baseUrl: string): EmulatorControl {
  async function control(path: string, init?: RequestInit): Promise<Response> {
    const res = await fetch(`${baseUrl}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`emulator ${init?.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
    return res;
  }
  return {
    async reset() {
      await control('reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    },
    async stats() {
      return (await (await control('stats')).json()) as StatsSnapshot;
    },
    async fault(fault) {
      await control('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
    },
    async clearFaults() {
      await control('faults', { method: 'DELETE' });
    },
  };
}
