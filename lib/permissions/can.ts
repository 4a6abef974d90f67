import type { BoardKind, Role } from './roles';

/**
 * Permissions as one pure function. A role is held in one organisation and reaches every
 * organisation below it, so a resource carries its organisation's path from the root
 * (region → municipality → organisation); a membership applies when its org is on that path.
 */
export type Membership = { orgId: string; role: Role };
export type Principal = { id: string; memberships: readonly Membership[] };

export type OrgResource = { type: 'org'; orgPath: readonly string[] };
export type BoardResource = { type: 'board'; orgPath: readonly string[]; kind: BoardKind; archived?: boolean };
export type Resource = OrgResource | BoardResource;

export const ACTIONS = [
  'org.read', // see the organisation and its boards list
  'org.manage', // create organisations below, rename them
  'user.manage', // create users, invite them, change roles
  'board.read', // open a board, live, read-only
  'board.create',
  'board.update', // rename, archive
  'board.edit', // change the board's content (all cards)
  'board.editOwnPairs', // change only the cards of one's own pairs (a mentor on a pairs board)
  'audit.read',
  'report.read',
  'report.edit', // rounds, contingent, indicators, actuals, conclusions (the curator)
  'report.sign', // sign a round off, open a new version (the head)
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = (resource: Resource) => boolean;
const always: Rule = () => true;
const onBoardKind =
  (...kinds: BoardKind[]): Rule =>
  (r) =>
    r.type === 'board' && kinds.includes(r.kind);
const onOrg: Rule = (r) => r.type === 'org';

// role → action → when it is allowed. Anything not listed is denied.
const RULES: Record<Role, Partial<Record<Action, Rule>>> = {
  admin: { 'org.read': always, 'org.manage': onOrg, 'user.manage': onOrg, 'board.read': always },
  head: { 'org.read': always, 'board.read': always, 'audit.read': always, 'report.read': always, 'report.sign': always },
  curator: {
    'org.read': always,
    'board.read': always,
    'board.create': onOrg,
    'board.update': onBoardKind('roadmap', 'pairs'),
    'board.edit': onBoardKind('roadmap', 'pairs'),
    'audit.read': always,
    'report.read': always,
    'report.edit': always,
  },
  member: { 'org.read': always, 'board.read': onBoardKind('roadmap'), 'board.edit': onBoardKind('roadmap') },
  mentor: { 'org.read': always, 'board.read': onBoardKind('pairs'), 'board.editOwnPairs': onBoardKind('pairs') },
  // DESIGN.md: a mentee has «Моя пара» (its own pair and meetings), no board.
  mentee: { 'org.read': always },
  viewer: { 'org.read': always, 'board.read': always },
};

// Archived boards stay readable for the record but take no more content edits.
const WRITES_ON_ARCHIVED: ReadonlySet<Action> = new Set(['board.edit', 'board.editOwnPairs']);

export function rolesOn(principal: Principal, orgPath: readonly string[]): Role[] {
  const onPath = new Set(orgPath);
  return principal.memberships.filter((m) => onPath.has(m.orgId)).map((m) => m.role);
}

export function can(principal: Principal | null | undefined, action: Action, resource: Resource): boolean {
  if (!principal) return false;
  if (resource.type === 'board' && resource.archived && WRITES_ON_ARCHIVED.has(action)) return false;
  return rolesOn(principal, resource.orgPath).some((role) => RULES[role][action]?.(resource) ?? false);
}

/** How much of a board a connection may change: decides the Yjs write filter. */
export type EditScope = 'all' | 'own-pairs' | 'none';
export function editScope(principal: Principal | null | undefined, board: BoardResource): EditScope {
  if (can(principal, 'board.edit', board)) return 'all';
  if (can(principal, 'board.editOwnPairs', board)) return 'own-pairs';
  return 'none';
}

const SCOPE_RANK: Record<EditScope, number> = { none: 0, 'own-pairs': 1, all: 2 };

/** The lesser of two scopes: a connection whose rights shrink gets the new ones at once. */
export const narrowerScope = (a: EditScope, b: EditScope): EditScope => (SCOPE_RANK[a] <= SCOPE_RANK[b] ? a : b);

/**
 * Whose names a board's reader may look up (DESIGN.md, "Personal data"): the people of the
 * organisation path for those who edit or audit the board, or manage its users; a mentor
 * only the people of its own pairs; anyone else nobody.
 */
export type PeopleScope = 'all' | 'own-pairs' | 'none';

export function peopleScope(principal: Principal | null | undefined, board: BoardResource): PeopleScope {
  if (!can(principal, 'board.read', board)) return 'none';
  const live = { ...board, archived: false }; // an archived board's comments still need their authors' names
  if (can(principal, 'audit.read', board) || can(principal, 'board.edit', live)) return 'all';
  if (can(principal, 'user.manage', { type: 'org', orgPath: board.orgPath })) return 'all';
  if (can(principal, 'board.editOwnPairs', live)) return 'own-pairs';
  return 'none';
}
