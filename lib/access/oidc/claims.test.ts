import { describe, expect, it } from 'vitest';
import { claimValues, nameBeside, nameFromClaims, roleFromClaims } from './claims';

describe('claims', () => {
  it('reads a nested claim by its dotted path, as Keycloak nests realm roles', () => {
    const c = { realm_access: { roles: ['offline_access', 'headroom-admin'] }, groups: 'ops', n: 7 };
    expect(claimValues(c, 'realm_access.roles')).toEqual(['offline_access', 'headroom-admin']);
    expect(claimValues(c, 'groups')).toEqual(['ops']);
    expect(claimValues(c, 'n')).toEqual([]);
    expect(claimValues(c, 'realm_access.missing.deeper')).toEqual([]);
  });

  it('takes the highest role listed, and the default when none is', () => {
    const m = { claim: 'roles', admin: ['Headroom.Admin'], editor: ['Headroom.Editor'], viewer: [], otherwise: 'viewer' as const };
    expect(roleFromClaims({ roles: ['Headroom.Editor', 'Headroom.Admin'] }, m)).toBe('admin');
    expect(roleFromClaims({ roles: ['Headroom.Editor'] }, m)).toBe('editor');
    expect(roleFromClaims({}, m)).toBe('viewer');
    expect(roleFromClaims({}, { ...m, otherwise: null })).toBeNull();
  });

  it('names an account from preferred_username, email or sub, in the characters names allow', () => {
    expect(nameFromClaims({ preferred_username: 'Ada Lovelace', email: 'ada@example.com', sub: '1' })).toBe('Ada_Lovelace');
    expect(nameFromClaims({ email: 'ada@example.com', sub: '1' })).toBe('ada@example.com');
    expect(nameFromClaims({ sub: '7' })).toBe('sso-7');
    expect(nameFromClaims({ preferred_username: 'x'.repeat(100) })).toHaveLength(64);
    expect(nameBeside('x'.repeat(64), 'abcdef0123')).toBe(`${'x'.repeat(55)}-abcdef01`);
  });
});
