import type { Metadata } from 'next';
import { ActivityLog } from '@/components/activity/activity-log';
import { PageFrame } from '@/components/session/page-frame';
import { canReadActivity, roleNeededMessage } from '@/lib/exports/permissions';
import { pagePath, pageSession } from '@/lib/server/auth/page-session';
import { getConfig } from '@/lib/server/config';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Activity · CDN usage exports' };

/** Who did what (every create, delete, download and refused request): admins only; anyone else is told which role it needs. */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession(pagePath('/activity', await searchParams));
  const { reportTimeZone } = getConfig();
  const allowed = session.signedIn && canReadActivity(session.user);
  return (
    <PageFrame session={session} section="activity">
      <main className="mx-auto max-w-7xl px-4 pt-6 pb-16 sm:px-6">
        <div className="mb-5">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Activity</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            Every create, delete and download made through the dashboard, and every refused request, newest first.
          </p>
        </div>
        {allowed ? (
          <ActivityLog timeZone={reportTimeZone} />
        ) : session.signedIn ? (
          <p role="alert" className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
            {roleNeededMessage('admin', session.user.role)}
          </p>
        ) : null}
      </main>
    </PageFrame>
  );
}
