import 'server-only';
/**
 * The one question every route handler asks before it acts: who is this, and may they do this? Not signed in is 401
 * `Unauthenticated`; signed in without the role is 403 `Forbidden`, naming the role needed.
 */
import { HttpError } from '../api-response';
import type { AuthMode, Role } from '@/lib/exports/permissions';
import type { Principal } from './principal';
import { can, requiredRole, type Action } from './roles';

const SIGN_IN_HINT: Record<AuthMode, string> = {
  oidc: 'Sign in to use the dashboard.',
  proxy: 'Open the dashboard through the company sign-in (the single sign-on proxy).',
  none: 'Sign in to use the dashboard.',
};

export function unauthenticated(mode: AuthMode): HttpError {
  return new HttpError(401, 'Unauthenticated', `You are not signed in. ${SIGN_IN_HINT[mode]}`);
}

const ARTICLE: Record<Role, string> = { viewer: 'a viewer', operator: 'an operator', admin: 'an admin' };

export function forbidden(needed: Role, has: Role | null): HttpError {
  const yours = has ? `you are ${ARTICLE[has]}` : 'your account has no role (it is in none of the groups the roles list)';
  return new HttpError(403, 'Forbidden', `This needs the ${needed} role; ${yours}.`);
}

/** The principal when they may do `action`; else throws the 401 or 403 HttpError. */
export function authorize(principal: Principal | null, action: Action, mode: AuthMode): Principal {
  if (!principal) throw unauthenticated(mode);
  if (!can(principal.role, action)) throw forbidden(requiredRole(action), principal.role);
  return principal;
}
