import { describe, expect, it } from 'vitest';
import * as rules from '@/lib/exports/schemas';
import type { ExportTask } from '@/lib/exports/schemas';
import {
  checkExportForm,
  earliestDay,
  findDuplicate,
  initialFormValues,
  namePlaceholder,
  parseDomains,
  serverFieldErrors,
  settingsOf,
  splitBodies,
  valuesFromTask,
  type ExportFormValues,
} from './export-form-model';
import { pieceName } from './split-plan';

const timeZone = 'Asia/Shanghai';
// 2026-11-23 10:00 in Shanghai.
const now = Date.parse('2026-11-23T02:00:00Z');
const ctx = { now, timeZone };

function values(patch: Partial<ExportFormValues> = {}): ExportFormValues {
  return { ...initialFormValues(now, timeZone), ...patch };
}

describe('initialFormValues', () => {
  it('starts on yesterday in the report zone, English files, flow, all domains', () => {
    expect(initialFormValues(now, timeZone)).toEqual({
      from: '2026-11-22',
      to: '2026-11-22',
      name: '',
      language: 'en-us',
      type: 'flow',
      scope: 'all',
      domains: '',
      group: '',
    });
  });
  it('is valid as it is, for both kinds', () => {
    expect(checkExportForm('summary', values(), ctx, rules).body).toEqual({
      kind: 'summary',
      startTime: '2026-11-21T16:00:00Z',
      endTime: '2026-11-22T15:59:59Z',
      language: 'en-us',
    });
    expect(checkExportForm('detail', values(), ctx, rules).body).toMatchObject({ kind: 'detail', type: 'flow' });
  });
});

describe('checkExportForm', () => {
  it('asks for missing or malformed dates', () => {
    const check = checkExportForm('summary', values({ from: '', to: '2026-13-01' }), ctx, rules);
    expect(check.body).toBeNull();
    expect(check.errors.from).toMatch(/Pick a start date/);
    expect(check.errors.to).toMatch(/yyyy-mm-dd/);
  });
  it('refuses 32 days, and offers the monthly split', () => {
    const check = checkExportForm('summary', values({ from: '2026-09-01', to: '2026-10-02' }), ctx, rules);
    expect(check.body).toBeNull();
    expect(check.errors.to).toMatch(/at most 31 days/);
    expect(check.split).toEqual([
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-02' },
    ]);
  });
  it('accepts exactly 31 days', () => {
    expect(checkExportForm('summary', values({ from: '2026-10-01', to: '2026-10-31' }), ctx, rules).body).not.toBeNull();
  });
  it('refuses a future end and does not offer a split then', () => {
    const check = checkExportForm('summary', values({ from: '2026-11-01', to: '2026-11-24' }), ctx, rules);
    expect(check.errors.to).toMatch(/future/);
    expect(check.split).toBeNull();
    expect(checkExportForm('summary', values({ from: '2026-10-01', to: '2026-11-24' }), ctx, rules).split).toBeNull();
  });
  it('accepts today as the end', () => {
    expect(checkExportForm('summary', values({ from: '2026-11-20', to: '2026-11-23' }), ctx, rules).errors).toEqual({});
  });
  it('refuses an end before the start', () => {
    const check = checkExportForm('summary', values({ from: '2026-11-20', to: '2026-11-19' }), ctx, rules);
    expect(check.errors.to).toMatch(/after the start/);
    expect(check.split).toBeNull();
  });
  it('refuses a start more than a year ago', () => {
    const check = checkExportForm('summary', values({ from: '2025-11-01', to: '2025-11-05' }), ctx, rules);
    expect(check.errors.from).toMatch(/one year/);
  });
  it('checks domains as host names and the group as a name', () => {
    const bad = checkExportForm('detail', values({ scope: 'domains', domains: 'a.example.com bad_host' }), ctx, rules);
    expect(bad.errors.domains).toMatch(/bad_host/);
    expect(checkExportForm('detail', values({ scope: 'domains', domains: '  ' }), ctx, rules).errors.domains).toMatch(
      /at least one/,
    );
    expect(checkExportForm('detail', values({ scope: 'group', group: '' }), ctx, rules).errors.group).toBeDefined();
    const good = checkExportForm('detail', values({ scope: 'domains', domains: 'A.example.com,\nb.example.com' }), ctx, rules);
    expect(good.body).toMatchObject({ domains: ['a.example.com', 'b.example.com'] });
    expect(good.body).not.toHaveProperty('group');
  });
  it('ignores the domain fields of a summary and of "all domains"', () => {
    expect(checkExportForm('summary', values({ scope: 'domains', domains: 'bad' }), ctx, rules).body).not.toBeNull();
    expect(checkExportForm('detail', values({ scope: 'all', domains: 'bad' }), ctx, rules).body).not.toHaveProperty('domains');
  });
  it('limits the name to 100 characters and leaves a blank name out', () => {
    expect(checkExportForm('summary', values({ name: 'x'.repeat(101) }), ctx, rules).errors.name).toMatch(/100/);
    expect(checkExportForm('summary', values({ name: '   ' }), ctx, rules).body).not.toHaveProperty('name');
  });
  it('still checks other fields while a date is missing', () => {
    const check = checkExportForm('summary', values({ from: '', name: 'x'.repeat(101) }), ctx, rules);
    expect(Object.keys(check.errors).sort()).toEqual(['from', 'name']);
  });
});

describe('split', () => {
  it('names the pieces after the user’s name, within 100 characters', () => {
    expect(pieceName('', 0, 2)).toBeUndefined();
    expect(pieceName('Q3', 1, 3)).toBe('Q3 (2/3)');
    expect(pieceName('y'.repeat(100), 0, 2)).toHaveLength(100);
  });
  it('builds one valid body per piece', () => {
    const v = values({ from: '2026-08-15', to: '2026-10-10', name: 'Autumn' });
    const check = checkExportForm('detail', v, ctx, rules);
    const bodies = splitBodies('detail', v, check.split ?? [], ctx, rules);
    expect(bodies.map((b) => [b.startTime, b.endTime, b.name])).toEqual([
      ['2026-08-14T16:00:00Z', '2026-08-31T15:59:59Z', 'Autumn (1/3)'],
      ['2026-08-31T16:00:00Z', '2026-09-30T15:59:59Z', 'Autumn (2/3)'],
      ['2026-09-30T16:00:00Z', '2026-10-10T15:59:59Z', 'Autumn (3/3)'],
    ]);
  });
});

describe('earliestDay', () => {
  it('is the first day whose midnight in the zone is within a year', () => {
    // A year before is 2025-11-23T02:00Z = 10:00 in Shanghai; that day's midnight is earlier, so the next day.
    expect(earliestDay(now, timeZone)).toBe('2025-11-24');
    expect(checkExportForm('summary', values({ from: '2025-11-24', to: '2025-11-24' }), ctx, rules).errors).toEqual({});
    expect(checkExportForm('summary', values({ from: '2025-11-23', to: '2025-11-23' }), ctx, rules).errors.from).toBeDefined();
  });
});

describe('namePlaceholder', () => {
  it('is the default name of the period', () => {
    expect(namePlaceholder('summary', values())).toBe('Usage history 2026-11-22');
    expect(namePlaceholder('detail', values({ type: 'vas', to: '2026-11-23' }))).toBe(
      'Usage details (vas) 2026-11-22 – 2026-11-23',
    );
  });
});

const task = (patch: Partial<ExportTask>): ExportTask => ({
  id: 't1',
  kind: 'detail',
  name: 'n',
  status: 'success',
  createdAt: '2026-11-23T01:00:00Z',
  updatedAt: '2026-11-23T01:00:05Z',
  startTime: '2026-11-21T16:00:00Z',
  endTime: '2026-11-22T15:59:59Z',
  downloadable: true,
  ...patch,
});

describe('findDuplicate', () => {
  const body = checkExportForm('detail', values(), ctx, rules).body!;
  it('finds a task of the same kind and period that has not failed', () => {
    expect(findDuplicate(body, [task({})], new Map())?.id).toBe('t1');
    expect(findDuplicate(body, [task({ status: 'failed' })], new Map())).toBeUndefined();
    expect(findDuplicate(body, [task({ kind: 'summary' })], new Map())).toBeUndefined();
    expect(findDuplicate(body, [task({ endTime: '2026-11-23T15:59:59Z' })], new Map())).toBeUndefined();
  });
  it('compares the settings only when this browser knows them', () => {
    expect(findDuplicate(body, [task({})], new Map([['t1', { ...settingsOf(body), type: 'vas' as const }]]))).toBeUndefined();
    expect(findDuplicate(body, [task({})], new Map([['t1', { ...settingsOf(body), scope: 'group' as const, group: 'g' }]]))).toBeUndefined();
    expect(findDuplicate(body, [task({})], new Map([['t1', settingsOf(body)]]))).toBeDefined();
  });
});

describe('valuesFromTask', () => {
  it('takes the period as days in the zone and the name, and keeps the rest', () => {
    const current = values({ type: 'vas', scope: 'group', group: 'g1' });
    expect(
      valuesFromTask(task({ startTime: '2026-10-31T16:00:00Z', endTime: '2026-11-05T15:59:59Z', name: 'Nov' }), current, timeZone),
    ).toEqual({ ...current, from: '2026-11-01', to: '2026-11-05', name: 'Nov' });
  });
  it('fills in what this browser remembers of the task', () => {
    const body = checkExportForm('detail', values({ type: 'vas', scope: 'domains', domains: 'a.example.com b.example.com', language: 'zh-cn' }), ctx, rules).body!;
    expect(valuesFromTask(task({}), values(), timeZone, settingsOf(body))).toMatchObject({
      type: 'vas',
      scope: 'domains',
      domains: 'a.example.com\nb.example.com',
      group: '',
      language: 'zh-cn',
    });
  });
});

describe('parseDomains and serverFieldErrors', () => {
  it('splits on lines, commas and spaces, lowercases and drops repeats', () => {
    expect(parseDomains('a.example.com, B.example.com\n\n a.example.com;c.example.com')).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
    ]);
  });
  it('places server fields on inputs', () => {
    expect(serverFieldErrors({ startTime: 'too old', domains: 'bad', extra: 'Unknown field: extra.' })).toEqual({
      errors: { from: 'too old', domains: 'bad' },
      rest: ['Unknown field: extra.'],
    });
  });
});

describe('the browser’s own time zone', () => {
  // The form runs in the browser; none of its days may depend on the zone the browser is in.
  it('changes nothing: presets, limits, a split across a year end', () => {
    const original = process.env.TZ;
    const answers = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'].map((zone) => {
      process.env.TZ = zone;
      const v = values({ from: '2025-12-15', to: '2026-02-03' });
      const check = checkExportForm('summary', v, ctx, rules);
      return {
        initial: initialFormValues(now, timeZone),
        earliest: earliestDay(now, timeZone),
        pieces: check.split,
        bodies: splitBodies('summary', v, check.split ?? [], ctx, rules).map((b) => [b.startTime, b.endTime]),
      };
    });
    process.env.TZ = original;
    expect(answers[0]?.bodies).toEqual([
      ['2025-12-14T16:00:00Z', '2025-12-31T15:59:59Z'],
      ['2025-12-31T16:00:00Z', '2026-01-31T15:59:59Z'],
      ['2026-01-31T16:00:00Z', '2026-02-03T15:59:59Z'],
    ]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });
});

describe('a report zone with daylight saving', () => {
  // London, 2026-11-23: "Last month" is October, whose 31 days hold the change back from summer time (25 October),
  // so it lasts 31 × 24 hours and one more: longer than CDN allows.
  const london = { now: Date.parse('2026-11-23T12:00:00Z'), timeZone: 'Europe/London' };
  const october = { ...initialFormValues(london.now, london.timeZone), from: '2026-10-01', to: '2026-10-31' };

  it('refuses October whole, says why, and offers it as two tasks', () => {
    const check = checkExportForm('summary', october, london, rules);
    expect(check.body).toBeNull();
    expect(check.errors.to).toMatch(/end of summer time/);
    expect(check.split).toEqual([
      { from: '2026-10-01', to: '2026-10-16' },
      { from: '2026-10-17', to: '2026-10-31' },
    ]);
    for (const body of splitBodies('summary', october, check.split ?? [], london, rules)) expect(body.kind).toBe('summary');
  });
  it('keeps whole months where they fit', () => {
    const check = checkExportForm('summary', { ...october, from: '2026-09-01' }, london, rules);
    expect(check.split?.map((piece) => piece.from)).toEqual(['2026-09-01', '2026-10-01', '2026-10-17']);
  });
});
