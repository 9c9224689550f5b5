/**
 * Host-name syntax (RFC 1123 labels), shared by the configuration and the `DomainNames` parameter. CDN writes a
 * wildcard domain with a leading dot (`.example.com`) and refuses `*.example.com`.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The same concept as lib/exports/schemas.ts's `isHostName`, kept as the emulator's own copy on purpose: the emulator
 * stands in for CDN and must refuse what CDN refuses even if the app's own check were loosened.
 */
export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = (value.startsWith('.') ? value.slice(1) : value).split('.');
  if (labels.length < 2) return false;
  // The last label is a TLD: never all digits, so that a bare IP address is not taken for a domain.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((label) => LABEL.test(label));
}

/** Splits a comma-separated list; `undefined` when any entry is not a valid host name. */
export function parseHostNameList(value: string): string[] | undefined {
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  if (!names.every(isHostName)) return undefined;
  return [...new Set(names)];
}
