import 'server-only';
/**
 * Which download URLs this server passes on in a redirect. CDN hands them out, but a redirect from
 * our origin lends them our name: only a well-formed absolute `https:` URL (plain `http:` only on loopback while the
 * upstream itself is loopback http, i.e. the emulator), without credentials or control characters, to a host that
 * CDN_DOWNLOAD_HOSTS allows when it is set, and always in the normalised form the URL parser gives (so that what we
 * checked is byte for byte what the browser follows).
 */
import { isLoopbackHost } from './auth/auth-config';

export interface DownloadUrlPolicy {
  /** Plain http is allowed to loopback hosts (the emulator); never otherwise. */
  allowLoopbackHttp: boolean;
  /** Allowed host patterns (`files.example.com`, `*.example.com`), lower case; null: any host. */
  hosts: readonly string[] | null;
}

/** Why a URL was refused; safe to log (it says nothing of the URL itself). */
export type DownloadUrlRefusal = 'missing' | 'controlCharacters' | 'malformed' | 'scheme' | 'credentials' | 'host';

export type DownloadUrlCheck = { ok: true; href: string } | { ok: false; reason: DownloadUrlRefusal };

// C0 controls, DEL and C1 controls: the URL parser would silently drop or escape some of them, so what CDN sent and
// what we would pass on would differ; a signed URL with any of them is not one CDN meant.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `*.example.com` matches any subdomain of example.com (not example.com itself); anything else matches exactly. */
export function hostMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

export function checkDownloadUrl(raw: string | undefined, policy: DownloadUrlPolicy): DownloadUrlCheck {
  if (!raw) return { ok: false, reason: 'missing' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'controlCharacters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopbackHttp && loopback)) {
    return { ok: false, reason: 'scheme' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const host = url.hostname.toLowerCase();
  if (!host) return { ok: false, reason: 'malformed' };
  if (policy.hosts && !policy.hosts.some((pattern) => hostMatches(host, pattern))) return { ok: false, reason: 'host' };
  return { ok: true, href: url.href };
}

/** The policy of a server whose upstream is `cdnUrl` (CDN_ENDPOINT) and whose allowed hosts are `hosts`. */
export function downloadUrlPolicy(cdnUrl: string, hosts: readonly string[] | null): DownloadUrlPolicy {
  const endpoint = new URL(cdnUrl);
  return { allowLoopbackHttp: endpoint.protocol === 'http:' && isLoopbackHost(endpoint.hostname), hosts };
}

/** Used where no configuration is at hand (unit tests of the mapper): https anywhere, nothing else. */
export const HTTPS_ANYWHERE: DownloadUrlPolicy = { allowLoopbackHttp: false, hosts: null };
