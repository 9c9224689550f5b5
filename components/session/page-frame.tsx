import type { ReactNode } from 'react';
import type { PageSession } from '@/lib/server/auth/page-session';
import { AppHeader, type AppSection } from './app-header';
import { OpenAccessBanner } from './open-access-banner';
import { ProxySignInNotice } from './proxy-sign-in-notice';
import { SessionUserProvider } from './session-context';

/**
 * Every page's frame: the header, the `none`-mode banner, and the user for the page's components. A visitor the proxy
 * did not name (proxy mode) gets the notice on how to reach the dashboard instead of the page.
 */
export function PageFrame({ session, section, children }: { session: PageSession; section: AppSection; children: ReactNode }) {
  if (!session.signedIn) {
    return (
      <div className="min-h-dvh">
        <AppHeader user={null} section={null} />
        <ProxySignInNotice />
      </div>
    );
  }
  return (
    <div className="min-h-dvh">
      <AppHeader user={session.user} section={section} />
      {session.user.authMode === 'none' ? <OpenAccessBanner /> : null}
      <SessionUserProvider user={session.user}>{children}</SessionUserProvider>
    </div>
  );
}
