import { describe, expect, it } from 'vitest';
import type { ExportTask, TaskStatus } from '@/lib/exports/schemas';
import {
  creatorLabel,
  exactTime,
  finishedSince,
  isTakingLong,
  lastPage,
  pageSummary,
  periodLabel,
  relativeTime,
  updatedAgo,
} from './task-display';

const now = Date.parse('2026-11-23T02:00:00Z');
const task = (id: string, status: TaskStatus): ExportTask => ({
  id,
  kind: 'summary',
  name: id,
  status,
  createdAt: '2026-11-23T01:00:00Z',
  updatedAt: '2026-11-23T01:00:00Z',
  startTime: '2026-10-31T16:00:00Z',
  endTime: '2026-11-30T15:59:59Z',
  downloadable: status === 'success',
});

describe('periods and times in the report zone', () => {
  it('shows the days a task covers', () => {
    expect(periodLabel(task('a', 'success'), 'Asia/Shanghai')).toBe('2026-11-01 – 2026-11-30');
    expect(periodLabel({ startTime: '2026-11-21T16:00:00Z', endTime: '2026-11-22T15:59:59Z' }, 'Asia/Shanghai')).toBe(
      '2026-11-22',
    );
  });
  it('gives the exact time with its zone', () => {
    expect(exactTime('2026-11-23T02:00:00Z', 'Asia/Shanghai')).toBe('2026-11-23 10:00:00 (Asia/Shanghai)');
  });
  it('says how long ago, never in the future', () => {
    expect(relativeTime('2026-11-23T01:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-11-23T02:00:03Z', now)).toBe('just now');
    expect(relativeTime('2026-11-23T01:59:30Z', now)).toBe('30 seconds ago');
    expect(relativeTime('2026-11-23T01:59:00Z', now)).toBe('1 minute ago');
    expect(relativeTime('2026-11-22T23:30:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-11-20T02:00:00Z', now)).toBe('3 days ago');
    expect(relativeTime('2026-09-23T02:00:00Z', now)).toBe('2 months ago');
    expect(relativeTime('2025-11-23T02:00:00Z', now)).toBe('1 year ago');
    expect(updatedAgo('2026-11-23T01:59:55Z', now)).toBe('Updated 5 s ago');
    expect(updatedAgo('2026-11-23T02:00:01Z', now)).toBe('Updated 0 s ago');
    expect(updatedAgo('2026-11-23T01:57:00Z', now)).toBe('Updated 3 min ago');
  });
});

describe('isTakingLong', () => {
  it('flags a task generating for 30 minutes or more', () => {
    expect(isTakingLong({ status: 'created', createdAt: '2026-11-23T01:30:00Z' }, now)).toBe(true);
    expect(isTakingLong({ status: 'created', createdAt: '2026-11-23T01:31:00Z' }, now)).toBe(false);
    expect(isTakingLong({ status: 'success', createdAt: '2026-11-22T01:00:00Z' }, now)).toBe(false);
  });
});

describe('paging', () => {
  it('summarises the rows shown', () => {
    expect(pageSummary(3, 20, 57, 17)).toBe('41–57 of 57');
    expect(pageSummary(1, 20, 57, 20)).toBe('1–20 of 57');
    expect(pageSummary(1, 20, 0, 0)).toBe('0 of 0');
  });
  it('knows the last page', () => {
    expect(lastPage(57, 20)).toBe(3);
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(40, 20)).toBe(2);
  });
});

describe('finishedSince', () => {
  it('reports tasks that were generating and have finished', () => {
    const previous = new Map<string, TaskStatus>([
      ['a', 'created'],
      ['b', 'created'],
      ['c', 'success'],
      ['d', 'created'],
    ]);
    const changes = finishedSince(previous, [
      task('a', 'success'),
      task('b', 'failed'),
      task('c', 'success'),
      task('d', 'created'),
      task('e', 'success'),
    ]);
    expect(changes.ready.map((t) => t.id)).toEqual(['a']);
    expect(changes.failed.map((t) => t.id)).toEqual(['b']);
  });
});

describe('creatorLabel', () => {
  it('names the creator, or says the task was made outside the dashboard', () => {
    expect(creatorLabel({ createdBy: { name: 'Oscar Operator', email: 'oscar@example.com' } })).toBe('Oscar Operator');
    expect(creatorLabel({ createdBy: null })).toBe('outside the dashboard');
    expect(creatorLabel({})).toBe('…');
  });
});
