import 'server-only';
/**
 * Roles from groups, and what each role may do (README, "Sign-in and roles"). Pure, so every route handler can
 * ask the same question the same way.
 */
import { roleAtLeast, type Role } from '@/lib/exports/permissions';

/** Group names per role; `*` matches every signed-in user. */
export interface RoleGroups {
  admin: string[];
  operator: string[];
  viewer: string[];
}

/** What a route asks permission for. `delete-own`: a task the record says this user created. */
export type Action = 'list' | 'download' | 'create' | 'delete-own' | 'delete-any' | 'read-activity';

const REQUIRED: Record<Action, Role> = {
  list: 'viewer',
  download: 'viewer',
  create: 'operator',
  'delete-own': 'operator',
  'delete-any': 'admin',
  'read-activity': 'admin',
};

function matches(patterns: readonly string[], groups: readonly string[]): boolean {
  return patterns.some((pattern) => pattern === '*' || groups.includes(pattern));
}

/** The highest role whose groups match, or null: signed in, but allowed nothing. */
export function roleForGroups(groups: readonly string[], roleGroups: RoleGroups): Role | null {
  if (matches(roleGroups.admin, groups)) return 'admin';
  if (matches(roleGroups.operator, groups)) return 'operator';
  if (matches(roleGroups.viewer, groups)) return 'viewer';
  return null;
}

/** The least role that may do `action`. */
export function requiredRole(action: Action): Role {
  return REQUIRED[action];
}

export function can(role: Role | null, action: Action): boolean {
  return roleAtLeast(role, REQUIRED[action]);
}
