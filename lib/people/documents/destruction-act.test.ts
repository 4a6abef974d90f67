import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlSafe } from './common';
import { DEFAULT_METHOD, DEFAULT_SYSTEM, destructionActDocx, reasonText } from './destruction-act';
import { docxProblems, docxText } from './docx-text';
import { describePersonEvent, KNOWN_PERSON_EVENTS } from './events';
import type { DestructionActInput } from './types';

const input: DestructionActInput = {
  operator: { name: 'МБОУ «СОШ № 5»', address: '430000, г. Саранск, ул. Ленина, д. 1' },
  actNumber: 'А-3',
  subjectLabel: 'Участник №12',
  personId: '5f0c2d1e-0000-4000-8000-000000000012',
  destroyedBy: [
    { fullName: 'Петрова Анна Сергеевна', position: 'куратор программы наставничества' },
    { fullName: 'Кузнецов Олег Викторович', position: null },
  ],
  reason: { kind: 'withdrawal', withdrawnOn: '2025-09-01' },
  destroyedOn: '2025-09-20',
  events: [
    { at: '2025-09-20T09:05:00Z', actor: 'Петрова А. С.', type: 'person.erased' },
    { at: '2025-02-01T21:30:00Z', actor: 'Петрова А. С.', type: 'person.created', bank: 'mentee' },
    { at: '2025-09-01T07:00:00+03:00', actor: 'Петрова А. С.', type: 'consent.withdrawn', note: 'заявление вх. № 41' },
    { at: '2025-02-02T10:00:00Z', actor: 'Кузнецов О. В.', type: 'consent.recorded' },
  ],
  today: '2025-09-20',
};

const text = async (i: DestructionActInput) => docxText(await destructionActDocx(i));

describe('destructionActDocx', () => {
  it('opens as a DOCX', async () => {
    expect(docxProblems(await destructionActDocx(input))).toEqual([]);
  });

  it('names everything приказ РКН № 179 asks of the act', async () => {
    const t = await text(input);
    expect(t.split('\n')[0]).toBe('Акт об уничтожении персональных данных');
    expect(t).toContain('№ А-3');
    expect(t).toContain('приказом Федеральной службы по надзору в сфере связи, информационных технологий и массовых коммуникаций от 28.10.2022 № 179');
    expect(t).toContain('Наименование: МБОУ «СОШ № 5»');
    expect(t).toContain('Адрес: 430000, г. Саранск, ул. Ленина, д. 1');
    expect(t).toContain('по поручению оператора');
    expect(t).toContain('Участник №12 (идентификатор записи в информационной системе: 5f0c2d1e-0000-4000-8000-000000000012)');
    expect(t).toContain('Перечень категорий уничтоженных персональных данных');
    expect(t).toContain('фамилия, имя, отчество');
    expect(t).toContain(DEFAULT_SYSTEM);
    expect(t).toContain('информационная система «Тропа», база данных PostgreSQL');
    expect(t).toContain(DEFAULT_METHOD);
    expect(t).toContain('отзыв субъектом персональных данных (его законным представителем) согласия на обработку персональных данных 01.09.2025');
    expect(t).toMatch(/Дата уничтожения\n20\.09\.2025/);
    // who destroyed it: names, positions, a signature column
    expect(t).toMatch(/Фамилия, имя, отчество\nДолжность\nПодпись\nПетрова Анна Сергеевна\nкуратор программы наставничества\n_+\nКузнецов Олег Викторович\n_+\n_+/);
    expect(t).toContain('хранятся в течение 3 (трёх) лет');
  });

  it('attaches the extract of the event log, oldest first, in Moscow time and in words', async () => {
    const t = await text(input);
    const extract = t.slice(t.indexOf('Приложение к акту'));
    expect(extract).toContain('Выгрузка из журнала регистрации событий в информационной системе персональных данных');
    expect(extract).toContain('Субъект персональных данных: Участник №12');
    expect(extract).toContain('Причина уничтожения: отзыв субъектом');
    expect(extract).toContain('Дата уничтожения: 20.09.2025');
    expect(extract).toContain(`Информационная система персональных данных: ${DEFAULT_SYSTEM}`);
    expect(extract).toContain('Дата и время (московское время)');
    const rows = [
      ['1', '02.02.2025 00:30', 'Петрова А. С.', 'Внесён в банк наставляемых', ''],
      ['2', '02.02.2025 13:00', 'Кузнецов О. В.', 'Согласие зарегистрировано', ''],
      ['3', '01.09.2025 07:00', 'Петрова А. С.', 'Согласие отозвано', 'заявление вх. № 41'],
      ['4', '20.09.2025 12:05', 'Петрова А. С.', 'Персональные данные уничтожены', ''],
    ];
    expect(extract).toContain(rows.map((r) => r.join('\n')).join('\n'));
  });

  it('prints the times in another zone when asked', async () => {
    const t = await text({ ...input, timeZone: 'Asia/Yekaterinburg' });
    expect(t).toContain('Дата и время (Asia/Yekaterinburg)');
    expect(t).toContain('02.02.2025 02:30');
  });

  it('prints blanks, never null, when the number, the processors or the destroyers are unknown', async () => {
    const t = await text({ ...input, actNumber: null, operator: { name: 'Школа', address: null }, destroyedBy: [], events: [], reason: { kind: 'withdrawal', withdrawnOn: null } });
    expect(t).not.toMatch(/null|undefined|NaN|Invalid/);
    expect(t).toContain('№ ____________');
    expect(t).toMatch(/Адрес: _+/);
    expect(t).toMatch(/Подпись\n_+\n_+\n_+/);
    expect(t).toContain('согласия на обработку персональных данных ____________');
    expect(t).toContain('событий нет');
  });

  it('words each reason', () => {
    expect(reasonText({ kind: 'term_expired', validUntil: '2025-08-31' })).toBe('истечение срока действия согласия на обработку персональных данных (до 31.08.2025)');
    expect(reasonText({ kind: 'term_expired', validUntil: null })).toBe('истечение срока действия согласия на обработку персональных данных');
    expect(reasonText({ kind: 'curator_request', requestedBy: 'Петрова А. С.' })).toContain('по представлению куратора программы наставничества (Петрова А. С.)');
    expect(reasonText({ kind: 'other', text: '' })).toMatch(/^_+$/);
  });

  it('builds with arbitrary actor names and notes and prints them verbatim', async () => {
    const s = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(s, s, fc.constantFrom('<b>&amp;', '"😀"', "O'Brien & Co"), async (actor, note, label) => {
        const buf = await destructionActDocx({ ...input, subjectLabel: label, events: [{ at: '2025-01-01T00:00:00Z', actor, type: 'pd.viewed', note }] });
        expect(docxProblems(buf)).toEqual([]);
        const t = docxText(buf);
        expect(t).toContain(label);
        for (const v of [actor, note]) if (xmlSafe(v).trim() !== '') expect(t).toContain(xmlSafe(v));
      }),
      { numRuns: 30 },
    );
  });
});

describe('describePersonEvent', () => {
  it('words the known events in Russian and English', () => {
    expect(describePersonEvent('consent.withdrawn')).toBe('Согласие отозвано');
    expect(describePersonEvent('person.erased', 'ru')).toBe('Персональные данные уничтожены');
    expect(describePersonEvent('person.created', 'ru', { bank: 'mentee' })).toBe('Внесён в банк наставляемых');
    expect(describePersonEvent('person.created', 'ru', { bank: 'mentor' })).toBe('Внесён в банк наставников');
    expect(describePersonEvent('person.created', 'en', { bank: 'mentor' })).toBe('Entered into the mentor bank');
    expect(describePersonEvent('pd.viewed', 'en')).toBe('Personal data viewed');
    for (const type of KNOWN_PERSON_EVENTS) {
      expect(describePersonEvent(type, 'ru')).toMatch(/[А-Яа-яЁё]/);
      expect(describePersonEvent(type, 'en')).toMatch(/^[A-Z]/);
      expect(describePersonEvent(type, 'ru')).not.toContain(type);
    }
  });

  it('falls back to a phrase naming the type, never to nothing', () => {
    expect(describePersonEvent('survey.answered')).toBe('Событие «survey.answered»');
    expect(describePersonEvent('survey.answered', 'en')).toBe('Event “survey.answered”');
    expect(describePersonEvent('')).toBe('Событие «—»');
    // not fooled by the prototype of a plain object
    expect(describePersonEvent('toString')).toBe('Событие «toString»');
    expect(describePersonEvent('constructor', 'en')).toBe('Event “constructor”');
  });
});
