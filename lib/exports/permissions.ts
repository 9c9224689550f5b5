/**
 * The roles, ranked, and what the page offers each (README, "Sign-in and roles"). The server decides every request
 * itself (lib/server/auth/roles.ts, which ranks with the same `roleAtLeast`); this only keeps the page from offering
 * what the server would refuse.
 */
import type { ExportTask } from './schemas';

export type Role = 'viewer' | 'operator' | 'admin';
export type AuthMode = 'oidc' | 'proxy' | 'none';

/** The user as the page knows them (from the server's render, the same facts as `GET /api/me`). */
export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  /** null: signed in, but in none of the groups any role lists. */
  role: Role | null;
  authMode: AuthMode;
}

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** Whether `role` is `needed` or above it; no role is below every role. */
export function roleAtLeast(role: Role | null, needed: Role): boolean {
  return role !== null && RANK[role] >= RANK[needed];
}

function hasRole(user: SessionUser, needed: Role): boolean {
  return roleAtLeast(user.role, needed);
}

export const canCreate = (user: SessionUser) => hasRole(user, 'operator');
export const canReadActivity = (user: SessionUser) => hasRole(user, 'admin');

/**
 * Admins delete any task; operators only those the record names them as creator of. The list's `createdBy.email` is
 * compared with the user's email: the same record the server checks, so the button shows exactly where the server
 * would allow the delete (a user without an email owns nothing the page can tell, and sees no delete).
 */
export function canDelete(user: SessionUser, task: Pick<ExportTask, 'createdBy'>): boolean {
  if (hasRole(user, 'admin')) return true;
  if (!hasRole(user, 'operator') || user.email === null) return false;
  return task.createdBy?.email?.toLowerCase() === user.email.toLowerCase();
}

const ARTICLE: Record<Role, string> = { viewer: 'a viewer', operator: 'an operator', admin: 'an admin' };

export function roleLabel(role: Role | null): string {
  return role === null ? 'no role' : role[0]!.toUpperCase() + role.slice(1);
}

/** "This needs the operator role; you are a viewer." — the server's own wording for a 403. */
export function roleNeededMessage(needed: Role, role: Role | null): string {
  return `This needs the ${needed} role; ${role ? `you are ${ARTICLE[role]}` : 'your account has no role'}.`;
}
