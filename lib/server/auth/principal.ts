import 'server-only';
/**
 * The signed-in user, as every route handler sees them, whichever AUTH_MODE named them.
 */
import type { Role } from '@/lib/exports/permissions';

export interface Principal {
  /** Stable: the provider's `sub`, the proxy's X-Forwarded-User, or "anonymous". */
  id: string;
  name: string;
  email: string | null;
  groups: string[];
  /** null: signed in, but in none of the groups any role lists (every action is 403). */
  role: Role | null;
}

/** AUTH_MODE=none: everyone is this one admin. */
export const ANONYMOUS_ID = 'anonymous';

/** Groups as providers send them: an array of strings, or one comma-separated string. Anything else: none. */
export function groupsFrom(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(list.filter((g): g is string => typeof g === 'string').map((g) => g.trim()).filter(Boolean))];
}

/**
 * A claim by name; a dotted name (`realm_access.roles`, as Keycloak nests them) is followed into objects when no claim
 * has that literal name.
 */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let current: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
