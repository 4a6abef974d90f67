import { asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { can, type Principal } from '../../lib/permissions';
import type { BoardKind } from '../../lib/permissions/roles';
import { peopleAccess } from '../../lib/permissions/people';

const BANK_ROLES: ReadonlySet<string> = new Set(['mentor', 'mentee']);
import type { Db } from '../client';
import { boards, memberships, users } from '../schema';
import { listOrganisations, type OrgNode } from './organisations';

/** An organisation and every one below it, the organisation first, then by name. */
export function subtreeOf(all: readonly OrgNode[], orgId: string): OrgNode[] {
  const root = all.find((o) => o.id === orgId);
  if (!root) return [];
  return [root, ...all.filter((o) => o.id !== orgId && o.path.includes(orgId))];
}

export type HistoryFilterOptions = {
  org: OrgNode;
  orgs: { id: string; name: string; depth: number }[];
  boards: { id: string; title: string; orgId: string; kind: BoardKind; archived: boolean; orgPath: string[] }[];
  people: { id: string; name: string }[];
};

/**
 * What the history page of an organisation offers in its filters: the organisations below it,
 * their boards, and the accounts that hold a role in them or above them (who may have changed
 * something there; mentors' and mentees' accounts only for readers of their organisation's
 * people). For a reader with 'audit.read' on the organisation only.
 */
export async function historyFilterOptions(db: Db, principal: Principal, orgId: string): Promise<HistoryFilterOptions> {
  const all = await listOrganisations(db);
  const tree = subtreeOf(all, orgId);
  if (tree.length === 0) throw new AppError('NOT_FOUND', 'organisation not found');
  const org = tree[0];
  if (!can(principal, 'audit.read', { type: 'org', orgPath: org.path })) throw new AppError('FORBIDDEN');
  const ids = [...new Set([...tree.map((o) => o.id), ...org.path])];
  const [boardRows, peopleRows] = await Promise.all([
    db
      .select({ id: boards.id, title: boards.title, orgId: boards.orgId, kind: boards.kind, archivedAt: boards.archivedAt })
      .from(boards)
      .where(inArray(boards.orgId, tree.map((o) => o.id)))
      .orderBy(asc(boards.title)),
    db
      .select({ id: users.id, name: users.name, orgId: memberships.orgId, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(memberships.orgId, ids))
      .orderBy(asc(users.name)),
  ]);
  // An account that is only a bank's mentor or mentee is a person of its organisation (DESIGN.md,
  // «Personal data»): named only to those who may see that organisation's people, as the history's
  // own names are (db/queries/org-audit-names.ts).
  const paths = new Map(all.map((o) => [o.id, o.path]));
  const people = new Map<string, { id: string; name: string; shown: boolean }>();
  for (const r of peopleRows) {
    const shown = !BANK_ROLES.has(r.role) || ['read', 'edit'].includes(peopleAccess(principal, paths.get(r.orgId) ?? []));
    const entry = people.get(r.id) ?? { id: r.id, name: r.name, shown: false };
    entry.shown ||= shown;
    people.set(r.id, entry);
  }
  return {
    org,
    orgs: tree.map((o) => ({ id: o.id, name: o.name, depth: o.path.length - org.path.length })),
    boards: boardRows.map(({ archivedAt, ...b }) => ({ ...b, archived: archivedAt !== null, orgPath: tree.find((o) => o.id === b.orgId)!.path })),
    people: [...people.values()].filter((p) => p.shown).map(({ id, name }) => ({ id, name })),
  };
}
