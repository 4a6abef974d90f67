import type { HistoryEvent, HistoryNames } from './sentence';

/* Events of every type the code writes, shaped as the writers write them (for the describe and export tests). */

export const NAMES: HistoryNames = {
  orgs: { org1: 'МБОУ СОШ № 5' },
  boards: { b1: 'Дорожная карта 2024', b2: 'Наставнические пары' },
  columns: { c1: 'Подготовка условий', c2: 'Формирование базы наставляемых' },
  cards: { k1: 'Разработка положения', p1: 'Пара № 3', p2: 'Группа № 4' },
  people: { pe1: 'Петрова Анна Сергеевна', pe2: 'Иванов Иван Иванович', pe3: 'Сидорова Мария Олеговна' },
  users: { u2: 'Кузнецов Олег Викторович' },
};

export const ANDROPOVA = { id: 'u1', name: 'Андропова Людмила Александровна' };

let nextId = 1;
export function ev(type: string, data: Partial<HistoryEvent['data']>, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    id: nextId++,
    at: '2024-03-15T09:00:00.000Z',
    actor: ANDROPOVA,
    type,
    orgId: 'org1',
    boardId: 'b1',
    cardId: 'k1',
    ...extra,
    data: { entityType: 'card', entityId: 'k1', before: null, after: null, ...data },
  };
}

const person = (type: string, id: string, before: unknown, after: unknown) => ev(type, { entityType: 'person', entityId: id, before, after }, { boardId: null, cardId: null });
const user = (type: string, id: string, before: unknown, after: unknown) => ev(type, { entityType: 'user', entityId: id, before, after }, { boardId: null, cardId: null });
const pair = (type: string, id: string, before: unknown, after: unknown) => ev(type, { entityType: 'pair', entityId: id, before, after }, { boardId: null, cardId: id });
const deadline = (end: string | null, text = '') => ({ text, start: null, end, recurrence: 'once' });
const card = { columnId: 'c1', order: 'a0', title: 'Мониторинг программы', description: 'Сбор анкет', deadline: deadline('2024-05-31'), responsible: ['Петров П. П.'], status: 'todo', comments: [] };

/** [case name, event] for every type the code writes, and the restore's types. */
export const EVERY_TYPE: [string, HistoryEvent][] = [
  ['card.created', ev('card.created', { entityId: 'k9', before: null, after: card }, { cardId: 'k9' })],
  ['card.deleted', ev('card.deleted', { entityId: 'k9', before: card, after: null }, { cardId: 'k9' })],
  ['card.moved', ev('card.moved', { before: { columnId: 'c1', order: 'a0' }, after: { columnId: 'c2', order: 'a1' } })],
  ['card.updated', ev('card.updated', { field: 'deadline', before: deadline('2024-03-15'), after: deadline('2024-04-01') })],
  ['card.restored', ev('card.restored', { entityId: 'k9', before: null, after: { ...card, fromEvent: 7 } }, { cardId: 'k9' })],
  ['card.field_restored', ev('card.field_restored', { before: { field: 'status', value: 'done' }, after: { field: 'status', value: 'in_progress', fromEvent: 5 } })],
  ['comment.added', ev('comment.added', { after: { id: 'm1', authorId: 'u1', at: '2024-03-15T09:00:00Z', text: 'Согласовать с директором' } })],
  ['comment.edited', ev('comment.edited', { before: { id: 'm1', text: 'Согласовать с директором' }, after: { id: 'm1', text: 'Согласовать с завучем' } })],
  ['comment.removed', ev('comment.removed', { before: { id: 'm1', text: 'Согласовать с директором' } })],
  ['checklist.item_added', ev('checklist.item_added', { after: { id: 'i1', text: 'Проект положения', done: false } })],
  ['checklist.item_edited', ev('checklist.item_edited', { before: { id: 'i1', text: 'Проект положения', done: false }, after: { id: 'i1', text: 'Проект приказа', done: false } })],
  ['checklist.item_checked', ev('checklist.item_checked', { before: { id: 'i1', text: 'Проект положения', done: false }, after: { id: 'i1', text: 'Проект положения', done: true } })],
  ['checklist.item_unchecked', ev('checklist.item_unchecked', { before: { id: 'i1', text: 'Проект положения', done: true }, after: { id: 'i1', text: 'Проект положения', done: false } })],
  ['checklist.item_removed', ev('checklist.item_removed', { before: { id: 'i1', text: 'Проект положения', done: false } })],
  ['column.created', ev('column.created', { entityType: 'column', entityId: 'c3', after: { title: 'Итоги', order: 'a3' } }, { cardId: null })],
  ['column.renamed', ev('column.renamed', { entityType: 'column', entityId: 'c1', before: 'Подготовка', after: 'Подготовка условий' }, { cardId: null })],
  ['column.moved', ev('column.moved', { entityType: 'column', entityId: 'c1', before: 'a0', after: 'a5' }, { cardId: null })],
  ['column.deleted', ev('column.deleted', { entityType: 'column', entityId: 'c3', before: { title: 'Итоги', order: 'a3' } }, { cardId: null })],
  ['board.created', ev('board.created', { entityType: 'board', entityId: 'b1', after: { title: 'Дорожная карта 2024', kind: 'roadmap', periodFrom: '2024', periodTo: '2025' } }, { cardId: null })],
  ['board.created (import)', ev('board.created', { entityType: 'board', entityId: 'b1', after: { title: 'Дорожная карта 2024', kind: 'roadmap', source: { kind: 'import', filename: 'план.docx', stages: 5, activities: 41 } } }, { cardId: null })],
  ['board.renamed', ev('board.renamed', { entityType: 'board', entityId: 'b1', before: { title: 'План' }, after: { title: 'Дорожная карта 2024' } }, { cardId: null })],
  ['board.archived', ev('board.archived', { entityType: 'board', entityId: 'b1' }, { cardId: null })],
  ['board.unarchived', ev('board.unarchived', { entityType: 'board', entityId: 'b1' }, { cardId: null })],
  ['board.updated', ev('board.updated', { entityType: 'board', entityId: null, before: { period: { from: '2022', to: '2024' } }, after: { period: { from: '2024', to: '2026' } } }, { cardId: null })],
  ['org.created', ev('org.created', { entityType: 'organisation', entityId: 'org2', after: { name: 'МБОУ Гимназия № 1', slug: 'g1', kind: 'organisation', parentId: 'org0' } }, { orgId: 'org2', boardId: null, cardId: null })],
  ['bank.imported', ev('bank.imported', { entityType: 'organisation', entityId: 'org1', after: { bank: 'mentee', count: 25, fileName: 'наставляемые.xlsx' } }, { boardId: null, cardId: null })],
  ['user.created', user('user.created', 'u5', null, { role: 'curator', pd: { email: 'ivanova@school.ru', name: 'Иванова Мария Петровна' } })],
  ['membership.granted', user('membership.granted', 'u2', null, { role: 'curator' })],
  ['membership.revoked', user('membership.revoked', 'u2', { role: 'member' }, null)],
  ['membership.changed', user('membership.changed', 'u2', { role: 'member' }, { role: 'head' })],
  ['user.password_changed', { ...user('user.password_changed', 'u1', null, null) }],
  ['user.password_reset', user('user.password_reset', 'u2', null, null)],
  ['user.disabled', user('user.disabled', 'u2', { disabled: false }, { disabled: true })],
  ['user.enabled', user('user.enabled', 'u2', { disabled: true }, { disabled: false })],
  ['person.created', person('person.created', 'pe4', null, { number: 7, category: 'teacher', bank: 'mentor', status: 'candidate', forms: ['учитель – учитель'], capacity: 2, experienceYears: 12, pd: { fullName: 'Смирнова Ольга Петровна', birthDate: '1980-02-01', positionOrClass: 'учитель математики', email: null, phone: null, tags: ['математика'], requestText: null } })],
  ['person.updated', person('person.updated', 'pe1', { category: 'other', pd: { positionOrClass: 'учитель' } }, { category: 'teacher', pd: { positionOrClass: 'учитель физики' } })],
  ['bank.entry_added', person('bank.entry_added', 'pe2', null, { bank: 'mentee', status: 'candidate', forms: ['ученик – ученик'], capacity: null, pd: { tags: [], requestText: 'Подготовка к олимпиаде' } })],
  ['bank.entry_updated', person('bank.entry_updated', 'pe1', { bank: 'mentor', forms: ['учитель – учитель'], capacity: 1, pd: { tags: [], requestText: null } }, { bank: 'mentor', forms: ['учитель – учитель'], capacity: 3, pd: { tags: ['физика'], requestText: null } })],
  ['bank.status_changed', person('bank.status_changed', 'pe1', { bank: 'mentor', status: 'candidate' }, { bank: 'mentor', status: 'approved' })],
  ['consent.recorded', person('consent.recorded', 'pe3', null, { consentId: 'cs1', purpose: 'pd_processing', signer: 'guardian', signedOn: '2024-03-01', validUntil: null, documentRef: '12', textVersion: 'v1', pd: { signerName: 'Сидоров Олег Ильич', guardianRelation: 'отец' } })],
  ['consent.withdrawn', person('consent.withdrawn', 'pe3', null, { consentId: 'cs1', purpose: 'pd_processing', withdrawnOn: '2024-09-01' })],
  ['person.processing_stopped', person('person.processing_stopped', 'pe3', null, { withdrawnOn: '2024-09-01', eraseDueOn: '2024-10-01', banksLeft: ['mentee'] })],
  ['person.processing_resumed', person('person.processing_resumed', 'pe3', null, { consentId: 'cs2' })],
  ['person.erased', { ...person('person.erased', 'pe3', null, { number: 12, reason: 'term', accountDisabled: false, data: [], pairs: 0 }), actor: { id: null, name: null } }],
  ['person.account_invited', person('person.account_invited', 'pe1', null, { userId: 'u7', roles: ['mentor'], pd: { email: 'petrova@school.ru' } })],
  ['person.account_linked', person('person.account_linked', 'pe2', null, { userId: 'u8', roles: ['mentee'], pd: { email: 'ivanov@school.ru' } })],
  ['preferences.set', person('preferences.set', 'pe2', { preferred: [] }, { preferred: ['pe1', 'pe3'] })],
  ['pair.created', ev('pair.created', { entityType: 'pair', entityId: 'p5', after: { number: 5, boardId: 'b2', form: 'учитель – учитель', roleModel: null, rhythmDays: 14, startedOn: '2024-03-15', mentorId: 'pe1', menteeIds: ['pe2'], bankStatus: 'in_pair' } }, { boardId: null, cardId: 'p5' })],
  ['pair.stage_changed', { ...pair('pair.stage_changed', 'p1', { stage: 'intro' }, { stage: 'trial', reason: 'Пробная встреча прошла в рамках знакомства' }), boardId: 'b2' }],
  ['pair.stage_set', pair('pair.stage_set', 'p1', { stage: 'regular' }, { stage: 'planning', backwards: true, reason: 12 })],
  ['pair.ended', pair('pair.ended', 'p2', { stage: 'regular', status: 'active' }, { status: 'terminated', endedOn: '2024-05-20', reason: 30, returnedToBank: [] })],
  ['pair.goals_set', pair('pair.goals_set', 'p1', null, { meetingId: 'mt1', goals: ['g1', 'g2', 'g3'] })],
  ['pair.goals_marked', pair('pair.goals_marked', 'p1', null, { meetingId: 'mt9', goals: [{ id: 'g1', reached: true }, { id: 'g2', reached: false }, { id: 'g3', reached: true }] })],
  ['pair.order_set', pair('pair.order_set', 'p1', null, { number: '45-о', date: '2024-09-02' })],
  ['meeting.recorded', ev('meeting.recorded', { entityType: 'meeting', entityId: 'mt1', after: { pairId: 'p1', kind: 'planning', heldOn: '2024-03-14', format: 'in_person', rating: 9, summary: 120, nextSteps: 0, reason: 0, stage: { before: 'trial', after: 'planning' }, skipped: [] } }, { boardId: null, cardId: null })],
  ['meeting.rated', ev('meeting.rated', { entityType: 'meeting', entityId: 'mt1', before: { rating: 6 }, after: { pairId: 'p1', personId: 'pe2', rating: 8, comment: 0 } }, { boardId: null, cardId: null, actor: { id: 'u9', name: 'Иванов Иван Иванович' } })],
  ['survey.answered', ev('survey.answered', { entityType: 'survey', entityId: 'sv1', after: { template: 'mentee_satisfaction', personId: 'pe2', pairId: 'p1', round: null, source: 'paper', answered: 12, on: '2024-05-20' } }, { boardId: null, cardId: null })],
  ['report.round_set', ev('report.round_set', { entityType: 'report', entityId: '2026-12', before: null, after: { round: '2026-12', from: '2026-09-01', to: '2026-12-25', forBelow: true } }, { boardId: null, cardId: null })],
  ['report.contingent_set', ev('report.contingent_set', { entityType: 'report', entityId: '2026-12', before: { students: 400, teachers: 50, youngSpecialists: 5, studentsBand: null }, after: { round: '2026-12', students: 420, teachers: 50, youngSpecialists: 6, studentsBand: '10–18 лет' } }, { boardId: null, cardId: null })],
  ['report.setting_set', ev('report.setting_set', { entityType: 'report', entityId: 'satisfaction', before: null, after: { formula: 'mean', threshold: 7 } }, { boardId: null, cardId: null })],
  ['report.indicator_set', ev('report.indicator_set', { entityType: 'report', entityId: 'доля молодых специалистов', before: { title: 'Доля молодых специалистов', link: null }, after: { title: 'Доля молодых специалистов', link: 'youngSpecialistCoverage' } }, { boardId: null, cardId: null })],
  ['report.indicator_added', ev('report.indicator_added', { entityType: 'report', entityId: 'm-1a2b3c4d', before: null, after: { title: 'Доля работодателей', unit: '%', targets: { '2026': 30 } } }, { boardId: null, cardId: null })],
  ['report.indicator_removed', ev('report.indicator_removed', { entityType: 'report', entityId: 'm-1a2b3c4d', before: { title: 'Доля работодателей', unit: '%', targets: { '2026': 30 } }, after: null }, { boardId: null, cardId: null })],
  ['report.actual_set', ev('report.actual_set', { entityType: 'report', entityId: 'm-1a2b3c4d', before: null, after: { round: '2026-12', title: 'Доля работодателей', value: 35, note: 'по данным опроса' } }, { boardId: null, cardId: null })],
  ['report.conclusions_set', ev('report.conclusions_set', { entityType: 'report', entityId: '2026-12', before: null, after: { round: '2026-12', length: 240 } }, { boardId: null, cardId: null })],
  ['report.signed', ev('report.signed', { entityType: 'report', entityId: '2026-12', before: null, after: { round: '2026-12', version: 2, from: '2026-07-01', to: '2026-12-31', figures: { participants: 12, pairs: 5, studentCoverage: 10.5 }, chains: 3 } }, { boardId: null, cardId: null })],
  ['report.reopened', ev('report.reopened', { entityType: 'report', entityId: '2026-12', before: { version: 1 }, after: { round: '2026-12', version: 1, reason: 'Уточнён контингент' } }, { boardId: null, cardId: null })],
];
