import { describe, expect, it } from 'vitest';
import { printable, summaryPdf } from './files-pdf';
import { detailHeaders, generateXlsx } from './files-xlsx';
import { dailyUsage, flowAt, INTERVAL_MS, intervalCount, intervalStarts, vasAt } from './usage-data';

const DAY = 86_400_000;
const OCT1 = Date.parse('2026-10-01T00:00:00Z');

describe('synthetic usage', () => {
  it('is deterministic per domain and time, and differs between domains and intervals', () => {
    expect(flowAt('a.example.com', OCT1)).toEqual(flowAt('a.example.com', OCT1));
    expect(flowAt('a.example.com', OCT1)).not.toEqual(flowAt('b.example.com', OCT1));
    expect(flowAt('a.example.com', OCT1)).not.toEqual(flowAt('a.example.com', OCT1 + INTERVAL_MS));
    expect(vasAt('a.example.com', OCT1)).toEqual(vasAt('a.example.com', OCT1));
  });

  it('has plausible, consistent values with a daily curve', () => {
    const point = flowAt('www.example.com', OCT1);
    expect(point.bandwidthBps).toBeGreaterThan(0);
    expect(point.trafficBytes).toBe(Math.round((point.bandwidthBps * 300) / 8));
    // 21:00 Beijing (13:00 UTC) is busier than 09:00 Beijing (01:00 UTC) on average.
    const mean = (hourUtc: number) =>
      Array.from({ length: 20 }, (_, d) => flowAt('www.example.com', OCT1 + d * DAY + hourUtc * 3_600_000).bandwidthBps).reduce((a, b) => a + b) / 20;
    expect(mean(13)).toBeGreaterThan(mean(1) * 2);
    const vas = vasAt('www.example.com', OCT1);
    expect(vas.quicRequests).toBeLessThanOrEqual(vas.httpsRequests);
  });

  it('counts 5-minute intervals, 288 a day, inclusive or exclusive ends alike', () => {
    expect(intervalCount(OCT1, OCT1 + DAY)).toBe(288);
    expect(intervalCount(OCT1, OCT1 + DAY - 1000)).toBe(288);
    expect(intervalCount(OCT1, OCT1 + 31 * DAY)).toBe(8928);
    expect(intervalStarts(OCT1 + 60_000, OCT1 + 11 * 60_000)).toEqual([OCT1, OCT1 + INTERVAL_MS, OCT1 + 2 * INTERVAL_MS]);
  });

  it('sums days from the period start, so Beijing days stay whole', () => {
    const start = Date.parse('2026-09-30T16:00:00Z');
    const days = dailyUsage(['a.example.com', 'b.example.com'], start, start + 3 * DAY - 1000);
    expect(days).toHaveLength(3);
    expect(days[1]?.fromMs).toBe(start + DAY);
    const total = days.reduce((sum, d) => sum + d.trafficBytes, 0);
    let expected = 0;
    for (const t of intervalStarts(start, start + 3 * DAY)) expected += flowAt('a.example.com', t).trafficBytes + flowAt('b.example.com', t).trafficBytes;
    expect(total).toBe(expected);
  });
});

describe('file generators', () => {
  it('write a PDF for a 31-day summary, on one page', async () => {
    const chunks: Buffer[] = [];
    const pdf = summaryPdf({
      family: 'summary', id: '1', name: `October 用量 ${'W'.repeat(300)}`, startMs: OCT1, endMs: OCT1 + 31 * DAY - 1000,
      language: 'zh-cn', domains: ['a.example.com'], createdMs: OCT1, fails: false,
    });
    for await (const chunk of pdf) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('print user text with the standard fonts: Latin-1 stays, anything else becomes "?"', () => {
    expect(printable("Q3 (final)*~ !'() café")).toBe("Q3 (final)*~ !'() café");
    expect(printable('用量 😀\tx\n')).toBe('?? ? x ');
  });

  it('write an XLSX through the benchmark entry point', async () => {
    const bytes = await generateXlsx({ startTime: '2026-10-01T00:00:00Z', days: 1, domains: ['a.example.com'], type: 'vas' });
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(detailHeaders({ type: 'vas', language: 'en-us' })).toEqual(['Domain', 'Time (UTC)', 'HTTPS requests', 'QUIC requests', 'Dynamic requests']);
  });
});
