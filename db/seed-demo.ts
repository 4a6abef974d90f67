import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { BoardInit } from '../lib/board/doc';
import { MEETING_STAGES } from '../lib/board/templates';
import {
  DEMO_ORGS,
  DEMO_PAIRS_TITLE,
  DEMO_PEOPLE_NAMES,
  DEMO_ROADMAP_PERIOD,
  DEMO_ROADMAP_STAGES,
  DEMO_ROADMAP_TITLE,
} from '../lib/demo/content';
import { demoEmail } from '../lib/demo/accounts';
import { ROLES, type Role } from '../lib/permissions';
import type { Db } from './client';
import { createBoard } from './queries/boards';
import { createOrganisation, SYSTEM } from './queries/organisations';
import { createUser } from './queries/users';
import { markPasswordsPublic } from './queries/accounts';
import { organisations } from './schema';

export { DEMO_DOMAIN, demoEmail } from '../lib/demo/accounts';

/** Where each demo account holds its role: admin over the region, head over the municipality. */
const HELD_AT: Record<Role, 'region' | 'municipality' | 'school'> = {
  admin: 'region',
  head: 'municipality',
  curator: 'school',
  member: 'school',
  mentor: 'school',
  mentee: 'school',
  viewer: 'school',
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return !row;
}

/**
 * The demo of DESIGN.md: region → municipality → school, one account per role, a roadmap
 * board with the seven standard stages and a pairs board. Idempotent: an existing demo
 * region is left as it is.
 */
export async function seedDemo(db: Db, password: string): Promise<'seeded' | 'present'> {
  const [existing] = await db.select().from(organisations).where(eq(organisations.slug, DEMO_ORGS.region.slug));
  if (existing) return 'present';

  const region = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', ...DEMO_ORGS.region });
  const municipality = await createOrganisation(db, SYSTEM, { parentId: region.id, kind: 'municipality', ...DEMO_ORGS.municipality });
  const school = await createOrganisation(db, SYSTEM, { parentId: municipality.id, kind: 'organisation', ...DEMO_ORGS.school });
  const orgOf = { region, municipality, school };

  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await createUser(
      db,
      SYSTEM,
      { email: demoEmail(role), name: DEMO_PEOPLE_NAMES[role], password },
      { orgId: orgOf[HELD_AT[role]].id, role },
    );
    userIds[role] = user.id;
  }
  // Their password is printed at every start and written in README: the UI says so (DemoBanner).
  await markPasswordsPublic(db, ROLES.map(demoEmail));

  const roadmap: BoardInit = {
    title: DEMO_ROADMAP_TITLE,
    kind: 'roadmap',
    period: DEMO_ROADMAP_PERIOD,
    columns: DEMO_ROADMAP_STAGES.map((stage, s) => ({
      id: randomUUID(),
      title: stage.title,
      cards: stage.activities.map((a, i) => ({
        id: randomUUID(),
        title: a.title,
        description: a.description,
        fields: {
          number: `${s + 1}.${i + 1}`,
          deadline: { text: a.deadline },
          responsible: a.responsible,
          result: a.result,
          status: a.status,
          checklist: a.checklist.map((c) => ({ id: randomUUID(), ...c })),
        },
      })),
    })),
  };
  await createBoard(
    db,
    SYSTEM,
    { orgId: school.id, kind: 'roadmap', title: DEMO_ROADMAP_TITLE, periodFrom: DEMO_ROADMAP_PERIOD.from, periodTo: DEMO_ROADMAP_PERIOD.to },
    roadmap,
  );

  // Pair cards hold ids of people, never names (DESIGN.md: personal data stays in Postgres).
  const pairs: BoardInit = {
    title: DEMO_PAIRS_TITLE,
    kind: 'pairs',
    period: DEMO_ROADMAP_PERIOD,
    columns: MEETING_STAGES.map((m) => ({
      id: m.id,
      title: m.title,
      cards:
        m.id === 'trial'
          ? [
              {
                id: randomUUID(),
                title: 'Пара № 1',
                fields: { mentorId: userIds.mentor, menteeIds: [userIds.mentee], form: 'учитель – учитель', stage: m.id },
              },
            ]
          : [],
    })),
  };
  await createBoard(
    db,
    SYSTEM,
    { orgId: school.id, kind: 'pairs', title: DEMO_PAIRS_TITLE, periodFrom: DEMO_ROADMAP_PERIOD.from, periodTo: DEMO_ROADMAP_PERIOD.to },
    pairs,
  );
  return 'seeded';
}
