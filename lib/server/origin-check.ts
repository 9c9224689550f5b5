import 'server-only';
/**
 * Cross-site request protection for the state-changing routes. Browsers send `Origin` on every POST and DELETE (and
 * `Referer` where an old one does not); another site's page can make a browser send them but cannot forge them. A
 * request without either did not come from a browser page, so it cannot be a cross-site attack and is let through
 * (curl, scripts, tests).
 */
import { toOrigin } from './config';

function firstValue(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/**
 * The origin this request was made to, as the browser saw it: the proxy's forwarded host and scheme when a proxy set
 * them, else the Host header and the scheme the server was reached with.
 */
export function ownOrigin(headers: Headers, requestUrl: string): string | null {
  const host = firstValue(headers.get('x-forwarded-host')) ?? firstValue(headers.get('host'));
  if (!host) return null;
  let scheme = firstValue(headers.get('x-forwarded-proto'))?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    try {
      scheme = new URL(requestUrl).protocol.replace(/:$/, '');
    } catch {
      return null;
    }
  }
  // Host may carry anything; parsing it through URL rejects junk and normalises case and default ports.
  if (/[\s/\\@?#]/.test(host)) return null;
  return toOrigin(`${scheme}://${host}`);
}

/** The origin a browser says the request came from, or undefined when it says nothing. null: it said something unusable. */
export function claimedOrigin(headers: Headers): string | null | undefined {
  const origin = headers.get('origin');
  if (origin !== null) return origin.trim() === 'null' ? null : toOrigin(origin.trim());
  const referer = headers.get('referer');
  if (referer !== null) return toOrigin(referer.trim());
  return undefined;
}

/** True when a state-changing request may proceed. `allowed` null means "only the origin the request was made to". */
export function isAllowedOrigin(headers: Headers, requestUrl: string, allowed: readonly string[] | null): boolean {
  const claimed = claimedOrigin(headers);
  if (claimed === undefined) return true;
  if (claimed === null) return false;
  if (allowed) return allowed.includes(claimed);
  return claimed === ownOrigin(headers, requestUrl);
}
