import { describe, expect, it } from 'vitest';
import { canCreate, canDelete, canReadActivity, roleNeededMessage, type SessionUser } from './permissions';

const user = (role: SessionUser['role'], email: string | null = 'oscar@example.com'): SessionUser => ({
  id: 'u',
  name: 'U',
  email,
  role,
  authMode: 'oidc',
});
const by = (email: string | null) => ({ createdBy: email === null ? null : { name: 'X', email } });

describe('what the page offers each role', () => {
  it('lets operators and admins create, admins read the activity', () => {
    expect([null, 'viewer', 'operator', 'admin'].map((r) => canCreate(user(r as SessionUser['role'])))).toEqual([false, false, true, true]);
    expect([null, 'viewer', 'operator', 'admin'].map((r) => canReadActivity(user(r as SessionUser['role'])))).toEqual([false, false, false, true]);
  });

  it('offers an operator the delete of their own tasks only, compared by email without case', () => {
    expect(canDelete(user('operator'), by('Oscar@Example.com'))).toBe(true);
    expect(canDelete(user('operator'), by('ada@example.com'))).toBe(false);
    expect(canDelete(user('operator'), by(null))).toBe(false);
    expect(canDelete(user('operator'), {})).toBe(false);
    expect(canDelete(user('operator', null), by('oscar@example.com'))).toBe(false);
    expect(canDelete(user('viewer'), by('oscar@example.com'))).toBe(false);
  });

  it('offers an admin the delete of any task, those made outside the dashboard too', () => {
    expect(canDelete(user('admin'), by(null))).toBe(true);
    expect(canDelete(user('admin'), by('someone@example.com'))).toBe(true);
  });

  it('explains a missing role in the server’s words', () => {
    expect(roleNeededMessage('operator', 'viewer')).toBe('This needs the operator role; you are a viewer.');
    expect(roleNeededMessage('admin', 'operator')).toBe('This needs the admin role; you are an operator.');
    expect(roleNeededMessage('admin', null)).toBe('This needs the admin role; your account has no role.');
  });
});
