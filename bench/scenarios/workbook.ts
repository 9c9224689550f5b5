/**
 * Export files: the emulator's generator makes a 31-day usage-details workbook against a 1-day one. The cost should
 * grow no faster than the days (about 31x), or a month's export would stall the emulator that every test shares.
 */
import { generateXlsx } from '../../emulator/files-xlsx';
import type { BenchContext } from '../context';
import { formatMs, formatRatio, ratio, type Scenario } from '../figures';
import { median } from '../stats';

async function timeIt(days: number): Promise<number> {
  const started = performance.now();
  await generateXlsx({ startTime: '2026-10-01T00:00:00Z', days, domains: ['a.example.com', 'b.example.com', 'c.example.com'], type: 'flow' });
  return performance.now() - started;
}

export const workbook: Scenario<BenchContext> = {
  name: 'workbook',
  async run() {
    await timeIt(1);
    const oneDay = median([await timeIt(1), await timeIt(1), await timeIt(1)]);
    const month = await timeIt(31);
    const r = ratio(month, oneDay);
    return {
      figures: [
        {
          figure: 'emulator: 31-day details workbook (baseline: 1 day)',
          value: formatMs(month),
          baseline: formatMs(oneDay),
          ratio: formatRatio(r),
          goal: '<= 31x (linear)',
          met: r <= 31,
        },
      ],
      details: { oneDayMs: oneDay, monthMs: month, ratio: r },
    };
  },
};
