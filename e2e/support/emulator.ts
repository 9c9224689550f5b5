/** The emulator's control endpoints, for tests only. */
import { EMULATOR_URL } from './env';

export type FaultMode = 'throttle' | 'error500' | 'unavailable' | 'timeout' | 'reset' | 'malformed' | 'slow' | 'taskFails';
export interface Fault {
  action?: string;
  mode: FaultMode;
  count?: number;
  rate?: number;
  delayMs?: number;
}
export interface EmulatorStats {
  calls: Record<string, number>;
  errors: Record<string, number>;
}

async function control(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(`${EMULATOR_URL}${path}`, init);
  if (!res.ok) throw new Error(`emulator ${init?.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  return res;
}

export const emulator = {
  async reset(): Promise<void> {
    await control('/_emulator/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  },
  async stats(): Promise<EmulatorStats> {
    return (await (await control('/_emulator/stats')).json()) as EmulatorStats;
  },
  async fault(fault: Fault): Promise<void> {
    await control('/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
  },
  async clearFaults(): Promise<void> {
    await control('/_emulator/faults', { method: 'DELETE' });
  },
};
