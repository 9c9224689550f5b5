import 'server-only';
/**
 * Refused sign-ins and identities, one JSON line each. Callers pass reasons and provider error codes only: never a
 * token, a cookie, an authorization code or a secret.
 */
export function logAuthRejected(reason: string, details: Record<string, string | number | boolean | undefined> = {}): void {
  console.warn(JSON.stringify({ event: 'auth.rejected', level: 'warn', reason, ...details }));
}

export function logAuthEvent(event: string, details: Record<string, string | number | boolean | null | undefined> = {}): void {
  console.log(JSON.stringify({ event, ...details }));
}
