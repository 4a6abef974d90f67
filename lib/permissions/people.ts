import type { Principal } from './can';
import type { Role } from './roles';

/**
 * Who may see the people of an organisation's banks (DESIGN.md, "Personal data"): only
 * roles held in the person's own organisation — curator and admin edit, head reads.
 * Organisations above (a municipality's head, a region's admin or curator) see counts only,
 * and nobody else sees anything. (The pair's own members see their pair: the pairs issue.)
 */
export type PeopleAccess = 'edit' | 'read' | 'counts' | 'none';

const OWN: Partial<Record<Role, PeopleAccess>> = { admin: 'edit', curator: 'edit', head: 'read' };
const ABOVE: ReadonlySet<Role> = new Set(['admin', 'curator', 'head']);
const RANK: Record<PeopleAccess, number> = { none: 0, counts: 1, read: 2, edit: 3 };

export function peopleAccess(principal: Principal | null | undefined, orgPath: readonly string[]): PeopleAccess {
  if (!principal || orgPath.length === 0) return 'none';
  const own = orgPath[orgPath.length - 1];
  const above = new Set(orgPath.slice(0, -1));
  let best: PeopleAccess = 'none';
  for (const m of principal.memberships) {
    let a: PeopleAccess = 'none';
    if (m.orgId === own) a = OWN[m.role] ?? 'none';
    if (a === 'none' && (m.orgId === own || above.has(m.orgId)) && ABOVE.has(m.role)) a = 'counts';
    if (RANK[a] > RANK[best]) best = a;
  }
  return best;
}

export const mayReadPeople = (a: PeopleAccess) => a === 'read' || a === 'edit';
export const mayEditPeople = (a: PeopleAccess) => a === 'edit';
