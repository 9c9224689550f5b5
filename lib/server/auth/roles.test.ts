import { describe, expect, it } from 'vitest';
import { can, requiredRole, roleForGroups, type Action, type RoleGroups } from './roles';

const DEV: RoleGroups = { admin: ['cdn-admins'], operator: ['cdn-operators'], viewer: ['cdn-viewers'] };

describe('roles', () => {
  it('maps groups to the highest matching role', () => {
    expect(roleForGroups(['cdn-viewers'], DEV)).toBe('viewer');
    expect(roleForGroups(['cdn-operators'], DEV)).toBe('operator');
    expect(roleForGroups(['cdn-admins'], DEV)).toBe('admin');
    expect(roleForGroups(['cdn-viewers', 'cdn-admins', 'cdn-operators'], DEV)).toBe('admin');
    expect(roleForGroups(['staff'], DEV)).toBeNull();
    expect(roleForGroups([], DEV)).toBeNull();
  });

  it('lets * match every signed-in user, and by default makes everyone a viewer and no one more', () => {
    const defaults: RoleGroups = { admin: [], operator: [], viewer: ['*'] };
    expect(roleForGroups([], defaults)).toBe('viewer');
    expect(roleForGroups(['cdn-admins'], defaults)).toBe('viewer');
    expect(roleForGroups([], { ...defaults, operator: ['*'] })).toBe('operator');
  });

  it('allows each role what the contract lists', () => {
    const table: Record<Action, [boolean, boolean, boolean]> = {
      list: [true, true, true],
      download: [true, true, true],
      create: [false, true, true],
      'delete-own': [false, true, true],
      'delete-any': [false, false, true],
      'read-activity': [false, false, true],
    };
    for (const [action, [viewer, operator, admin]] of Object.entries(table) as [Action, [boolean, boolean, boolean]][]) {
      expect([can('viewer', action), can('operator', action), can('admin', action), can(null, action)], action).toEqual([viewer, operator, admin, false]);
    }
    expect(requiredRole('create')).toBe('operator');
    expect(requiredRole('delete-any')).toBe('admin');
  });
});
