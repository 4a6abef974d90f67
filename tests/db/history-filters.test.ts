import { describe, expect } from 'vitest';
import { historyFilterOptions } from '../../db/queries/history-filters';
import { seedDemo } from '../../db/seed-demo';
import { DEMO_ORGS, DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

// What the organisation history's filters offer (app/orgs/[orgId]/history): the organisations
// below, their boards, and the accounts — a mentor's or mentee's only to readers of its school's people.
describe.each(testDatabases())('the history filter options ($name)', (target) => {
  const t = useTestDb(target);

  t('a municipality head gets the tree and the boards, and no name of the school’s mentors and mentees', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const head = await demoPrincipal(db, 'head');
    const options = await historyFilterOptions(db, head, head.memberships[0].orgId);
    expect(options.orgs.map((o) => [o.name, o.depth])).toEqual([
      [DEMO_ORGS.municipality.name, 0],
      [DEMO_ORGS.school.name, 1],
    ]);
    expect(options.boards).toHaveLength(2);
    const names = options.people.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([DEMO_PEOPLE_NAMES.curator, DEMO_PEOPLE_NAMES.member, DEMO_PEOPLE_NAMES.head]));
    expect(names).not.toContain(DEMO_PEOPLE_NAMES.mentor);
    expect(names).not.toContain(DEMO_PEOPLE_NAMES.mentee);

    const curator = await demoPrincipal(db, 'curator');
    const own = await historyFilterOptions(db, curator, curator.memberships[0].orgId);
    expect(own.people.map((p) => p.name)).toEqual(expect.arrayContaining([DEMO_PEOPLE_NAMES.mentor, DEMO_PEOPLE_NAMES.mentee]));
    expect(own.boards.every((b) => b.orgPath.at(-1) === curator.memberships[0].orgId)).toBe(true);
  });

  t('is for readers of the audit trail only', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const curator = await demoPrincipal(db, 'curator');
    for (const role of ['member', 'mentor', 'mentee', 'viewer'] as const) {
      await expect(historyFilterOptions(db, await demoPrincipal(db, role), curator.memberships[0].orgId), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(historyFilterOptions(db, curator, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
