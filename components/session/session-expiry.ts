/**
 * A session that ends while the page is open (it expired, was signed out in another tab, or its cookie went bad): the
 * first answer 401 takes the user through the sign-in and back to the same page and view
 * (`/api/auth/login?returnTo=<path and query>`). In `proxy` mode that route sends the user straight back, and the
 * page's server render then explains how to reach the dashboard.
 */
import { signInPath } from '@/lib/exports/sign-in-path';

/** Where the sign-in returns to: this page, its tab and its filters. */
function currentReturnTo(location: Pick<Location, 'pathname' | 'search'>): string {
  return `${location.pathname}${location.search}`;
}

const LAST_TRIP_KEY = 'cdn-exports:sign-in-trip';
/** A 401 again within this long after a trip through the sign-in means the trip does not help: stop, show the error. */
const LOOP_GUARD_MS = 15_000;

/**
 * Sends the browser to the sign-in, once. Returns false (and does nothing) when it just came back from one, so that a
 * server that keeps answering 401 shows its message instead of bouncing the user forever.
 */
export function leadThroughSignIn(): boolean {
  if (typeof window === 'undefined') return false;
  try {
    const last = Number(window.sessionStorage.getItem(LAST_TRIP_KEY) ?? '0');
    if (Date.now() - last < LOOP_GUARD_MS) return false;
    window.sessionStorage.setItem(LAST_TRIP_KEY, String(Date.now()));
  } catch {
    // Storage refused (private mode): go anyway.
  }
  window.location.assign(signInPath(currentReturnTo(window.location)));
  return true;
}
