/** `/api/auth/login?returnTo=<path and query>`: the way back to `returnTo` through the sign-in (server and browser). */
export function signInPath(returnTo: string): string {
  return `/api/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
}
