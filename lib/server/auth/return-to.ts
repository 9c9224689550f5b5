import 'server-only';
/**
 * `returnTo` is only ever a path on this site: anything that could make the browser leave it after sign-in (an
 * absolute URL, a scheme-relative `//host`, a backslash that browsers read as a slash, control characters, or any of
 * these percent-encoded) falls back to `/`.
 */

const FALLBACK = '/';

/** `//host`, `/\host` (a backslash anywhere), or a control character (browsers drop tabs and newlines inside URLs). */
function unsafe(path: string): boolean {
  if (path[1] === '/' || path.includes('\\')) return true;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
const PROBE_ORIGIN = 'http://return-to.invalid';

export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/')) return FALLBACK;
  // Decode repeatedly: a path that only becomes dangerous once decoded (`/%2F%2Fevil`, `/%5Cevil`) is refused too.
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    if (unsafe(decoded)) return FALLBACK;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return FALLBACK;
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (unsafe(decoded)) return FALLBACK;
  // Let the URL parser, which browsers share, have the last word: the result must stay on the same origin.
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== PROBE_ORIGIN) return FALLBACK;
  // The parser resolves dot segments (`/.//host`, `/..//host` become `//host`): the result must pass the same checks.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return unsafe(path) ? FALLBACK : path;
}
