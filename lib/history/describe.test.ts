import { describe, expect, it } from 'vitest';
import { describeEvent, DESCRIBED_TYPES, emptyNames, type HistoryEvent } from './describe';
import { ANDROPOVA, ev, EVERY_TYPE, NAMES } from './describe.fixture';

// Every audit type the code writes (grep of db/, lib/, server/ for `type: '…'` and the writers'
// helpers auditPerson / auditAccount, the projector's ITEM_EVENTS, pair-cards, and the restore).
const WRITTEN_TYPES = [
  'bank.entry_added', 'bank.entry_updated', 'bank.imported', 'bank.status_changed',
  'board.archived', 'board.created', 'board.renamed', 'board.unarchived', 'board.updated',
  'card.created', 'card.deleted', 'card.field_restored', 'card.moved', 'card.restored', 'card.updated',
  'checklist.item_added', 'checklist.item_checked', 'checklist.item_edited', 'checklist.item_removed', 'checklist.item_unchecked',
  'column.created', 'column.deleted', 'column.moved', 'column.renamed',
  'comment.added', 'comment.edited', 'comment.removed',
  'consent.recorded', 'consent.withdrawn',
  'meeting.rated', 'meeting.recorded',
  'membership.changed', 'membership.granted', 'membership.revoked',
  'org.created',
  'pair.created', 'pair.ended', 'pair.goals_marked', 'pair.goals_set', 'pair.order_set', 'pair.stage_changed', 'pair.stage_set',
  'person.account_invited', 'person.account_linked', 'person.created', 'person.erased', 'person.processing_resumed', 'person.processing_stopped', 'person.updated',
  'preferences.set', 'survey.answered',
  'report.actual_set', 'report.conclusions_set', 'report.contingent_set', 'report.indicator_added', 'report.indicator_removed', 'report.indicator_set',
  'report.reopened', 'report.round_set', 'report.setting_set', 'report.signed',
  'user.created', 'user.disabled', 'user.enabled', 'user.password_changed', 'user.password_reset',
];

const ru = (e: HistoryEvent, names = NAMES) => describeEvent(e, names, 'ru').text;

describe('describeEvent: a sentence for every type', () => {
  it('knows every type the code writes, and the fixture covers each', () => {
    expect([...DESCRIBED_TYPES].sort()).toEqual([...WRITTEN_TYPES].sort());
    expect(new Set(EVERY_TYPE.map(([, e]) => e.type))).toEqual(new Set(WRITTEN_TYPES));
  });

  it.each([
    ["card.created", "Л. А. Андропова добавила карточку «Мониторинг программы» в «Подготовка условий»", "Л. А. Андропова added the card “Мониторинг программы” to “Подготовка условий”"],
    ["card.deleted", "Л. А. Андропова удалила карточку «Мониторинг программы» из «Подготовка условий»", "Л. А. Андропова deleted the card “Мониторинг программы” from “Подготовка условий”"],
    ["card.moved", "Л. А. Андропова перенесла «Разработка положения» из «Подготовка условий» в «Формирование базы наставляемых»", "Л. А. Андропова moved “Разработка положения” from “Подготовка условий” to “Формирование базы наставляемых”"],
    ["card.updated", "Л. А. Андропова изменила срок «Разработка положения»: 15.03.2024 → 01.04.2024", "Л. А. Андропова changed the deadline of “Разработка положения”: 15.03.2024 → 01.04.2024"],
    ["card.restored", "Л. А. Андропова восстановила удалённую карточку «Мониторинг программы» в «Подготовка условий»", "Л. А. Андропова restored the deleted card “Мониторинг программы” in “Подготовка условий”"],
    ["card.field_restored", "Л. А. Андропова восстановила прежнее значение поля «статус» в «Разработка положения»: выполнено → в работе", "Л. А. Андропова restored the earlier status of “Разработка положения”: done → in progress"],
    ["comment.added", "Л. А. Андропова прокомментировала «Разработка положения»: «Согласовать с директором»", "Л. А. Андропова commented on “Разработка положения”: “Согласовать с директором”"],
    ["comment.edited", "Л. А. Андропова изменила комментарий к «Разработка положения»", "Л. А. Андропова edited a comment on “Разработка положения”"],
    ["comment.removed", "Л. А. Андропова удалила комментарий к «Разработка положения»", "Л. А. Андропова removed a comment on “Разработка положения”"],
    ["checklist.item_added", "Л. А. Андропова добавила в чек-лист «Разработка положения» пункт «Проект положения»", "Л. А. Андропова added the checklist item “Проект положения” to “Разработка положения”"],
    ["checklist.item_edited", "Л. А. Андропова изменила пункт чек-листа «Разработка положения»", "Л. А. Андропова edited a checklist item of “Разработка положения”"],
    ["checklist.item_checked", "Л. А. Андропова отметила выполненным пункт «Проект положения» в «Разработка положения»", "Л. А. Андропова ticked off “Проект положения” in “Разработка положения”"],
    ["checklist.item_unchecked", "Л. А. Андропова сняла отметку с пункта «Проект положения» в «Разработка положения»", "Л. А. Андропова unticked “Проект положения” in “Разработка положения”"],
    ["checklist.item_removed", "Л. А. Андропова удалила из чек-листа «Разработка положения» пункт «Проект положения»", "Л. А. Андропова removed the checklist item “Проект положения” from “Разработка положения”"],
    ["column.created", "Л. А. Андропова добавила этап «Итоги»", "Л. А. Андропова added the stage “Итоги”"],
    ["column.renamed", "Л. А. Андропова переименовала этап «Подготовка» в «Подготовка условий»", "Л. А. Андропова renamed the stage “Подготовка” to “Подготовка условий”"],
    ["column.moved", "Л. А. Андропова переместила этап «Подготовка условий»", "Л. А. Андропова moved the stage “Подготовка условий”"],
    ["column.deleted", "Л. А. Андропова удалила этап «Итоги»", "Л. А. Андропова deleted the stage “Итоги”"],
    ["board.created", "Л. А. Андропова создала доску «Дорожная карта 2024»", "Л. А. Андропова created the board “Дорожная карта 2024”"],
    ["board.created (import)", "Л. А. Андропова создала доску «Дорожная карта 2024» импортом из файла «план.docx»: 5 этапов, 41 мероприятие", "Л. А. Андропова created the board “Дорожная карта 2024” by importing the file “план.docx”: 5 stages, 41 activities"],
    ["board.renamed", "Л. А. Андропова переименовала доску «План» в «Дорожная карта 2024»", "Л. А. Андропова renamed the board “План” to “Дорожная карта 2024”"],
    ["board.archived", "Л. А. Андропова отправила в архив доску «Дорожная карта 2024»", "Л. А. Андропова archived the board “Дорожная карта 2024”"],
    ["board.unarchived", "Л. А. Андропова вернула из архива доску «Дорожная карта 2024»", "Л. А. Андропова brought back from the archive the board “Дорожная карта 2024”"],
    ["board.updated", "Л. А. Андропова изменила период доски «Дорожная карта 2024»: 2022–2024 → 2024–2026", "Л. А. Андропова changed the period of the board “Дорожная карта 2024”: 2022–2024 → 2024–2026"],
    ["org.created", "Л. А. Андропова создала организацию «МБОУ Гимназия № 1»", "Л. А. Андропова created the organisation “МБОУ Гимназия № 1”"],
    ["bank.imported", "Л. А. Андропова загрузила в банк наставляемых 25 участников из файла «наставляемые.xlsx»", "Л. А. Андропова imported 25 participants into the mentee bank from the file “наставляемые.xlsx”"],
    ["user.created", "Л. А. Андропова создала учётную запись Ивановой М. П.: куратор в «МБОУ СОШ № 5»", "Л. А. Андропова created the account of Иванова М. П.: curator in “МБОУ СОШ № 5”"],
    ["membership.granted", "Л. А. Андропова назначила Кузнецова О. В. куратором в «МБОУ СОШ № 5»", "Л. А. Андропова gave Кузнецов О. В. the role of curator in “МБОУ СОШ № 5”"],
    ["membership.revoked", "Л. А. Андропова сняла роль члена рабочей группы с Кузнецова О. В. в «МБОУ СОШ № 5»", "Л. А. Андропова took the role of working group member in “МБОУ СОШ № 5” from Кузнецов О. В."],
    ["membership.changed", "Л. А. Андропова изменила роль Кузнецова О. В. в «МБОУ СОШ № 5»: член рабочей группы → руководитель", "Л. А. Андропова changed the role of Кузнецов О. В. in “МБОУ СОШ № 5”: working group member → head"],
    ["user.password_changed", "Л. А. Андропова сменила свой пароль", "Л. А. Андропова changed their password"],
    ["user.password_reset", "Л. А. Андропова задала новый пароль для Кузнецова О. В.", "Л. А. Андропова set a new password for Кузнецов О. В."],
    ["user.disabled", "Л. А. Андропова заблокировала учётную запись Кузнецова О. В.", "Л. А. Андропова disabled the account of Кузнецов О. В."],
    ["user.enabled", "Л. А. Андропова разблокировала учётную запись Кузнецова О. В.", "Л. А. Андропова enabled the account of Кузнецов О. В."],
    ["person.created", "Л. А. Андропова добавила в банк наставников Смирнову О. П.", "Л. А. Андропова added Смирнова О. П. to the mentor bank"],
    ["person.updated", "Л. А. Андропова изменила сведения Петровой А. С.", "Л. А. Андропова changed the details of Петрова А. С."],
    ["bank.entry_added", "Л. А. Андропова добавила в банк наставляемых Иванова И. И.", "Л. А. Андропова added Иванов И. И. to the mentee bank"],
    ["bank.entry_updated", "Л. А. Андропова изменила запись Петровой А. С. в банке наставников", "Л. А. Андропова changed the entry of Петрова А. С. in the mentor bank"],
    ["bank.status_changed", "Л. А. Андропова изменила статус Петровой А. С. в банке наставников: кандидат → утверждён", "Л. А. Андропова changed the status of Петрова А. С. in the mentor bank: candidate → approved"],
    ["consent.recorded", "Л. А. Андропова зарегистрировала согласие Сидоровой М. О. на обработку персональных данных, подписанное законным представителем", "Л. А. Андропова recorded the consent of Сидорова М. О. to the processing of personal data, signed by a guardian"],
    ["consent.withdrawn", "Л. А. Андропова отметила отзыв согласия Сидоровой М. О. на обработку персональных данных", "Л. А. Андропова recorded the withdrawal of the consent of Сидорова М. О. to the processing of personal data"],
    ["person.processing_stopped", "Л. А. Андропова прекратила обработку персональных данных Сидоровой М. О.", "Л. А. Андропова stopped processing the personal data of Сидорова М. О."],
    ["person.processing_resumed", "Л. А. Андропова возобновила обработку персональных данных Сидоровой М. О. по новому согласию", "Л. А. Андропова resumed processing the personal data of Сидорова М. О. under a new consent"],
    ["person.erased", "Система уничтожила персональные данные участника № 12 по истечении срока после отзыва согласия", "System destroyed the personal data of participant No. 12 when the term after the withdrawal ended"],
    ["person.account_invited", "Л. А. Андропова создала учётную запись для Петровой А. С.", "Л. А. Андропова created an account for Петрова А. С."],
    ["person.account_linked", "Л. А. Андропова связала Иванова И. И. с учётной записью", "Л. А. Андропова linked Иванов И. И. to an account"],
    ["preferences.set", "Л. А. Андропова записала предпочтения Иванова И. И.", "Л. А. Андропова recorded the preferences of Иванов И. И."],
    ["pair.created", "Л. А. Андропова сформировала пару № 5", "Л. А. Андропова formed pair No. 5"],
    ["pair.stage_changed", "Л. А. Андропова перевела пару № 3 с этапа «Встреча-знакомство» на этап «Пробная рабочая встреча»", "Л. А. Андропова moved pair No. 3 from the stage “Introductory meeting” to “Trial working meeting”"],
    ["pair.stage_set", "Л. А. Андропова вернула пару № 3 на этап «Встреча-планирование»", "Л. А. Андропова moved pair No. 3 back to the stage “Planning meeting”"],
    ["pair.ended", "Л. А. Андропова досрочно прекратила группу № 4", "Л. А. Андропова terminated group No. 4 early"],
    ["pair.goals_set", "Л. А. Андропова задала цели плана пары № 3 (3 цели)", "Л. А. Андропова set the plan goals of pair No. 3 (3 goals)"],
    ["pair.goals_marked", "Л. А. Андропова отметила достижение целей пары № 3: 2 из 3", "Л. А. Андропова assessed the goals of pair No. 3: 2 of 3 reached"],
    ["pair.order_set", "Л. А. Андропова указала приказ о закреплении пары № 3: № 45-о от 02.09.2024", "Л. А. Андропова recorded the order assigning pair No. 3: No. 45-о of 02.09.2024"],
    ["meeting.recorded", "Л. А. Андропова записала встречу «Встреча-планирование» пары № 3 от 14.03.2024", "Л. А. Андропова recorded the meeting “Planning meeting” of pair No. 3 held on 14.03.2024"],
    ["meeting.rated", "И. И. Иванов оценил встречу пары № 3: 8 из 10", "И. И. Иванов rated a meeting of pair No. 3: 8 out of 10"],
    ["survey.answered", "Л. А. Андропова внесла ответы бумажной анкеты «Анкета удовлетворённости наставляемого» Иванова И. И.", "Л. А. Андропова entered the paper answers of Иванов И. И. to the questionnaire “Mentee satisfaction questionnaire”"],
  ])('%s', (name, textRu, textEn) => {
    const e = EVERY_TYPE.find(([n]) => n === name)![1];
    const r = describeEvent(e, NAMES, 'ru');
    expect(r.text).toBe(textRu);
    expect(describeEvent(e, NAMES, 'en').text).toBe(textEn);
    expect(r.parts.map((p) => p.text).join('')).toBe(r.text);
    expect(r.parts[0]).toEqual({ text: r.actor, ref: { kind: 'actor', id: e.actor.id } });
    expect(r.text).not.toMatch(/undefined|null|NaN|\[object/);
  });
});

describe('describeEvent: the changes', () => {
  const of = (name: string) => describeEvent(EVERY_TYPE.find(([n]) => n === name)![1], NAMES, 'ru').changes;

  it('gives a field old → new in words: deadline dates, status words, stage names', () => {
    expect(of('card.updated')).toEqual([{ label: 'срок', kind: 'value', before: '15.03.2024', after: '01.04.2024' }]);
    expect(of('card.field_restored')).toEqual([{ label: 'статус', kind: 'value', before: 'выполнено', after: 'в работе' }]);
    expect(of('card.moved')).toEqual([{ label: 'этап', kind: 'value', before: 'Подготовка условий', after: 'Формирование базы наставляемых' }]);
    expect(of('pair.stage_changed')).toContainEqual({ label: 'причина', kind: 'value', before: '—', after: 'Пробная встреча прошла в рамках знакомства' });
    expect(of('membership.changed')).toEqual([{ label: 'роль', kind: 'value', before: 'член рабочей группы', after: 'руководитель' }]);
  });

  it('gives a word diff for titles, descriptions, comments and checklist items', () => {
    const title = ev('card.updated', { field: 'title', before: 'Разработка положения', after: 'Разработка и утверждение положения' });
    expect(describeEvent(title, NAMES, 'ru')).toMatchObject({
      text: 'Л. А. Андропова переименовала «Разработка положения» в «Разработка и утверждение положения»',
      changes: [{ label: 'название', kind: 'text', diff: [{ op: 'same', text: 'Разработка ' }, { op: 'added', text: 'и утверждение ' }, { op: 'same', text: 'положения' }] }],
    });
    const description = ev('card.updated', { field: 'description', before: 'Подготовить проект.', after: 'Подготовить и согласовать проект.' });
    expect(describeEvent(description, NAMES, 'ru')).toMatchObject({
      text: 'Л. А. Андропова изменила описание «Разработка положения»',
      changes: [{ label: 'описание', kind: 'text', diff: [{ op: 'same', text: 'Подготовить ' }, { op: 'added', text: 'и согласовать ' }, { op: 'same', text: 'проект.' }] }],
    });
    expect(of('comment.edited')).toEqual([{ label: 'комментарий', kind: 'text', diff: [{ op: 'same', text: 'Согласовать с ' }, { op: 'removed', text: 'директором' }, { op: 'added', text: 'завучем' }] }]);
    expect(of('checklist.item_edited')[0]).toMatchObject({ label: 'пункт чек-листа', kind: 'text' });
  });

  it('lists what a created or deleted card held', () => {
    expect(of('card.created')).toEqual([
      { label: 'срок', kind: 'value', before: '—', after: '31.05.2024' },
      { label: 'ответственные', kind: 'value', before: '—', after: 'Петров П. П.' },
      { label: 'статус', kind: 'value', before: '—', after: 'не начато' },
      { label: 'описание', kind: 'text', diff: [{ op: 'added', text: 'Сбор анкет' }] },
    ]);
    expect(of('card.deleted')).toContainEqual({ label: 'ответственные', kind: 'value', before: 'Петров П. П.', after: '—' });
  });

  it('words a deadline: a range, a recurrence, the wording when it alone changed, or set and cleared', () => {
    const d = (x: object) => ({ text: '', start: null, end: null, recurrence: 'once', ...x });
    const say = (before: unknown, after: unknown) => describeEvent(ev('card.updated', { field: 'deadline', before, after }), NAMES, 'ru');
    expect(say(null, d({ start: '2024-03-01', end: '2024-03-15', recurrence: 'yearly' })).text).toBe('Л. А. Андропова установила срок «Разработка положения»: 01.03.2024 – 15.03.2024, ежегодно');
    expect(say(d({ end: '2024-03-15', text: 'до 15 марта' }), d({ end: '2024-03-15', text: 'к 15 марта' })).changes).toEqual([
      { label: 'срок', kind: 'value', before: '15.03.2024 (до 15 марта)', after: '15.03.2024 (к 15 марта)' },
    ]);
    expect(say(d({ text: 'в течение года' }), d({ text: 'постоянно' })).text).toBe('Л. А. Андропова изменила срок «Разработка положения»: в течение года → постоянно');
    expect(say(d({ end: '2024-03-15' }), null).text).toBe('Л. А. Андропова очистила срок «Разработка положения»');
  });

  it('keeps long values out of the sentence but in the changes', () => {
    const long = 'Приказ об утверждении положения о системе наставничества педагогических работников в образовательной организации';
    const r = describeEvent(ev('card.updated', { field: 'result', before: null, after: long }), NAMES, 'ru');
    expect(r.text).toBe('Л. А. Андропова указала результат «Разработка положения»');
    expect(r.changes).toEqual([{ label: 'результат', kind: 'value', before: '—', after: long }]);
  });

  it('clips a long title in the sentence', () => {
    const title = 'Очень '.repeat(60).trim();
    const r = describeEvent(ev('card.moved', { before: { columnId: 'c1' }, after: { columnId: 'c2' } }), { ...NAMES, cards: { k1: title } }, 'ru');
    expect(r.text).toMatch(/перенесла «Очень( Очень)+…» из/);
    expect(r.text.length).toBeLessThan(260);
  });
});

describe('describeEvent: who acted', () => {
  const moved = (actor: HistoryEvent['actor']) => describeEvent(ev('card.moved', { before: { columnId: 'c1' }, after: { columnId: 'c2' } }, { actor }), NAMES, 'ru');

  it.each([
    ['Андропова Людмила Александровна', 'Л. А. Андропова перенесла'],
    ['Людмила Александровна Андропова', 'Л. А. Андропова перенесла'],
    ['Громов Алексей Викторович', 'А. В. Громов перенёс'],
    ['Алексей Викторович Громов', 'А. В. Громов перенёс'],
    ['Ирина Петрова', 'И. Петрова перенесла'],
    ['Шевченко Саша', 'С. Шевченко перенёс(ла)'],
    ['admin@demo.tropa', 'admin@demo.tropa перенёс(ла)'],
  ])('%s → «%s …»', (name, start) => expect(moved({ id: 'u1', name }).text.startsWith(`${start} «Разработка положения»`)).toBe(true));

  it('says «Система» for the server, «Пользователь» for an account whose name is gone', () => {
    expect(moved({ id: null, name: null }).text).toMatch(/^Система перенесла «Разработка положения»/);
    expect(moved({ id: null, name: null }).actor).toBe('Система');
    expect(moved({ id: 'u404', name: null }).text).toMatch(/^Пользователь перенёс «Разработка положения»/);
    expect(describeEvent(ev('card.moved', { before: { columnId: 'c1' }, after: { columnId: 'c2' } }, { actor: { id: null, name: null } }), NAMES, 'en').text).toMatch(/^System moved/);
  });

  it('uses the neutral form of every verb when the gender is unknown', () => {
    const neutral = { id: 'u3', name: 'Ким Саша' };
    for (const [name, e] of EVERY_TYPE) {
      const text = describeEvent({ ...e, actor: neutral }, NAMES, 'ru').text;
      expect(text, name).toMatch(/^С\. Ким [а-яё ]*\p{L}+\((а|ла)\) /u);
    }
  });

  it('agrees every verb with a man', () => {
    for (const [name, e] of EVERY_TYPE) {
      const text = describeEvent({ ...e, actor: { id: 'u3', name: 'Громов Алексей Викторович' } }, NAMES, 'ru').text;
      expect(text, name).toMatch(/^А\. В\. Громов (досрочно )?\p{L}+(л|ёс|ёл) /u);
    }
  });
});

describe('describeEvent: names it may not show', () => {
  const none = emptyNames();

  it('says «карточку», «участника», «пару» without a name, and never an id', () => {
    for (const [name, e] of EVERY_TYPE) {
      const r = describeEvent({ ...e, data: { ...e.data, before: stripPd(e.data.before), after: stripPd(e.data.after) } }, none, 'ru');
      for (const id of ['k1', 'k9', 'pe1', 'pe2', 'pe3', 'pe4', 'p1', 'p2', 'p5', 'u2', 'u5', 'c1', 'c2', 'b1', 'org1']) expect(r.text, name).not.toMatch(new RegExp(`\\b${id}\\b`));
      const aboutWhom = r.parts.slice(1).map((p) => p.text).join(''); // the actor's own name may show
      expect(aboutWhom, name).not.toMatch(/Петров|Иванов|Сидоров|Кузнецов|Смирнов/);
    }
    expect(ru(EVERY_TYPE.find(([n]) => n === 'card.moved')![1], none)).toBe('Л. А. Андропова перенесла карточку в другой этап');
    expect(ru(EVERY_TYPE.find(([n]) => n === 'card.updated')![1], none)).toBe('Л. А. Андропова изменила срок карточки: 15.03.2024 → 01.04.2024');
    expect(ru(EVERY_TYPE.find(([n]) => n === 'bank.status_changed')![1], none)).toBe('Л. А. Андропова изменила статус участника в банке наставников: кандидат → утверждён');
    expect(ru(EVERY_TYPE.find(([n]) => n === 'pair.stage_set')![1], none)).toBe('Л. А. Андропова вернула пару на этап «Встреча-планирование»');
    expect(ru(EVERY_TYPE.find(([n]) => n === 'membership.granted')![1], none)).toBe('Л. А. Андропова назначила пользователя куратором');
  });

  it('names a person from the opened values when names lack it, and not when they are hidden', () => {
    const opened = ev('person.created', { entityType: 'person', entityId: 'x1', after: { bank: 'mentor', status: 'candidate', pd: { fullName: 'Орлова Вера Павловна' } } }, { cardId: null, boardId: null });
    expect(ru(opened, none)).toBe('Л. А. Андропова добавила в банк наставников Орлову В. П.');
    const hidden = { ...opened, data: { ...opened.data, after: { bank: 'mentor', status: 'candidate', pd: { $pd: 'hidden' } } } };
    const r = describeEvent(hidden, none, 'ru');
    expect(r.text).toBe('Л. А. Андропова добавила в банк наставников участника');
    expect(r.changes).toContainEqual({ label: 'персональные данные', kind: 'value', before: '—', after: 'скрыто' });
    expect(describeEvent(hidden, none, 'en').text).toBe('Л. А. Андропова added a participant to the mentor bank');
  });

  it('says the values were destroyed once the person is erased', () => {
    const updated = ev('person.updated', { entityType: 'person', entityId: 'x1', before: { pd: { $pd: 'erased' } }, after: { pd: { $pd: 'erased' } } }, { cardId: null, boardId: null });
    const r = describeEvent(updated, { ...none, people: { x1: 'Участник №12' } }, 'ru');
    expect(r.text).toBe('Л. А. Андропова изменила сведения участника № 12');
    expect(r.changes).toEqual([{ label: 'персональные данные', kind: 'value', before: 'уничтожено', after: 'уничтожено' }]);
    expect(describeEvent(updated, none, 'en').changes).toEqual([{ label: 'personal data', kind: 'value', before: 'destroyed', after: 'destroyed' }]);
  });

  it('shows a hidden value of a text field as hidden, not as a diff', () => {
    const e = ev('bank.entry_updated', { entityType: 'person', entityId: 'pe1', before: { bank: 'mentee', forms: [], capacity: null, pd: { $pd: 'hidden' } }, after: { bank: 'mentee', forms: [], capacity: null, pd: { $pd: 'hidden' } } }, { cardId: null, boardId: null });
    expect(describeEvent(e, none, 'ru').changes).toEqual([{ label: 'персональные данные', kind: 'value', before: 'скрыто', after: 'скрыто' }]);
  });
});

describe('describeEvent: anything else', () => {
  it('words an unknown type generically, naming it and what it concerns', () => {
    const r = describeEvent(ev('widget.spun', { before: { speed: 1 }, after: { speed: 2 } }), NAMES, 'ru');
    expect(r.text).toBe('Л. А. Андропова: событие «widget.spun» (карточка «Разработка положения»)');
    expect(r.changes).toEqual([{ label: 'speed', kind: 'value', before: '1', after: '2' }]);
    expect(describeEvent(ev('widget.spun', { before: 1, after: 2 }, { cardId: null }), NAMES, 'en')).toMatchObject({
      text: 'Л. А. Андропова: event “widget.spun” (board “Дорожная карта 2024”)',
      changes: [{ label: 'value', kind: 'value', before: '1', after: '2' }],
    });
    expect(describeEvent(ev('toString', {}, { cardId: null, boardId: null }), NAMES, 'ru').text).toBe('Л. А. Андропова: событие «toString»');
  });

  it('words a person’s event the destruction act knows by name, and names the person only when it may', () => {
    const left = ev('person.left', { entityType: 'person', entityId: 'pe1' }, { cardId: null, boardId: null });
    expect(describeEvent(left, NAMES, 'ru').text).toBe('Л. А. Андропова: Выбыл из программы наставничества (Петрова А. С.)');
    expect(describeEvent(left, emptyNames(), 'ru').text).toBe('Л. А. Андропова: Выбыл из программы наставничества (участник)');
    expect(describeEvent(left, NAMES, 'en').text).toBe('Л. А. Андропова: Left the mentoring programme (Петрова А. С.)');
  });

  it('survives malformed rows (a bad peer’s values) with a plain sentence', () => {
    const bad: HistoryEvent[] = [
      ev('card.updated', { field: 'deadline', before: 7, after: [1, { a: null }] }),
      ev('card.moved', { before: 'x', after: null }),
      ev('card.created', { after: 'nonsense' }),
      ev('comment.added', { after: 42 }),
      ev('pair.created', { entityType: 'pair', after: { menteeIds: 'x', number: {} } }),
      { ...ev('card.moved', {}), data: undefined as never },
      { ...ev('meeting.recorded', { entityType: 'meeting', after: { stage: 'x', kind: 5 } }), actor: undefined as never },
    ];
    for (const e of bad) {
      const r = describeEvent(e, NAMES, 'ru');
      expect(r.text.length).toBeGreaterThan(5);
      expect(r.text).not.toMatch(/undefined|\[object/);
    }
  });

  it('links to the board and card', () => {
    const of = (name: string) => describeEvent(EVERY_TYPE.find(([n]) => n === name)![1], NAMES, 'ru').link;
    expect(of('card.moved')).toEqual({ boardId: 'b1', cardId: 'k1' });
    expect(of('column.created')).toEqual({ boardId: 'b1' });
    expect(of('pair.created')).toEqual({ boardId: 'b2', cardId: 'p5' });
    expect(of('person.created')).toBeUndefined();
  });

  it('names a pairs board’s columns by their stages when the names lack them', () => {
    const created = ev('card.created', { entityId: 'p7', after: { columnId: 'intro', order: 'a0', title: 'Пара № 7', description: '', pairId: 'p7' } }, { cardId: 'p7', boardId: 'b2' });
    expect(describeEvent(created, emptyNames(), 'ru').text).toBe('Л. А. Андропова добавила карточку «Пара № 7» в «Встреча-знакомство»');
    expect(describeEvent(created, emptyNames(), 'en').text).toBe('Л. А. Андропова added the card “Пара № 7” to “Introductory meeting”');
  });

  it('marks the names it mentions so the UI can link them', () => {
    const r = describeEvent(EVERY_TYPE.find(([n]) => n === 'card.moved')![1], NAMES, 'ru');
    expect(r.parts.filter((p) => p.ref).map((p) => p.ref)).toEqual([
      { kind: 'actor', id: ANDROPOVA.id },
      { kind: 'card', id: 'k1' },
      { kind: 'column', id: 'c1' },
      { kind: 'column', id: 'c2' },
    ]);
  });
});

/** The event as a reader who may not see personal data gets it. */
function stripPd(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'pd' ? { $pd: 'hidden' } : x]));
}
