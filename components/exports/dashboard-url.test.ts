import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, viewSearch } from './dashboard-url';

describe('parseView', () => {
  it('reads tab, page and size', () => {
    expect(parseView(new URLSearchParams('tab=detail&page=2&size=50'))).toEqual({ tab: 'detail', page: 2, size: 50 });
  });
  it('falls back to the defaults for anything it cannot read', () => {
    expect(parseView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
    expect(parseView(new URLSearchParams('tab=nope&page=-3&size=7'))).toEqual(DEFAULT_VIEW);
    expect(parseView(new URLSearchParams('page=1.5&size=abc'))).toEqual(DEFAULT_VIEW);
    expect(parseView(new URLSearchParams('page=0'))).toMatchObject({ page: 1 });
  });
});

describe('viewSearch', () => {
  it('writes the tab always and leaves default page and size out', () => {
    expect(viewSearch(DEFAULT_VIEW)).toBe('?tab=summary');
    expect(viewSearch({ tab: 'detail', page: 2, size: 50 })).toBe('?tab=detail&page=2&size=50');
  });
  it('round-trips', () => {
    const view = { tab: 'detail', page: 7, size: 10 } as const;
    expect(parseView(new URLSearchParams(viewSearch(view)))).toEqual(view);
  });
});
