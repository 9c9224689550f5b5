'use client';

import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import { EXPORT_KINDS, type ExportKind } from '@/lib/exports/kinds-and-limits';
import { parseView, viewSearch, type DashboardView } from './dashboard-url';
import { ExportPanel } from './export-panel';
import { ServerNowContext } from './use-now';

interface ExportsDashboardProps {
  /** REPORT_TIME_ZONE, read by the server: every day on this page is a day in this zone. */
  timeZone: string;
  /** The server's clock when it rendered, so the first client render matches the HTML. */
  serverNow: number;
}

const TRIGGER_CLASS = clsx(
  '-mb-px h-9 border-b-2 border-transparent px-3 text-sm font-medium text-zinc-500 transition-colors',
  'hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
  'data-[state=active]:border-zinc-900 data-[state=active]:text-zinc-900',
  'dark:data-[state=active]:border-zinc-100 dark:data-[state=active]:text-zinc-50',
  'focus-visible:rounded-t-md focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600',
  'dark:focus-visible:outline-blue-400',
);

const TABS: { kind: ExportKind; label: string }[] = EXPORT_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind].tab }));

/**
 * The two kinds of export as tabs. The tab, page and page size are read from the URL and written back with
 * history.pushState (which Next's router follows), so back and forward move between views without a server round trip.
 *
 * A tab's panel is mounted when first shown and then kept (hidden) while the other tab is open: what the user typed in
 * its form survives a switch, and its tasks still generating are still followed, so their "ready" notice comes
 * wherever the user is. A hidden panel shows its first page, where a switch back lands.
 */
export function ExportsDashboard({ timeZone, serverNow }: ExportsDashboardProps) {
  const searchParams = useSearchParams();
  const view = parseView(searchParams);
  const [shown, setShown] = useState<ReadonlySet<ExportKind>>(() => new Set([view.tab]));
  // Derived from the URL during render (back and forward change the tab without any event of ours).
  if (!shown.has(view.tab)) setShown(new Set([...shown, view.tab]));

  const navigate = useCallback((next: DashboardView, mode: 'push' | 'replace' = 'push') => {
    const url = viewSearch(next);
    // Radix reports a tab change on both mouse-down and focus; one view is one history entry.
    if (url === window.location.search) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return (
    <ServerNowContext value={serverNow}>
      <Tabs.Root
        value={view.tab}
        onValueChange={(tab) => navigate({ tab: tab === 'detail' ? 'detail' : 'summary', page: 1, size: view.size })}
        className="flex flex-col"
      >
        <Tabs.List aria-label="Export kind" className="mb-5 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
          {TABS.map((tab) => (
            <Tabs.Trigger key={tab.kind} value={tab.kind} className={TRIGGER_CLASS}>
              {tab.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {TABS.filter((tab) => shown.has(tab.kind)).map((tab) => {
          const active = tab.kind === view.tab;
          return (
            // Not in the tab order itself (Radix's default): its first control is the next stop after the tab.
            <Tabs.Content key={tab.kind} value={tab.kind} forceMount hidden={!active} tabIndex={-1}>
              <ExportPanel
                kind={tab.kind}
                timeZone={timeZone}
                serverNow={serverNow}
                view={active ? view : { tab: tab.kind, page: 1, size: view.size }}
                onViewChange={navigate}
              />
            </Tabs.Content>
          );
        })}
      </Tabs.Root>
    </ServerNowContext>
  );
}
