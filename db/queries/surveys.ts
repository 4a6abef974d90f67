import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { mayEditPeople, mayReadPeople, peopleAccess, type Principal } from '../../lib/permissions';
import { todayIso } from '../../lib/people/rules';
import { parseSurveyAnswers, surveyTemplate, type SurveyAnswers, type SurveyTemplateId } from '../../lib/surveys';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { pairMembers, people, surveyResponses } from '../schema';
import { orgPath } from './organisations';

/*
 * Survey answers (issue 14, item 6): a participant answers a built-in questionnaire for itself
 * (its account linked to its person in the banks), or the curator enters a paper form for anyone
 * of its organisation. The raw answers are kept; the audit row says who answered which template
 * for which pair and round, never the answers (open answers are free text: personal data).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SurveyInput = z.object({
  template: z.string(),
  personId: z.string().regex(UUID).nullish(),
  pairId: z.string().regex(UUID).nullish(),
  round: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullish(),
  answers: z.unknown(),
  source: z.enum(['online', 'paper']).default('online'),
});

export type SurveyResponseView = {
  id: string;
  template: SurveyTemplateId;
  personId: string;
  pairId: string | null;
  round: string | null;
  source: 'online' | 'paper';
  answers: SurveyAnswers;
  submittedAt: string;
};

const invalid = (field: string, message: string) => new AppError('UNPROCESSABLE', message, { fields: [field] });

export async function submitSurvey(db: Db, principal: Principal | null, input: unknown, today = todayIso()): Promise<{ id: string }> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const parsed = SurveyInput.safeParse(input);
  if (!parsed.success) throw invalid(String(parsed.error.issues[0]?.path[0] ?? 'survey'), 'Анкета заполнена неверно: проверьте поля.');
  const { template: templateId, pairId, round, source } = parsed.data;
  const template = surveyTemplate(templateId);
  if (!template) throw invalid('template', 'Такой анкеты нет.');
  const answers = parseSurveyAnswers(template, parsed.data.answers);
  const side = template.id === 'mentor_satisfaction' ? 'mentor' : 'mentee';

  return db.transaction(async (tx) => {
    // Whose answers: the given person (a curator's paper entry), or the caller's own person.
    const [person] = parsed.data.personId
      ? await tx.select().from(people).where(eq(people.id, parsed.data.personId))
      : await tx.select().from(people).where(and(eq(people.userId, principal.id), isNull(people.erasedAt)));
    if (!person) throw new AppError('NOT_FOUND', 'person not found');
    const access = peopleAccess(principal, await orgPath(tx as Db, person.orgId));
    const self = person.userId === principal.id;
    if (!self && !mayEditPeople(access)) throw new AppError(access === 'none' ? 'NOT_FOUND' : 'FORBIDDEN');
    if (source === 'paper' && !mayEditPeople(access)) throw new AppError('FORBIDDEN', 'paper answers are entered by the curator');
    if (person.erasedAt) throw new AppError('PERSON_ERASED');
    if (person.processingStoppedAt) throw new AppError('PROCESSING_STOPPED');
    if (pairId) {
      const [member] = await tx
        .select({ side: pairMembers.side })
        .from(pairMembers)
        .where(and(eq(pairMembers.pairId, pairId), eq(pairMembers.personId, person.id)));
      if (!member) throw invalid('pairId', 'Участник не состоит в этой паре.');
      if (member.side !== side) throw invalid('template', side === 'mentor' ? 'Эта анкета — для наставника.' : 'Эта анкета — для наставляемого.');
    }
    const [row] = await tx
      .insert(surveyResponses)
      .values({ orgId: person.orgId, template: template.id, personId: person.id, pairId: pairId ?? null, round: round ?? null, answers, source, enteredBy: principal.id })
      .returning({ id: surveyResponses.id });
    await appendAudit(tx as Db, {
      actorId: principal.id,
      orgId: person.orgId,
      boardId: null,
      type: 'survey.answered',
      entityType: 'survey',
      entityId: row.id,
      before: null,
      after: { template: template.id, personId: person.id, pairId: pairId ?? null, round: round ?? null, source, answered: Object.keys(answers).length, on: today },
    });
    return { id: row.id };
  });
}

/**
 * The answers given in a pair: its curator, admin and head (peopleAccess read) see them all; a
 * member sees only its own.
 */
export async function pairSurveys(db: Db, principal: Principal | null, pairId: string, orgId: string): Promise<SurveyResponseView[]> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (!UUID.test(pairId)) throw new AppError('NOT_FOUND');
  const readAll = mayReadPeople(peopleAccess(principal, await orgPath(db, orgId)));
  const members = await db
    .select({ personId: pairMembers.personId, userId: people.userId })
    .from(pairMembers)
    .innerJoin(people, eq(people.id, pairMembers.personId))
    .where(eq(pairMembers.pairId, pairId));
  const visible = members.filter((m) => readAll || m.userId === principal.id).map((m) => m.personId);
  if (visible.length === 0) return [];
  const rows = await db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.pairId, pairId), inArray(surveyResponses.personId, visible)))
    .orderBy(desc(surveyResponses.submittedAt));
  return rows.map((r) => ({
    id: r.id,
    template: r.template as SurveyTemplateId,
    personId: r.personId,
    pairId: r.pairId,
    round: r.round,
    source: r.source === 'paper' ? 'paper' : 'online',
    answers: r.answers as SurveyAnswers,
    submittedAt: r.submittedAt.toISOString(),
  }));
}
