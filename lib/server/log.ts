import 'server-only';
/**
 * Structured logs: one JSON object per line, for whatever collects the server's output. Callers pass only what is
 * safe to keep: never credentials, and never a download URL (its query string is a signature). As a second line of
 * defence every string is redacted here: anything that looks like a URL or a signature parameter is replaced, so that
 * an error message quoting one (a refused header value, a driver's connection string) cannot leak it either.
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

type Details = Record<string, string | number | boolean | undefined>;

// Any scheme://… run, and the query parameters that carry a signature or credentials (OSS, CDN auth keys, AWS style).
const URL_LIKE = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi;
const SIGNATURE_PARAM = /\b(signature|expires|ossaccesskeyid|security-token|x-oss-[a-z-]+|x-amz-[a-z-]+|auth_key|sign|token)=[^\s&"']*/gi;
const NEEDS_REDACTION = /:\/\/|=/;

/** A string as it may appear in a log line: URLs and signature parameters replaced. */
export function redact(value: string): string {
  if (!NEEDS_REDACTION.test(value)) return value;
  return value.replace(URL_LIKE, '[url]').replace(SIGNATURE_PARAM, '$1=[redacted]');
}

function redacted(details: Details): Details {
  const out: Details = {};
  for (const [key, value] of Object.entries(details)) out[key] = typeof value === 'string' ? redact(value) : value;
  return out;
}

/** The line's text for a field value: strings are JSON-quoted (redacted), numbers and booleans as they are. */
function jsonValue(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(redact(value)) : String(value);
}

/**
 * The hot path: one line per upstream call, written straight to stdout (console.log formats its arguments and, under
 * Next, goes through its patched console; this is measurably cheaper per call, see bench/scenarios/bff-overhead.ts).
 */
export function logCdnCall(entry: CdnCallLog): void {
  let line = `{"event":"cdn.call","action":${jsonValue(entry.action)},"outcome":"${entry.outcome}"`;
  if (entry.code !== undefined) line += `,"code":${jsonValue(entry.code)}`;
  if (entry.requestId !== undefined) line += `,"requestId":${jsonValue(entry.requestId)}`;
  line += `,"durationMs":${Math.round(entry.durationMs)},"attempt":${entry.attempt}}\n`;
  process.stdout.write(line);
}

/** Problems an operator must act on (wrong keys, a clock off by minutes, a bug). Loud, on stderr. */
export function logAlert(event: string, details: Details): void {
  console.error(JSON.stringify({ event, level: 'error', ...redacted(details) }));
}

/** Worth a look, not urgent (an upstream answer this server had to work around). On stderr. */
export function logWarning(event: string, details: Details): void {
  console.warn(JSON.stringify({ event, level: 'warn', ...redacted(details) }));
}

const warnedOnce = new Set<string>();
/** Bounded, so that an upstream inventing a new oddity per call cannot grow the set without end. */
const MAX_ONCE_KEYS = 500;

/**
 * A warning logged once per distinct `key` per process: a list polled every few seconds would otherwise repeat the
 * same line forever. Returns whether it was logged.
 */
export function logWarningOnce(key: string, event: string, details: Details): boolean {
  if (warnedOnce.has(key) || warnedOnce.size >= MAX_ONCE_KEYS) return false;
  warnedOnce.add(key);
  logWarning(event, details);
  return true;
}
