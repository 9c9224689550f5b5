import 'server-only';
/**
 * Who is looking at a page, for server components: the same `authenticate()` the route handlers use, read from the
 * page request's headers. Not signed in: in `oidc` mode the page redirects to the sign-in before anything renders
 * (no flash of an empty dashboard); in `proxy` mode the page says how to reach the dashboard instead.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from './auth-service';
import type { AuthMode, SessionUser } from '@/lib/exports/permissions';
import { signInPath } from '@/lib/exports/sign-in-path';

/** `user` is what the browser may know about the user: no groups, no tokens. */
export type PageSession = { signedIn: true; user: SessionUser } | { signedIn: false; authMode: AuthMode };

/**
 * The page's user. `path` (this page's path and query) is where the sign-in returns to; in `oidc` mode a visitor
 * who is not signed in never gets past this call.
 */
export async function pageSession(path: string): Promise<PageSession> {
  const auth = getAuth();
  // authenticate() reads only headers (the session cookie, or the proxy's identity headers / JWT).
  const request = new Request('http://page.invalid/', { headers: new Headers(await headers()) });
  const principal = await auth.authenticate(request);
  const authMode = auth.config.mode;
  if (!principal) {
    if (authMode === 'oidc') redirect(signInPath(path));
    return { signedIn: false, authMode };
  }
  return {
    signedIn: true,
    user: { id: principal.id, name: principal.name, email: principal.email, role: principal.role, authMode },
  };
}

/** The query of a page request, from the searchParams Next hands a page. */
export function searchParamsOf(searchParams: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  return query;
}

/** A page's own path and query, from the searchParams Next hands a page. */
export function pagePath(pathname: string, searchParams: Record<string, string | string[] | undefined>): string {
  const search = searchParamsOf(searchParams).toString();
  return search ? `${pathname}?${search}` : pathname;
}
