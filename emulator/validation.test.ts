import { describe, expect, it } from 'vitest';
import { paramsOf } from './auth';
import { CdnError } from './errors';
import { isHostName } from './host-names';
import { parseApiTime, parseRequestTimestamp } from './time';
import { parseDomainSelection, parsePaging, parsePeriod, parseTaskId } from './validation';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const p = (record: Record<string, string>) => paramsOf(Object.entries(record));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CdnError ? error.code : 'not a CdnError';
  }
  return undefined;
}

describe('parsePeriod', () => {
  const period = (StartTime: string, EndTime: string) => () => parsePeriod(p({ StartTime, EndTime }), NOW);

  it('accepts up to 31 days, a start within the last year, and an end in the future', () => {
    expect(codeOf(period('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'))).toBeUndefined();
    expect(codeOf(period('2025-11-24T00:00:00Z', '2025-11-25T00:00:00Z'))).toBeUndefined();
    expect(codeOf(period('2026-11-23T00:00:00Z', '2026-11-23T23:59:59Z'))).toBeUndefined();
  });

  it('answers the documented codes', () => {
    expect(codeOf(() => parsePeriod(p({ StartTime: '2026-10-01T00:00:00Z' }), NOW))).toBe('MissingTimeParameter');
    expect(codeOf(period('2026-10-01T00:00:00', '2026-10-02T00:00:00Z'))).toBe('InvalidStartTime.Malformed');
    expect(codeOf(period('2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00Z'))).toBe('InvalidStartTime.Malformed');
    expect(codeOf(period('2026-10-01T00:00:00Z', '2026-13-02T00:00:00Z'))).toBe('InvalidEndTime.Malformed');
    expect(codeOf(period('2026-10-02T00:00:00Z', '2026-10-02T00:00:00Z'))).toBe('InvalidParameterEndTime');
    expect(codeOf(period('2026-10-01T00:00:00Z', '2026-11-01T00:00:01Z'))).toBe('InvalidTimeRange');
    expect(codeOf(period('2025-11-22T00:00:00Z', '2025-11-23T00:00:00Z'))).toBe('InvalidStartTime.ValueNotSupported');
  });
});

describe('parsePaging', () => {
  it('defaults to page 1 of 20 and takes 1-50 and 1-100000', () => {
    expect(parsePaging(p({}))).toEqual({ pageNumber: 1, pageSize: 20 });
    expect(parsePaging(p({ PageNumber: '100000', PageSize: '50' }))).toEqual({ pageNumber: 100000, pageSize: 50 });
    const bads: Record<string, string>[] = [{ PageSize: '0' }, { PageSize: '51' }, { PageSize: '1.5' }, { PageSize: '' }, { PageNumber: '100001' }, { PageNumber: '-1' }];
    for (const bad of bads) {
      expect(codeOf(() => parsePaging(p(bad))), JSON.stringify(bad)).toBe('InvalidParameter');
    }
  });
});

describe('parseTaskId', () => {
  it('takes digits, refuses the rest', () => {
    expect(parseTaskId(p({ TaskId: '10001' }))).toBe('10001');
    expect(codeOf(() => parseTaskId(p({})))).toBe('MissingParameter');
    expect(codeOf(() => parseTaskId(p({ TaskId: '10a' })))).toBe('InvalidTaskId.Malformed');
  });
});

describe('domains', () => {
  it('knows a host name', () => {
    for (const ok of ['example.com', 'a-b.example.co.uk', '.example.com', 'xn--fiqs8s.cn']) expect(isHostName(ok), ok).toBe(true);
    for (const bad of ['example', '-a.example.com', 'a..com', 'a b.com', '1.2.3.4', `${'a'.repeat(64)}.com`, 'a.*.com', '*.example.com', '.com', '..example.com']) {
      expect(isHostName(bad), bad).toBe(false);
    }
  });

  it('selects the named domains, or all of them for a group or nothing', () => {
    const all = ['x.example.com', 'y.example.com'];
    expect(parseDomainSelection(p({ DomainNames: 'A.example.com,b.example.com' }), all)).toEqual({ domains: ['a.example.com', 'b.example.com'] });
    expect(parseDomainSelection(p({}), all)).toEqual({ domains: all });
    expect(parseDomainSelection(p({ Group: 'g', DomainNames: 'bad domain' }), all)).toEqual({ domains: all, group: 'g' });
    expect(codeOf(() => parseDomainSelection(p({ DomainNames: 'a.example.com,' }), all))).toBe('InvalidParameter');
  });
});

describe('times', () => {
  it('parses the API format strictly and request timestamps a little more loosely', () => {
    expect(parseApiTime('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseApiTime('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseApiTime('2024-01-01T24:00:00Z')).toBeUndefined();
    expect(parseRequestTimestamp('2024-01-01T00:00:00.5Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 500));
  });

  it('keeps parameters as plain data, whatever their names', () => {
    const params = paramsOf([['__proto__', 'x'], ['constructor', 'y'], ['TaskId', '1'], ['TaskId', '2']]);
    expect(Object.keys(params)).toEqual(['__proto__', 'constructor', 'TaskId']);
    expect(params.TaskId).toBe('1');
  });
});
