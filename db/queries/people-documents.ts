import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { CONSENT_PURPOSES, SIGNERS, type ConsentPurpose, type IsoDate, type Signer } from '../../lib/people/types';
import { consentFormDocx, destructionActDocx, subjectRequestAnswerDocx, type PersonEvent } from '../../lib/people/documents';
import type { DestructionReason } from '../../lib/people/documents/types';
import { messagesFor } from '../../lib/i18n/messages';
import { todayIso } from '../../lib/people/rules';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { auditEvents, organisations, users } from '../schema';
import { CONSENT_TEXT_VERSION, getPerson, personAccessLog, personContext } from './people';

/*
 * The personal-data documents of a person, built from the database for whom may read the
 * person (the verbs in ./people authorise and log): the printable consent form, the act of
 * destruction with the extract of the person's event log, the answer to a subject's request.
 */

async function operatorOf(db: Db, orgId: string) {
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return { name: org?.name ?? '', address: null };
}

/** The person's audit events (its own chain rows) with the actors' names, oldest first. */
export async function personTrail(db: Db, personId: string): Promise<(PersonEvent & { after: unknown })[]> {
  const rows = await db
    .select({ at: auditEvents.at, type: auditEvents.type, after: auditEvents.after, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, personId)))
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => {
    const after = (r.after ?? {}) as { bank?: 'mentor' | 'mentee'; status?: string; reason?: string };
    return { at: r.at.toISOString(), actor: r.actorName ?? 'система «Тропа»', type: r.type, bank: after.bank ?? null, note: null, after: r.after };
  });
}

export async function consentFormFor(db: Db, principal: Principal | null, personId: string, purposeIn: unknown, signerIn: unknown, today: IsoDate = todayIso()) {
  const d = await getPerson(db, principal, personId, { view: 'document.consent', today });
  if (d.person.erasedAt) throw new AppError('PERSON_ERASED');
  const purpose = (CONSENT_PURPOSES as readonly string[]).includes(String(purposeIn)) ? (purposeIn as ConsentPurpose) : 'pd_processing';
  const signer: Signer = (SIGNERS as readonly string[]).includes(String(signerIn)) ? (signerIn as Signer) : d.minor ? 'guardian' : 'self';
  if (purpose === 'mentor_duties' && signer === 'guardian') throw new AppError('UNPROCESSABLE', 'a mentor signs its duties itself', { fields: ['signer'] });
  const p = d.person;
  return {
    fileName: `Согласие ${purpose === 'pd_processing' ? 'на обработку ПДн' : purpose === 'publication' ? 'на распространение ПДн' : 'наставника'} — №${p.number}.docx`,
    bytes: await consentFormDocx({
      operator: await operatorOf(db, p.orgId),
      purpose,
      person: { fullName: p.fullName, birthDate: p.birthDate, positionOrClass: p.positionOrClass },
      signer,
      guardian: { fullName: null, relation: null },
      documentRef: null,
      textVersion: CONSENT_TEXT_VERSION,
      validUntil: null,
      signedOn: null,
      today,
    }),
  };
}

export async function erasureActFor(db: Db, principal: Principal | null, personId: string, today: IsoDate = todayIso()) {
  const ctx = await personContext(db, principal, personId);
  if (ctx.access !== 'edit' && ctx.access !== 'read') throw new AppError('FORBIDDEN');
  const p = ctx.person;
  if (!p.erasedAt) throw new AppError('UNPROCESSABLE', 'the person’s data has not been destroyed', { fields: ['erasedAt'] });
  const trail = await personTrail(db, personId);
  const erased = [...trail].reverse().find((e) => e.type === 'person.erased');
  const withdrawal = [...trail].reverse().find((e) => e.type === 'person.processing_stopped');
  const why = (erased?.after as { reason?: string } | null)?.reason;
  const withdrawnOn = ((withdrawal?.after as { withdrawnOn?: string } | null)?.withdrawnOn ?? null) as IsoDate | null;
  const reason: DestructionReason =
    why === 'curator' ? { kind: 'curator_request', requestedBy: erased?.actor ?? null } : { kind: 'withdrawal', withdrawnOn };
  return {
    fileName: `Акт об уничтожении ПДн — Участник №${p.number}.docx`,
    bytes: await destructionActDocx({
      operator: await operatorOf(db, p.orgId),
      actNumber: null,
      subjectLabel: p.fullName,
      personId: p.id,
      destroyedBy: erased && erased.actor !== 'система «Тропа»' ? [{ fullName: erased.actor, position: null }] : [],
      reason,
      destroyedOn: todayIso(p.erasedAt),
      events: trail.map(({ at, actor, type, bank }) => ({ at, actor, type, bank })),
      today,
    }),
  };
}

export async function subjectAnswerFor(db: Db, principal: Principal | null, personId: string, requester: { name?: string | null; receivedOn?: string | null }, responsible: string, today: IsoDate = todayIso()) {
  const d = await getPerson(db, principal, personId, { view: 'document.subject_answer', today });
  const p = d.person;
  const access = await personAccessLog(db, principal, personId, 2000);
  const entries = d.entries;
  const fields = [
    { label: 'Фамилия, имя, отчество', value: p.erasedAt ? null : p.fullName },
    { label: 'Дата рождения', value: p.birthDate ? p.birthDate.split('-').reverse().join('.') : null },
    { label: 'Категория участника', value: messagesFor('ru').people.categories[p.category] ?? p.category },
    { label: 'Класс (группа) или должность', value: p.positionOrClass },
    { label: 'Педагогический стаж, лет', value: p.experienceYears === null ? null : String(p.experienceYears) },
    { label: 'Электронная почта', value: p.email },
    { label: 'Телефон', value: p.phone },
    ...entries.map((e) => ({
      label: e.bank === 'mentor' ? 'Банк наставников: формы, компетенции, нагрузка' : 'Банк наставляемых: формы, запрос',
      value: [e.forms.join(', '), e.tags.join(', '), e.requestText, e.capacity ? `нагрузка: ${e.capacity}` : null].filter(Boolean).join('; ') || null,
    })),
  ];
  return {
    fileName: `Ответ на запрос субъекта ПДн — №${p.number}.docx`,
    bytes: await subjectRequestAnswerDocx({
      operator: await operatorOf(db, p.orgId),
      answerNumber: null,
      request: { receivedOn: (requester.receivedOn as IsoDate) ?? null, requesterName: requester.name ?? null },
      subjectName: p.fullName,
      fields,
      enteredOn: todayIso(p.createdAt),
      consents: d.consents.map(({ purpose, signer, signerName, guardianRelation, signedOn, validUntil, withdrawnOn, documentRef, textVersion }) => ({
        purpose, signer, signerName, guardianRelation, signedOn, validUntil, withdrawnOn, documentRef, textVersion,
      })),
      access: access.map((a) => ({ at: a.at.toISOString(), actorName: a.actorName ?? '—', role: a.roles[0] ?? null, view: messagesFor('ru').people.views[a.view] ?? a.view })),
      processors: [],
      responsible: { fullName: responsible, position: null },
      today,
    }),
  };
}
