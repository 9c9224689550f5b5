import { ExportsDashboard } from '@/components/exports/exports-dashboard';
import { HealthIndicator } from '@/components/exports/health-indicator';
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

export default function DashboardPage() {
  const { reportTimeZone } = getConfig();
  const serverNow = requestTime();

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
        <div className="mx-auto flex h-12 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <svg viewBox="0 0 32 32" className="size-6 shrink-0" aria-hidden="true">
            <rect width="32" height="32" rx="7" className="fill-zinc-900 dark:fill-zinc-100" />
            <path
              d="M9 20.5h14M16 8.5v9M11.75 13.25 16 17.5l4.25-4.25"
              fill="none"
              strokeWidth="2.25"
              strokeLinecap="round"
              strokeLinejoin="round"
              className="stroke-zinc-50 dark:stroke-zinc-900"
            />
          </svg>
          <span className="text-sm font-semibold tracking-tight">CDN Usage Exports</span>
          <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">Alibaba Cloud CDN</span>
          <span className="ml-auto">
            <HealthIndicator />
          </span>
        </div>
      </header>

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
    </div>
  );
}
