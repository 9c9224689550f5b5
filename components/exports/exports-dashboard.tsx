'use client';

import { clsx } from 'clsx';
import { useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { TabList, tabIds, type TabItem } from '@/components/ui/tabs';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import { EXPORT_KINDS, type ExportKind } from '@/lib/exports/kinds-and-limits';
import { parseView, viewSearch, type DashboardView } from './dashboard-url';
import type { ExportFormValues } from './export-form-model';
import { ExportPanel } from './export-panel';
import { ServerNowContext } from './use-now';

interface ExportsDashboardProps {
  /** REPORT_TIME_ZONE, read by the server: every day on this page is a day in this zone. */
  timeZone: string;
  /** The server's clock when it rendered, so the first client render matches the HTML. */
  serverNow: number;
  /** The forms' first values (yesterday, in the report zone), as of `serverNow`. */
  initialValues: ExportFormValues;
}

const TRIGGER_CLASS = clsx(
  '-mb-px h-9 border-b-2 border-transparent px-3 text-sm font-medium text-zinc-500 transition-colors',
  'hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
  'aria-selected:border-zinc-900 aria-selected:text-zinc-900',
  'dark:aria-selected:border-zinc-100 dark:aria-selected:text-zinc-50',
  'focus-visible:rounded-t-md focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600',
  'dark:focus-visible:outline-blue-400',
);

const TABS: TabItem<ExportKind>[] = EXPORT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind].tab }));
const TAB_IDS_PREFIX = 'export-kind';

/**
 * The two kinds of export as tabs. The tab, page and page size are read from the URL and written back with
 * history.pushState (which Next's router follows), so back and forward move between views without a server round trip.
 *
 * A tab's panel is mounted when first shown and then kept (hidden) while the other tab is open: what the user typed in
 * its form survives a switch, and its tasks still generating are still followed, so their "ready" notice comes
 * wherever the user is. A hidden panel shows its first page, where a switch back lands.
 */
export function ExportsDashboard({ timeZone, serverNow, initialValues }: ExportsDashboardProps) {
  const searchParams = useSearchParams();
  const view = parseView(searchParams);
  const [shown, setShown] = useState<ReadonlySet<ExportKind>>(() => new Set([view.tab]));
  // Derived from the URL during render (back and forward change the tab without any event of ours).
  if (!shown.has(view.tab)) setShown(new Set([...shown, view.tab]));

  const navigate = useCallback((next: DashboardView, mode: 'push' | 'replace' = 'push') => {
    const url = viewSearch(next);
    // The view already shown adds no history entry: one view is one entry.
    if (url === window.location.search) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return (
    <ServerNowContext value={serverNow}>
      <div className="flex flex-col">
        <TabList
          label="Export kind"
          idPrefix={TAB_IDS_PREFIX}
          items={TABS}
          value={view.tab}
          onChange={(tab) => navigate({ tab, page: 1, size: view.size })}
          className="mb-5 flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
          tabClassName={TRIGGER_CLASS}
        />
        {TABS.filter((tab) => shown.has(tab.value)).map((tab) => {
          const active = tab.value === view.tab;
          const ids = tabIds(TAB_IDS_PREFIX, tab.value);
          return (
            // Not in the tab order itself: its first control is the next stop after the tab.
            <div key={tab.value} role="tabpanel" id={ids.panel} aria-labelledby={ids.tab} hidden={!active} tabIndex={-1}>
              <ExportPanel
                kind={tab.value}
                timeZone={timeZone}
                initialValues={initialValues}
                view={active ? view : { tab: tab.value, page: 1, size: view.size }}
                onViewChange={navigate}
              />
            </div>
          );
        })}
      </div>
    </ServerNowContext>
  );
}
