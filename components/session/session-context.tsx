'use client';

import { createContext, use, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/exports/permissions';

const SessionUserContext = createContext<SessionUser | null>(null);

/** The signed-in user, as the server rendered the page for them. */
export function SessionUserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionUserContext value={user}>{children}</SessionUserContext>;
}

/** The page's user. Every page under SessionUserProvider has one; outside it (tests of lone components) null. */
export function useSessionUser(): SessionUser | null {
  return use(SessionUserContext);
}
