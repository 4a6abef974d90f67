import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { BoardInit } from '../lib/board/doc';
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
import { createBoard, createBoardAt } from './queries/boards';
import { writeDatedEditsOffline } from './board-writer-offline';
import { demoMoment, demoRoadmapPast } from '../lib/demo/history';
import { createOrganisation, SYSTEM } from './queries/organisations';
import { createUser } from './queries/users';
import { markPasswordsPublic } from './queries/accounts';
import { organisations } from './schema';
import { DEMO_BANK, demoBirthDate } from '../lib/demo/people';
import { todayIso, addDays } from '../lib/people/rules';
import { createPerson, erasePerson, linkAccount, withdrawConsent } from './queries/people';
import { loadPrincipal } from './queries/users';
import { createPair, endPair, getPair, rateMeeting, recordMeeting } from './queries/pairs';
import { submitSurvey } from './queries/surveys';
import { DEMO_PAIRS } from '../lib/demo/pairs';
import { surveyTemplate } from '../lib/surveys';
import { DEMO_REPORT_INDICATORS, DEMO_REPORT_ROUNDS } from '../lib/demo/reports';
import { addIndicator, setConclusions, setContingent, signReport } from './queries/reports';
// TEMPORARY: lib/reports (helper A) at the merge.
import { defaultKeyOf, previousRounds, roundOf } from '../lib/reports/rounds';
import { meetings as meetingsTable, pairMembers, pairs as pairsTable, surveyResponses } from './schema';
import { sql } from 'drizzle-orm';
import { boardWriterFor } from './board-writer';

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
  // The roadmap has a past (lib/demo/history.ts): created three weeks ago in an earlier version,
  // brought to the demo roadmap by the working group's dated edits, all in its audit trail.
  const now = new Date();
  const past = demoRoadmapPast(roadmap);
  const board = await createBoardAt(
    db,
    demoMoment(now, 21, '09:00'),
    { orgId: school.id, kind: 'roadmap', title: DEMO_ROADMAP_TITLE, periodFrom: DEMO_ROADMAP_PERIOD.from, periodTo: DEMO_ROADMAP_PERIOD.to },
    past.initial,
  );
  await writeDatedEditsOffline(
    db,
    board.id,
    past.steps.map((step) => ({ actorId: userIds[step.role], at: demoMoment(now, step.daysAgo, step.time), apply: step.apply })),
  );

  // The pairs board starts with its meeting stages and no cards: a pair card is written only by
  // the server's board writer when a pair is formed (db/board-writer.ts), never seeded by hand.
  const pairsBoard = await createBoard(db, SYSTEM, { orgId: school.id, kind: 'pairs', title: DEMO_PAIRS_TITLE, periodFrom: DEMO_ROADMAP_PERIOD.from, periodTo: DEMO_ROADMAP_PERIOD.to });
  const people = await seedDemoBanks(db, school.id, userIds.curator);
  await seedDemoPairs(db, school.id, people, userIds);
  await seedDemoReports(db, school.id, pairsBoard.id, people, userIds);
  return 'seeded';
}

/**
 * The demo school's banks, entered by the demo curator through the same verbs as the UI:
 * mentors and mentees (minors with their guardians' consents, one without a consent yet, one
 * withdrawn and due for erasure, one withdrawn and erased), the demo mentor and mentee
 * accounts linked to their records.
 */
async function seedDemoBanks(db: Db, schoolId: string, curatorId: string): Promise<Map<string, string>> {
  const curator = (await loadPrincipal(db, curatorId))!;
  const today = todayIso();
  const signedOn = addDays(today, -200); // before the oldest demo pair was formed
  const ids = new Map<string, string>();
  for (const [i, p] of DEMO_BANK.entries()) {
    const consent =
      p.consent === null
        ? undefined
        : p.consent?.guardian
          ? { signer: 'guardian', signerName: p.consent.guardian.name, guardianRelation: p.consent.guardian.relation, signedOn, documentRef: `С-${i + 1}` }
          : { signer: 'self', signerName: p.fullName, signedOn, documentRef: `С-${i + 1}` };
    const { id } = await createPerson(
      db,
      curator,
      schoolId,
      {
        fullName: p.fullName,
        birthDate: demoBirthDate(p, i, today),
        category: p.category,
        bank: p.bank,
        positionOrClass: p.positionOrClass,
        experienceYears: p.experienceYears ?? null,
        forms: p.forms,
        tags: p.tags,
        requestText: p.requestText ?? null,
        capacity: p.capacity ?? null,
        consent,
      },
      today,
    );
    if (p.account) await linkAccount(db, curator, id, { email: demoEmail(p.account) });
    if (p.withdraw || p.erase) await withdrawConsent(db, curator, id, { withdrawnOn: addDays(today, -3) }, today);
    if (p.erase) await erasePerson(db, curator, id, 'withdrawal', today);
    ids.set(p.fullName, id);
  }
  return ids;
}

/**
 * The demo pairs (lib/demo/pairs.ts) through the verbs the UI calls: formed by the curator on the
 * day they started, meetings recorded by the mentor (the demo mentor's own pair) or the curator,
 * mentees' ratings and paper surveys as the curator would enter them. The cards reach the demo
 * pairs board through the board writer.
 */
async function seedDemoPairs(db: Db, schoolId: string, people: Map<string, string>, userIds: Record<Role, string>) {
  const curator = (await loadPrincipal(db, userIds.curator))!;
  const mentorAccount = (await loadPrincipal(db, userIds.mentor))!;
  const today = todayIso();
  const id = (name: string) => {
    const found = people.get(name);
    if (!found) throw new Error(`demo pairs: no demo person ${name}`);
    return found;
  };
  for (const p of DEMO_PAIRS) {
    const pair = await createPair(db, curator, schoolId, { mentorId: id(p.mentor), menteeIds: p.mentees.map(id), form: p.form, roleModel: p.roleModel ?? null }, addDays(today, -p.startedDaysAgo));
    const recorder = p.mentor === DEMO_PEOPLE_NAMES.mentor ? mentorAccount : curator;
    for (const m of p.meetings) {
      const goals = m.reached ? (await getPair(db, curator, pair.id, today)).goals : [];
      const { id: meetingId } = await recordMeeting(
        db,
        recorder,
        pair.id,
        {
          kind: m.kind,
          heldOn: addDays(today, -m.daysAgo),
          format: m.format ?? 'in_person',
          summary: m.summary,
          nextSteps: m.nextSteps ?? null,
          rating: m.rating,
          goals: (m.goals ?? []).map((text) => ({ text })),
          goalsReached: (m.reached ?? []).map((reached, i) => ({ id: goals[i].id, reached })),
        },
        today,
      );
      for (const [i, f] of (m.feedback ?? []).entries()) {
        await rateMeeting(db, SYSTEM, meetingId, { rating: f.rating, comment: f.comment ?? null }, { personId: id(p.mentees[i]) });
      }
    }
    if (p.surveys) {
      const answer = (template: 'mentee_satisfaction' | 'mentor_satisfaction', n: number) =>
        Object.fromEntries(surveyTemplate(template)!.items.filter((i) => i.kind !== 'open').map((i, k) => [i.id, i.kind === 'scale' ? Math.min(10, n + (k % 3) - 1) : true]));
      for (const [i, mentee] of p.mentees.entries()) {
        await submitSurvey(db, curator, { template: 'mentee_satisfaction', personId: id(mentee), pairId: pair.id, answers: answer('mentee_satisfaction', 9 - i), source: 'paper' }, today);
      }
      await submitSurvey(db, curator, { template: 'mentor_satisfaction', personId: id(p.mentor), pairId: pair.id, answers: answer('mentor_satisfaction', 8), source: 'paper' }, today);
    }
    if (p.end) await endPair(db, curator, pair.id, { outcome: p.end.outcome, endedOn: addDays(today, -p.end.daysAgo), reason: p.end.reason ?? null }, today);
  }
}

/**
 * The demo's monitoring history (lib/demo/reports.ts): the two rounds before the current one.
 * Their pairs ran and ended back then, so they are written as they would have been then (their
 * rows dated inside the round; their cards reach the pairs board's «Завершено» by reconciliation);
 * the contingents, indicators, conclusions and the sign-off of the older round go through the
 * report verbs, as the curator and the head would.
 */
async function seedDemoReports(db: Db, schoolId: string, boardId: string, people: Map<string, string>, userIds: Record<Role, string>) {
  const curator = (await loadPrincipal(db, userIds.curator))!;
  const head = (await loadPrincipal(db, userIds.head))!;
  const back = previousRounds(roundOf(defaultKeyOf(todayIso())), [], 2).reverse(); // [last, before last]
  const id = (name: string) => {
    const found = people.get(name);
    if (!found) throw new Error(`demo reports: no demo person ${name}`);
    return found;
  };
  const moscow = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`);
  const scores = (template: 'mentee_satisfaction' | 'mentor_satisfaction', n: number) =>
    Object.fromEntries(surveyTemplate(template)!.items.filter((i) => i.kind !== 'open').map((i, k) => [i.id, i.kind === 'scale' ? Math.max(1, Math.min(10, n + (k % 3) - 1)) : true]));
  for (const r of DEMO_REPORT_ROUNDS) {
    const round = back[r.back - 1];
    const day = (n: number) => addDays(round.from, n);
    const [{ next }] = await db.select({ next: sql<number>`coalesce(max(${pairsTable.number}), 0) + 1` }).from(pairsTable).where(eq(pairsTable.orgId, schoolId));
    let number = Number(next);
    for (const p of r.pairs) {
      const [pair] = await db
        .insert(pairsTable)
        .values({ orgId: schoolId, boardId, number: number++, form: p.form, startedOn: day(p.startDay), stage: 'done', status: 'completed', endedOn: day(p.endDay), createdBy: curator.id, createdAt: moscow(day(p.startDay), '10:00') })
        .returning({ id: pairsTable.id });
      await db.insert(pairMembers).values([{ pairId: pair.id, personId: id(p.mentor), side: 'mentor' as const }, ...p.mentees.map((m) => ({ pairId: pair.id, personId: id(m), side: 'mentee' as const }))]);
      await db.insert(meetingsTable).values(
        p.meetingDays.map((d, i) => ({
          pairId: pair.id,
          kind: i === 0 ? ('intro' as const) : i === 1 ? ('trial' as const) : i === 2 ? ('planning' as const) : i === p.meetingDays.length - 1 ? ('final' as const) : ('regular' as const),
          heldOn: day(d),
          summary: 'Встреча по плану пары.',
          mentorRating: 8,
          recordedBy: curator.id,
          createdAt: moscow(day(d), '16:00'),
        })),
      );
      const at = moscow(day(p.endDay), '12:00');
      await db.insert(surveyResponses).values([
        ...p.mentees.map((m, i) => ({ orgId: schoolId, template: 'mentee_satisfaction', personId: id(m), pairId: pair.id, round: round.key, answers: scores('mentee_satisfaction', p.menteeScores[i]), source: 'paper', enteredBy: curator.id, submittedAt: at })),
        { orgId: schoolId, template: 'mentor_satisfaction', personId: id(p.mentor), pairId: pair.id, round: round.key, answers: scores('mentor_satisfaction', p.mentorScore), source: 'paper', enteredBy: curator.id, submittedAt: at },
      ]);
    }
    // Their cards, in «Завершено», as the pairs board's reconciliation would put them there.
    await boardWriterFor(db).pairCards(boardId, null, []);
    await setContingent(db, curator, schoolId, round.key, r.contingent);
    if (r.conclusions) await setConclusions(db, curator, schoolId, round.key, r.conclusions);
  }
  for (const indicator of DEMO_REPORT_INDICATORS) await addIndicator(db, curator, schoolId, indicator);
  await signReport(db, head, schoolId, back[1].key);
}
