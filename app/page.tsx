import { ExportsDashboard } from '@/components/exports/exports-dashboard';
import { PageFrame } from '@/components/session/page-frame';
import { pagePath, pageSession } from '@/lib/server/auth/page-session';
import { getConfig } from '@/lib/server/config';
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

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Before anything else: a visitor who is not signed in goes to the sign-in (oidc) without seeing the page.
  const session = await pageSession(pagePath('/', await searchParams));
  const { reportTimeZone } = getConfig();
  const serverNow = requestTime();

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
        <ExportsDashboard timeZone={reportTimeZone} serverNow={serverNow} />
      </main>
    </PageFrame>
  );
}
