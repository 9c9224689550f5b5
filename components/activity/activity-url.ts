/**
 * The Activity page's view lives in the URL (`/activity?action=delete&kind=summary&from=2026-11-01&to=2026-11-30&page=2`)
 * like the task tabs, so a link, a reload or back brings the same filters back. The period is whole days in the report
 * time zone; the API gets them as UTC instants. Anything unreadable falls back to "no filter".
 */
import { ACTIVITY_ACTIONS, ACTIVITY_PAGE_MAX, type ActivityAction } from '@/lib/exports/activity';
import { EXPORT_KINDS, type ExportKind } from '@/lib/exports/kinds-and-limits';
import { dayRangeToUtc, isPlainDate, type PlainDate } from '@/lib/exports/time-range';

export const ACTIVITY_PAGE_SIZES = [25, 50, 100, 200] as const;
export type ActivityPageSize = (typeof ACTIVITY_PAGE_SIZES)[number];
const ACTIVITY_DEFAULT_SIZE: ActivityPageSize = 50;

export interface ActivityView {
  page: number;
  size: ActivityPageSize;
  /** An email or user id, as typed. */
  actor: string;
  action: ActivityAction | '';
  kind: ExportKind | '';
  from: PlainDate | '';
  to: PlainDate | '';
}

export const EMPTY_ACTIVITY_VIEW: ActivityView = { page: 1, size: ACTIVITY_DEFAULT_SIZE, actor: '', action: '', kind: '', from: '', to: '' };

interface ParamReader {
  get(name: string): string | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | '' =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : '';

export function parseActivityView(params: ParamReader): ActivityView {
  const rawPage = params.get('page') ?? '';
  const page = /^\d{1,6}$/.test(rawPage) ? Math.min(Math.max(Number(rawPage), 1), ACTIVITY_PAGE_MAX) : 1;
  const rawSize = Number(params.get('size'));
  const size = (ACTIVITY_PAGE_SIZES as readonly number[]).includes(rawSize) ? (rawSize as ActivityPageSize) : ACTIVITY_DEFAULT_SIZE;
  const day = (name: string) => {
    const v = params.get(name) ?? '';
    return isPlainDate(v) ? v : '';
  };
  return {
    page,
    size,
    actor: (params.get('actor') ?? '').trim().slice(0, 320),
    action: oneOf(ACTIVITY_ACTIONS, params.get('action')),
    kind: oneOf(EXPORT_KINDS, params.get('kind')),
    from: day('from'),
    to: day('to'),
  };
}

/** The page's query string; empty filters and default page and size are left out. */
export function activityViewSearch(view: ActivityView): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'kind', 'from', 'to'] as const) if (view[key]) params.set(key, view[key]);
  if (view.page !== 1) params.set('page', String(view.page));
  if (view.size !== ACTIVITY_DEFAULT_SIZE) params.set('size', String(view.size));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * The filters as `GET /api/activity` and `/api/activity/export` take them: `from` the start of its day and `to` the
 * end of its day in the report time zone.
 */
export function activityApiFilters(view: ActivityView, timeZone: string): URLSearchParams {
  const params = new URLSearchParams();
  if (view.actor) params.set('actor', view.actor);
  if (view.action) params.set('action', view.action);
  if (view.kind) params.set('kind', view.kind);
  if (view.from) params.set('from', dayRangeToUtc({ from: view.from, to: view.from }, timeZone).startTime);
  if (view.to) params.set('to', dayRangeToUtc({ from: view.to, to: view.to }, timeZone).endTime);
  return params;
}
