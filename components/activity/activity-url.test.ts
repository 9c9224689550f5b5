import { describe, expect, it } from 'vitest';
import { activityApiFilters, activityViewSearch, EMPTY_ACTIVITY_VIEW, parseActivityView } from './activity-url';

describe('the Activity page URL', () => {
  it('reads filters back from what it writes', () => {
    const view = { ...EMPTY_ACTIVITY_VIEW, page: 3, size: 100 as const, actor: 'ada@example.com', action: 'delete' as const, kind: 'detail' as const, from: '2026-11-01', to: '2026-11-30' };
    const search = activityViewSearch(view);
    expect(search).toBe('?actor=ada%40example.com&action=delete&kind=detail&from=2026-11-01&to=2026-11-30&page=3&size=100');
    expect(parseActivityView(new URLSearchParams(search))).toEqual(view);
  });

  it('leaves out the defaults and falls back on anything unreadable', () => {
    expect(activityViewSearch(EMPTY_ACTIVITY_VIEW)).toBe('');
    expect(parseActivityView(new URLSearchParams('page=0&size=7&action=drop&kind=x&from=2026-13-01&to=yesterday'))).toEqual(EMPTY_ACTIVITY_VIEW);
  });

  it('asks the API for whole days in the report time zone', () => {
    const params = activityApiFilters({ ...EMPTY_ACTIVITY_VIEW, from: '2026-11-01', to: '2026-11-30', action: 'create' }, 'Asia/Shanghai');
    expect(params.toString()).toBe('action=create&from=2026-10-31T16%3A00%3A00Z&to=2026-11-30T15%3A59%3A59Z');
  });
});
