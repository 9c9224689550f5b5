import 'server-only';
/**
 * Structured logs: one JSON object per line on stdout, for whatever collects the server's output. Callers pass
 * only what is safe to keep: never credentials, and never a download URL (its query string is a signature).
 */

/** ok, or the UpstreamFailure kind; 'error' for a failure nobody recognised (a bug). */
export type CdnCallOutcome = 'ok' | 'answered' | 'timeout' | 'unreachable' | 'malformed' | 'error';

export interface CdnCallLog {
  action: string;
  outcome: CdnCallOutcome;
  code?: string;
  requestId?: string;
  durationMs: number;
  attempt: number;
}

export function logCdnCall(entry: CdnCallLog): void {
  console.log(JSON.stringify({ event: 'cdn.call', ...entry, durationMs: Math.round(entry.durationMs) }));
}

/** Problems an operator must act on (wrong keys, a clock off by minutes, a bug). Loud, on stderr. */
export function logAlert(event: string, details: Record<string, string | number | boolean | undefined>): void {
  console.error(JSON.stringify({ event, level: 'error', ...details }));
}
