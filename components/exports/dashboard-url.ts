/**
 * The dashboard's view lives in the URL (`?tab=detail&page=2&size=50`) so that a link, a reload or the back button
 * brings back the same tab and page. Anything unreadable falls back to the default rather than to an error page.
 */
import { PAGE_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZES, type ExportKind } from '@/lib/exports/kinds-and-limits';

export type PageSize = (typeof PAGE_SIZES)[number];

export interface DashboardView {
  tab: ExportKind;
  page: number;
  size: PageSize;
}

export const DEFAULT_VIEW: DashboardView = { tab: 'summary', page: 1, size: PAGE_SIZE_DEFAULT as PageSize };

interface ParamReader {
  get(name: string): string | null;
}

function isPageSize(value: number): value is PageSize {
  return (PAGE_SIZES as readonly number[]).includes(value);
}

export function parseView(params: ParamReader): DashboardView {
  const tab = params.get('tab') === 'detail' ? 'detail' : 'summary';
  const rawPage = params.get('page') ?? '';
  const page = /^\d{1,6}$/.test(rawPage) ? Math.min(Math.max(Number(rawPage), 1), PAGE_MAX) : 1;
  const rawSize = Number(params.get('size'));
  const size = isPageSize(rawSize) ? rawSize : DEFAULT_VIEW.size;
  return { tab, page, size };
}

/** The query string for a view; the defaults of page and size are left out to keep links short. */
export function viewSearch(view: DashboardView): string {
  const params = new URLSearchParams({ tab: view.tab });
  if (view.page !== 1) params.set('page', String(view.page));
  if (view.size !== DEFAULT_VIEW.size) params.set('size', String(view.size));
  return `?${params.toString()}`;
}
