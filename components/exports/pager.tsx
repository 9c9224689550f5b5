'use client';

import { Button } from '@/components/ui/button';
import { ChevronLeftIcon, ChevronRightIcon } from '@/components/ui/icons';
import { inputClasses } from '@/components/ui/field';
import { PAGE_SIZES, type ExportKind } from '@/lib/exports/kinds-and-limits';
import type { ExportTaskPage } from '@/lib/exports/schemas';
import type { DashboardView, PageSize } from './dashboard-url';
import { lastPage, pageSummary } from './task-display';

/** Where the list is (rows shown of how many), the page size, and previous/next. */
export function Pager({
  kind,
  view,
  data,
  onViewChange,
}: {
  kind: ExportKind;
  view: DashboardView;
  data: ExportTaskPage | undefined;
  onViewChange: (view: DashboardView) => void;
}) {
  const last = data ? lastPage(data.total, view.size) : 1;
  const sizeId = `${kind}-page-size`;
  return (
    <nav
      aria-label="Pages"
      className="flex min-h-12 flex-wrap items-center gap-x-4 gap-y-2 border-t py-2 border-zinc-200 px-4 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
    >
      <span className="min-w-[11ch] tabular-nums" aria-live="polite">
        {data ? pageSummary(data.page, data.size, data.total, data.tasks.length) : ''}
      </span>
      <span className="flex items-center gap-2">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={view.size}
          onChange={(e) => onViewChange({ ...view, page: 1, size: Number(e.target.value) as PageSize })}
          className={inputClasses('tabular-nums', { size: 'sm' })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </span>
      <span className="ml-auto flex items-center gap-1">
        <span className="mr-2 tabular-nums">
          Page {view.page} of {last}
        </span>
        <Button
          size="icon-sm"
          aria-label="Previous page"
          aria-disabled={view.page <= 1 || undefined}
          onClick={() => onViewChange({ ...view, page: Math.min(view.page - 1, last) })}
        >
          <ChevronLeftIcon className="size-3.5" />
        </Button>
        <Button
          size="icon-sm"
          aria-label="Next page"
          aria-disabled={!data || view.page >= last || undefined}
          onClick={() => onViewChange({ ...view, page: view.page + 1 })}
        >
          <ChevronRightIcon className="size-3.5" />
        </Button>
      </span>
    </nav>
  );
}
