import { clsx } from 'clsx';
import Link from 'next/link';
import { HealthIndicator } from '@/components/exports/health-indicator';
import { canReadActivity, roleLabel, type SessionUser } from '@/lib/exports/permissions';
import { SignOutButton } from './sign-out-button';

export type AppSection = 'exports' | 'activity';

const NAV_LINK = clsx(
  'rounded-md px-2 py-1 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900',
  'dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-50',
  'aria-[current=page]:text-zinc-900 dark:aria-[current=page]:text-zinc-50 aria-[current=page]:underline underline-offset-4',
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400',
);

function Logo() {
  return (
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
  );
}

/**
 * The top of every page: the product, the sections this user may open, CDN's reachability, and who is signed in with
 * which role. In `none` mode there is no one to sign out.
 */
export function AppHeader({ user, section }: { user: SessionUser | null; section: AppSection | null }) {
  const showActivity = user !== null && canReadActivity(user);
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex min-h-12 max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-1.5 sm:px-6">
        <Logo />
        <span className="text-sm font-semibold tracking-tight">CDN Usage Exports</span>
        <span className="hidden text-xs text-zinc-500 lg:inline dark:text-zinc-400">Alibaba Cloud CDN</span>
        <span className="ml-auto">
          <HealthIndicator />
        </span>
        {user ? (
          <div className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 sm:w-auto">
            <nav aria-label="Sections" className="flex items-center gap-1">
              <Link href="/" className={NAV_LINK} aria-current={section === 'exports' ? 'page' : undefined}>
                Exports
              </Link>
              {showActivity ? (
                <Link href="/activity" prefetch={false} className={NAV_LINK} aria-current={section === 'activity' ? 'page' : undefined}>
                  Activity
                </Link>
              ) : null}
            </nav>
            <span className="ml-auto flex items-center gap-2 sm:ml-0" aria-label="Signed in user" role="group">
              <span className="max-w-[12rem] truncate text-sm text-zinc-800 dark:text-zinc-200" title={user.email ?? user.id}>
                {user.name}
              </span>
              <span
                className="rounded-full border border-zinc-300 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-600 dark:text-zinc-300"
                title="Your role"
              >
                <span className="sr-only">Role: </span>
                {roleLabel(user.role)}
              </span>
              {user.authMode === 'oidc' ? <SignOutButton /> : null}
            </span>
          </div>
        ) : null}
      </div>
    </header>
  );
}
