/** The API's one time format, `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds). */

const API_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
// Request timestamps from other clients sometimes carry milliseconds; the gateway tolerates them.
const REQUEST_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

export function formatApiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fromParts(match: RegExpExecArray): number | undefined {
  const [, y, mo, d, h, mi, s, frac] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac ?? '0').padEnd(3, '0')));
  // Date.UTC rolls 2024-02-30 over into March; a round trip catches every such impossible date.
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(mo) - 1 &&
    back.getUTCDate() === Number(d) &&
    back.getUTCHours() === Number(h) &&
    back.getUTCMinutes() === Number(mi) &&
    back.getUTCSeconds() === Number(s);
  return valid ? ms : undefined;
}

/** Strict API time; `undefined` when malformed or impossible. */
export function parseApiTime(value: string): number | undefined {
  const match = API_TIME.exec(value);
  return match ? fromParts(match) : undefined;
}

/** A request's `Timestamp` / `x-acs-date`. */
export function parseRequestTimestamp(value: string): number | undefined {
  const match = REQUEST_TIMESTAMP.exec(value);
  return match ? fromParts(match) : undefined;
}

/** `20261001T000000Z`: the period in file names, without characters that some file systems refuse. */
export function compactApiTime(ms: number): string {
  return formatApiTime(ms).replace(/[-:]/g, '');
}
