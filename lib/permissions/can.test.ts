import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, editScope, narrowerScope, peopleScope, type Action, type Resource, type Role } from '.';

const REGION = 'r';
const MUNI = 'm';
const SCHOOL = 's';
const OTHER_SCHOOL = 'x';
const schoolPath = [REGION, MUNI, SCHOOL];

const resources = {
  org: { type: 'org', orgPath: schoolPath },
  roadmap: { type: 'board', orgPath: schoolPath, kind: 'roadmap' },
  pairs: { type: 'board', orgPath: schoolPath, kind: 'pairs' },
} satisfies Record<string, Resource>;
type Target = keyof typeof resources;

// The whole matrix, written out: Y = allowed on [org, roadmap board, pairs board].
const Y = true;
const _ = false;
const MATRIX: Record<Role, Record<Action, [boolean, boolean, boolean]>> = {
  //            org roadmap pairs
  admin: {
    'org.read': [Y, Y, Y], 'org.manage': [Y, _, _], 'user.manage': [Y, _, _], 'board.read': [Y, Y, Y],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, _, _], 'board.editOwnPairs': [_, _, _],
    'audit.read': [_, _, _], 'report.read': [_, _, _], 'report.edit': [_, _, _], 'report.sign': [_, _, _],
  },
  head: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [Y, Y, Y],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, _, _], 'board.editOwnPairs': [_, _, _],
    'audit.read': [Y, Y, Y], 'report.read': [Y, Y, Y], 'report.edit': [_, _, _], 'report.sign': [Y, Y, Y],
  },
  curator: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [Y, Y, Y],
    'board.create': [Y, _, _], 'board.update': [_, Y, Y], 'board.edit': [_, Y, Y], 'board.editOwnPairs': [_, _, _],
    'audit.read': [Y, Y, Y], 'report.read': [Y, Y, Y], 'report.edit': [Y, Y, Y], 'report.sign': [_, _, _],
  },
  member: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [_, Y, _],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, Y, _], 'board.editOwnPairs': [_, _, _],
    'audit.read': [_, _, _], 'report.read': [_, _, _], 'report.edit': [_, _, _], 'report.sign': [_, _, _],
  },
  mentor: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [_, _, Y],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, _, _], 'board.editOwnPairs': [_, _, Y],
    'audit.read': [_, _, _], 'report.read': [_, _, _], 'report.edit': [_, _, _], 'report.sign': [_, _, _],
  },
  mentee: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [_, _, _],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, _, _], 'board.editOwnPairs': [_, _, _],
    'audit.read': [_, _, _], 'report.read': [_, _, _], 'report.edit': [_, _, _], 'report.sign': [_, _, _],
  },
  viewer: {
    'org.read': [Y, Y, Y], 'org.manage': [_, _, _], 'user.manage': [_, _, _], 'board.read': [Y, Y, Y],
    'board.create': [_, _, _], 'board.update': [_, _, _], 'board.edit': [_, _, _], 'board.editOwnPairs': [_, _, _],
    'audit.read': [_, _, _], 'report.read': [_, _, _], 'report.edit': [_, _, _], 'report.sign': [_, _, _],
  },
};
const TARGETS: Target[] = ['org', 'roadmap', 'pairs'];

describe('can(): the full role × action matrix', () => {
  it('covers every role and every action', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(Object.keys(MATRIX[role]).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      TARGETS.forEach((target, i) => {
        const expected = MATRIX[role][action][i];
        it(`${role} ${expected ? 'may' : 'may not'} ${action} on ${target}`, () => {
          for (const heldAt of [SCHOOL, MUNI, REGION]) {
            const user = { id: 'u', memberships: [{ orgId: heldAt, role }] };
            expect(can(user, action, resources[target])).toBe(expected);
          }
        });
      });
    }
  }
});

describe('can(): the organisation tree', () => {
  it('a role held below or beside the resource does not reach it', () => {
    const curatorElsewhere = { id: 'u', memberships: [{ orgId: OTHER_SCHOOL, role: 'curator' as const }] };
    expect(can(curatorElsewhere, 'board.read', resources.roadmap)).toBe(false);
    const headOfSchool = { id: 'u', memberships: [{ orgId: SCHOOL, role: 'head' as const }] };
    expect(can(headOfSchool, 'org.read', { type: 'org', orgPath: [REGION, MUNI] })).toBe(false);
  });

  it('roles add up across memberships', () => {
    const both = { id: 'u', memberships: [{ orgId: SCHOOL, role: 'viewer' as const }, { orgId: MUNI, role: 'member' as const }] };
    expect(can(both, 'board.edit', resources.roadmap)).toBe(true);
    expect(can(both, 'board.edit', resources.pairs)).toBe(false);
  });

  it('nobody and no session may do anything', () => {
    for (const action of ACTIONS) {
      expect(can(null, action, resources.org)).toBe(false);
      expect(can({ id: 'u', memberships: [] }, action, resources.roadmap)).toBe(false);
    }
  });

  it('archived boards are read-only for everyone', () => {
    const curator = { id: 'u', memberships: [{ orgId: SCHOOL, role: 'curator' as const }] };
    const archived = { ...resources.roadmap, archived: true };
    expect(can(curator, 'board.read', archived)).toBe(true);
    expect(can(curator, 'board.edit', archived)).toBe(false);
    expect(can(curator, 'board.update', archived)).toBe(true); // so it can be unarchived
  });

  it("an archived pairs board takes no edits, not even of a mentor's own pairs", () => {
    const as = (role: Role) => ({ id: 'u', memberships: [{ orgId: SCHOOL, role }] });
    const archived = { ...resources.pairs, archived: true };
    expect(can(as('mentor'), 'board.read', archived)).toBe(true);
    expect(can(as('mentor'), 'board.editOwnPairs', archived)).toBe(false);
    expect(can(as('curator'), 'board.edit', archived)).toBe(false);
    for (const role of ROLES) expect(editScope(as(role), archived), role).toBe('none');
    for (const role of ROLES) expect(editScope(as(role), { ...resources.roadmap, archived: true }), role).toBe('none');
    // archived: false is a live board
    expect(editScope(as('mentor'), { ...resources.pairs, archived: false })).toBe('own-pairs');
  });

  it('editScope tells the write filter how much a connection may change', () => {
    const as = (role: Role) => ({ id: 'u', memberships: [{ orgId: SCHOOL, role }] });
    expect(editScope(as('curator'), resources.pairs)).toBe('all');
    expect(editScope(as('mentor'), resources.pairs)).toBe('own-pairs');
    expect(editScope(as('member'), resources.roadmap)).toBe('all');
    expect(editScope(as('head'), resources.roadmap)).toBe('none');
    expect(editScope(as('viewer'), resources.pairs)).toBe('none');
  });

  it('a narrower scope wins when rights shrink', () => {
    expect(narrowerScope('all', 'own-pairs')).toBe('own-pairs');
    expect(narrowerScope('own-pairs', 'all')).toBe('own-pairs');
    expect(narrowerScope('all', 'none')).toBe('none');
    expect(narrowerScope('all', 'all')).toBe('all');
  });
});

describe('peopleScope(): whose names a board shows (DESIGN.md, "Personal data")', () => {
  const as = (role: Role) => ({ id: 'u', memberships: [{ orgId: SCHOOL, role }] });
  const EXPECTED: Record<Role, [roadmap: string, pairs: string]> = {
    admin: ['all', 'all'],
    head: ['all', 'all'],
    curator: ['all', 'all'],
    member: ['all', 'none'],
    mentor: ['none', 'own-pairs'],
    mentee: ['none', 'none'],
    viewer: ['none', 'none'],
  };
  for (const role of ROLES) {
    it(`${role}: ${EXPECTED[role].join(' on roadmaps, ')} on pairs boards`, () => {
      expect(peopleScope(as(role), resources.roadmap)).toBe(EXPECTED[role][0]);
      expect(peopleScope(as(role), resources.pairs)).toBe(EXPECTED[role][1]);
    });
  }
  it('archiving a board keeps the names for those who had them', () => {
    expect(peopleScope(as('member'), { ...resources.roadmap, archived: true })).toBe('all');
    expect(peopleScope(as('mentor'), { ...resources.pairs, archived: true })).toBe('own-pairs');
  });
  it('a role elsewhere gives no names', () => {
    expect(peopleScope({ id: 'u', memberships: [{ orgId: OTHER_SCHOOL, role: 'curator' }] }, resources.roadmap)).toBe('none');
  });
});
