import { describe, expect, it } from 'vitest';
import {
  checkUtcRange,
  dayRangeToUtc,
  endOfTodayUtc,
  isIsoUtcSeconds,
  presetRange,
  splitByMonth,
  utcToDayRange,
} from './time-range';

const SH = 'Asia/Shanghai';
// 2026-11-23 10:00 in Shanghai.
const NOW = Date.parse('2026-11-23T02:00:00Z');

describe('dayRangeToUtc', () => {
  it('turns whole Shanghai days into the UTC instants CDN documents', () => {
    expect(dayRangeToUtc({ from: '2019-12-30', to: '2019-12-30' }, SH)).toEqual({
      startTime: '2019-12-29T16:00:00Z',
      endTime: '2019-12-30T15:59:59Z',
    });
  });
  it('follows daylight saving in zones that have it', () => {
    // New York leaves DST on 2026-11-01: that day has 25 hours.
    expect(dayRangeToUtc({ from: '2026-11-01', to: '2026-11-01' }, 'America/New_York')).toEqual({
      startTime: '2026-11-01T04:00:00Z',
      endTime: '2026-11-02T04:59:59Z',
    });
  });
  it('round-trips through utcToDayRange', () => {
    const days = { from: '2026-10-01', to: '2026-10-31' };
    expect(utcToDayRange(dayRangeToUtc(days, SH), SH)).toEqual(days);
  });
});

describe('presets', () => {
  it('compute days in the report zone, not the runtime zone', () => {
    // 2026-11-30T17:00Z is already December 1st in Shanghai.
    const lateUtc = Date.parse('2026-11-30T17:00:00Z');
    expect(presetRange('yesterday', lateUtc, SH)).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetRange('lastMonth', lateUtc, SH)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('monthToDate', lateUtc, SH)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });
  it('last 7 days are the seven complete days before today', () => {
    expect(presetRange('last7', NOW, SH)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });
  it('last month across a year end', () => {
    expect(presetRange('lastMonth', Date.parse('2027-01-10T00:00:00Z'), SH)).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });
});

describe('checkUtcRange', () => {
  const ok = (from: string, to: string) => checkUtcRange(dayRangeToUtc({ from, to }, SH), NOW, SH);
  it('accepts 31 whole days and refuses 32', () => {
    expect(ok('2026-10-01', '2026-10-31')).toEqual([]);
    expect(ok('2026-10-01', '2026-11-01')).toEqual([
      expect.objectContaining({ field: 'endTime', message: expect.stringContaining('31 days') }),
    ]);
  });
  it('refuses an end before the start, a start over a year ago and an end after today', () => {
    expect(ok('2026-10-02', '2026-10-01')[0]?.field).toBe('endTime');
    expect(ok('2025-11-01', '2025-11-02')[0]?.field).toBe('startTime');
    expect(ok('2026-11-23', '2026-11-24')[0]?.message).toMatch(/future/);
    expect(ok('2026-11-23', '2026-11-23')).toEqual([]);
    expect(endOfTodayUtc(NOW, SH)).toBe('2026-11-23T15:59:59Z');
  });
});

describe('splitByMonth', () => {
  it('splits at calendar month ends', () => {
    expect(splitByMonth({ from: '2026-08-15', to: '2026-10-03' })).toEqual([
      { from: '2026-08-15', to: '2026-08-31' },
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-03' },
    ]);
    expect(splitByMonth({ from: '2026-02-01', to: '2026-02-28' })).toHaveLength(1);
  });
});

describe('isIsoUtcSeconds', () => {
  it('accepts only real instants in the exact format', () => {
    expect(isIsoUtcSeconds('2026-10-01T00:00:00Z')).toBe(true);
    for (const bad of ['2026-02-30T00:00:00Z', '2026-10-01T00:00:00.000Z', '2026-10-01 00:00:00', '2026-10-01T24:00:00Z', '']) {
      expect(isIsoUtcSeconds(bad)).toBe(false);
    }
  });
});
