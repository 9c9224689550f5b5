import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '@/lib/exports/activity';
import { activityEntry } from '@/test/store-fixtures';
import { ACTIVITY_CSV_COLUMNS, activityCsvResponseBody, activityCsvStream } from './activity-csv';

const base = activityEntry();

async function* from(entries: ActivityEntry[]) {
  yield* entries;
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('activity CSV', () => {
  it('starts with a byte-order mark and a header row, then one row per entry', async () => {
    const csv = await text(activityCsvStream(from([base, { ...base, id: 'e-2', actor: null, role: null, code: 'Forbidden' }])));
    expect(csv.startsWith('\uFEFFid,at,actorId,')).toBe(true);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...ACTIVITY_CSV_COLUMNS]);
    expect(rows[1]).toEqual(['e-1', base.at, 'u-oscar', 'Oscar Operator', 'Oscar@Example.com', 'operator', 'create', 'summary',
      't-1', base.startTime, base.endTime, '201', '', 'req-1', 'up-1', '10.0.0.7']);
    expect(rows[2]?.slice(2, 6)).toEqual(['', '', '', '']);
    expect(rows[2]?.[12]).toBe('Forbidden');
    expect(rows).toHaveLength(3);
  });

  it('quotes commas, quotes and line breaks so that each value comes back whole', async () => {
    const name = 'Doe, "Jane"\nsecond line';
    const csv = await text(activityCsvStream(from([{ ...base, actor: { ...base.actor!, name } }])));
    expect((parse(csv, { bom: true }) as string[][])[1]?.[3]).toBe(name);
  });

  it('defuses every cell that a spreadsheet would read as a formula', async () => {
    const dangerous = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '＝1+1'];
    const entries = dangerous.map((name, i) => ({ ...base, id: `e-${i}`, actor: { ...base.actor!, name } }));
    const rows = parse(await text(activityCsvStream(from(entries))), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[3])).toEqual(dangerous.map((d) => `'${d}`));
    // Numbers stay numbers: the status is not text a user wrote.
    expect(rows[1]?.[11]).toBe('201');
  });

  it('writes just the header for no entries, and streams as a web stream too', async () => {
    const body = activityCsvResponseBody(from([]));
    // Read the bytes: Response.text() would drop the byte-order mark.
    const bytes = Buffer.from(await new Response(body).arrayBuffer());
    expect(bytes.toString('utf8')).toBe(`\uFEFF${ACTIVITY_CSV_COLUMNS.join(',')}\n`);
  });

  it('ends with an error when reading the entries fails midway', async () => {
    async function* failing() {
      yield base;
      throw new Error('store went away');
    }
    await expect(text(activityCsvStream(failing()))).rejects.toThrow('store went away');
  });
});
