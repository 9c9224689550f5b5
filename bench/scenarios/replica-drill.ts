/**
 * The two-replica drill (issue 12: several replicas with one DATABASE_URL act as one). Until replicas exist it
 * reports "not measured"; the drill itself belongs here, as a Scenario like the others, and run.ts lists it.
 */
import type { BenchContext } from '../context';
import type { Scenario } from '../figures';

export const replicaDrill: Scenario<BenchContext> = {
  name: 'two-replica drill',
  async run() {
    return {
      figures: [{ figure: 'two-replica drill', value: 'not measured', baseline: '-', ratio: '-', goal: '-', met: null }],
      details: { measured: false },
    };
  },
};
