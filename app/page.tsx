import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseView } from '@/components/exports/dashboard-url';
import { initialFormValues } from '@/components/exports/export-form-model';
import { ExportsDashboard } from '@/components/exports/exports-dashboard';
import { PageFrame } from '@/components/session/page-frame';
import { exportKeys } from '@/lib/api/exports';
import type { ListQuery } from '@/lib/exports/schemas';
import { pagePath, pageSession, searchParamsOf } from '@/lib/server/auth/page-session';
import { getConfig } from '@/lib/server/config';
import { api } from '@/lib/server/services';
import { TASK_RETENTION_MONTHS } from '@/lib/exports/time-range';

// The report time zone and the clock are read per request: the form's "today" must be today, not the build's.
export const dynamic = 'force-dynamic';

/**
 * The time of this request. A server component renders once per request and never re-renders, so reading the clock
 * here is stable; the value is handed to the browser so that its first render matches this HTML.
 */
function requestTime(): number {
  return Date.now();
}

/**
 * How long the page waits for CDN's list before it goes out without it. The list's own read goes on (its answer
 * lands in the BFF's list cache), and the browser then asks for it as usual.
 *
 * The page goes out in one piece, rows included, rather than as a frame first and the dashboard streamed after it:
 * measured with `npm run bench`, the streamed dashboard reached the browser while it was starting the page's scripts,
 * and its parsing, its first layout and its reveal then came as long tasks of their own after the first paint
 * (Lighthouse's total blocking time), where in one piece they are part of the first paint. CDN usually lists in well
 * under this; when it does not, the page waits this long and its table shows a skeleton until the browser's own
 * request answers.
 */
const LIST_WAIT_MS = 1000;

/**
 * The tasks of the view in the URL, read on the server so that the page's HTML already has its rows: nothing waits
 * for JavaScript and a second round trip before the table shows, and the browser's query starts with this answer
 * (TanStack Query's HydrationBoundary) instead of fetching it again. It counts as fresh from this request on, so the
 * browser does not ask again when it starts within the list's 2 s of freshness (app/providers.tsx).
 */
async function firstList(query: ListQuery, requestedAt: number) {
  const queryClient = new QueryClient();
  const request = new Request('http://page.invalid/', { headers: new Headers(await headers()) });
  const page = await Promise.race([api.listForPage(request, query), sleep(LIST_WAIT_MS, null, { ref: false })]);
  if (page) queryClient.setQueryData(exportKeys.list(query), page, { updatedAt: requestedAt });
  return dehydrate(queryClient);
}

/** The dashboard once its first list is read (or LIST_WAIT_MS has passed). */
async function DashboardWithFirstList({ query, timeZone, serverNow }: { query: ListQuery; timeZone: string; serverNow: number }) {
  const list = await firstList(query, serverNow);
  return (
    <HydrationBoundary state={list}>
      <ExportsDashboard
        timeZone={timeZone}
        serverNow={serverNow}
        // Worked out here: the browser's first day arithmetic in the report zone loads that zone's data, which would
        // otherwise fall in the page's first render.
        initialValues={initialFormValues(serverNow, timeZone)}
      />
    </HydrationBoundary>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Before anything else: a visitor who is not signed in goes to the sign-in (oidc) without seeing the page.
  const params = await searchParams;
  const session = await pageSession(pagePath('/', params));
  const { reportTimeZone } = getConfig();
  const serverNow = requestTime();
  const view = parseView(searchParamsOf(params));

  return (
    <PageFrame session={session} section="exports">
      <main className="mx-auto max-w-7xl px-4 pt-6 pb-16 sm:px-6">
        <div className="mb-5">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Usage exports</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Export CDN usage as a PDF history or as Excel 5-minute details. Dates are whole days in{' '}
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{reportTimeZone}</span>. CDN keeps export
            tasks for {TASK_RETENTION_MONTHS === 3 ? 'three' : TASK_RETENTION_MONTHS} months; download the files you
            need to keep.
          </p>
        </div>
        <DashboardWithFirstList
          query={{ kind: view.tab, page: view.page, size: view.size }}
          timeZone={reportTimeZone}
          serverNow={serverNow}
        />
      </main>
    </PageFrame>
  );
}
