import { describe, expect, it } from 'vitest';
import { peopleAccess } from './people';
import type { Role } from './roles';

const path = ['region', 'muni', 'school'];
const as = (orgId: string, role: Role) => ({ id: 'u', memberships: [{ orgId, role }] });

describe('who sees the people of a bank', () => {
  it('curator and admin of the person’s own organisation edit, its head reads', () => {
    expect(peopleAccess(as('school', 'curator'), path)).toBe('edit');
    expect(peopleAccess(as('school', 'admin'), path)).toBe('edit');
    expect(peopleAccess(as('school', 'head'), path)).toBe('read');
  });
  it('heads, curators and admins above see counts only', () => {
    for (const role of ['head', 'curator', 'admin'] as Role[]) {
      expect(peopleAccess(as('muni', role), path)).toBe('counts');
      expect(peopleAccess(as('region', role), path)).toBe('counts');
    }
  });
  it('other roles, other organisations and nobody see nothing', () => {
    for (const role of ['member', 'mentor', 'mentee', 'viewer'] as Role[]) expect(peopleAccess(as('school', role), path)).toBe('none');
    expect(peopleAccess(as('other-school', 'curator'), path)).toBe('none');
    expect(peopleAccess(null, path)).toBe('none');
    expect(peopleAccess(as('school', 'curator'), [])).toBe('none');
  });
  it('the strongest of several roles counts', () => {
    expect(peopleAccess({ id: 'u', memberships: [{ orgId: 'muni', role: 'head' }, { orgId: 'school', role: 'curator' }] }, path)).toBe('edit');
  });
});
