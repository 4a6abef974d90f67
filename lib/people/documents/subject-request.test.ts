import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlSafe } from './common';
import { docxProblems, docxText } from './docx-text';
import { subjectRequestAnswerDocx } from './subject-request';
import type { SubjectRequestAnswerInput } from './types';

const input: SubjectRequestAnswerInput = {
  operator: { name: 'МБОУ «СОШ № 5»', address: '430000, г. Саранск, ул. Ленина, д. 1', inn: '1326000000' },
  answerNumber: 'О-9',
  request: { receivedOn: '2025-10-01', requesterName: 'Иванова Мария Петровна', requesterAddress: 'г. Саранск, ул. Мира, д. 3', ref: '41' },
  subjectName: 'Иванов Иван Иванович',
  fields: [
    { label: 'Фамилия, имя, отчество', value: 'Иванов Иван Иванович' },
    { label: 'Дата рождения', value: '04.03.2011' },
    { label: 'Класс', value: '8 «Б» класс' },
    { label: 'Телефон', value: null },
    { label: 'Запросы', value: '' },
  ],
  enteredOn: '2025-02-02',
  consents: [
    { purpose: 'pd_processing', signer: 'guardian', signerName: 'Иванова Мария Петровна', guardianRelation: 'мать', signedOn: '2025-02-01', validUntil: null, withdrawnOn: null, documentRef: 'С-15', textVersion: '2025-01' },
    { purpose: 'publication', signer: 'guardian', signerName: 'Иванова Мария Петровна', guardianRelation: 'мать', signedOn: '2025-02-01', validUntil: '2026-05-31', withdrawnOn: '2025-06-10', documentRef: 'С-16', textVersion: '2025-01' },
  ],
  access: [
    { at: '2025-03-01T10:00:00Z', actorName: 'Петрова Анна Сергеевна', role: 'curator', view: 'карточка участника' },
    { at: '2025-04-15T06:30:00Z', actorName: 'Смирнов Олег', role: 'head', view: 'банк наставляемых' },
    { at: '2025-05-01T06:30:00Z', actorName: 'Орлова Е.', role: 'методист', view: null },
  ],
  processors: [],
  responsible: { fullName: 'Петрова Анна Сергеевна', position: 'Заместитель директора, ответственный за обработку персональных данных' },
  today: '2025-10-06',
};

const text = async (i: SubjectRequestAnswerInput) => docxText(await subjectRequestAnswerDocx(i));

describe('subjectRequestAnswerDocx', () => {
  it('opens as a DOCX', async () => {
    expect(docxProblems(await subjectRequestAnswerDocx(input))).toEqual([]);
  });

  it('answers what ст. 14 asks: what, why, since when, how, how long, who saw it, the rights, the operator', async () => {
    const t = await text(input);
    expect(t).toContain('Ответ на запрос субъекта персональных данных');
    expect(t).toContain('№ О-9 от 06.10.2025');
    expect(t).toContain('Кому: Иванова Мария Петровна');
    expect(t).toContain('На Ваш запрос от 01.10.2025 (вх. № 41) в соответствии со статьёй 14');
    expect(t).toContain('Оператор обрабатывает персональные данные субъекта персональных данных Иванов Иван Иванович.');
    // the data held, with current values; nothing held → said so
    expect(t).toContain('Фамилия, имя, отчество\nИванов Иван Иванович\nДата рождения\n04.03.2011\nКласс\n8 «Б» класс\nТелефон\nне обрабатывается\nЗапросы\nне обрабатывается');
    expect(t).toContain('Обработка осуществляется с: 02.02.2025');
    expect(t).toContain('Источник получения: от субъекта персональных данных');
    // legal basis and purposes
    expect(t).toContain('согласие субъекта персональных данных (п. 1 ч. 1 ст. 6 Федерального закона № 152-ФЗ) № С-15 от 01.02.2025 — цель: участие субъекта');
    expect(t).toContain('№ С-16 от 01.02.2025, отозвано 10.06.2025');
    // methods and terms
    expect(t).toMatch(/Способы обработки: .*автоматизированная/);
    expect(t).toContain('№ С-15 от 01.02.2025: до окончания участия');
    // the consents' table
    expect(t).toContain(
      'обработка персональных данных\nзаконный представитель (мать): Иванова Мария Петровна\n01.02.2025\nдо окончания участия и 3 лет после\n—\n№ С-15, редакция 2025-01',
    );
    expect(t).toContain('распространение (ст. 10.1)\nзаконный представитель (мать): Иванова Мария Петровна\n01.02.2025\n31.05.2026\n10.06.2025\n№ С-16, редакция 2025-01');
    // who has had access, in Moscow time, roles in Russian
    expect(t).toContain('Дата и время (московское время)\nКто\nРоль\nПросмотр');
    expect(t).toContain('01.03.2025 13:00\nПетрова Анна Сергеевна\nкуратор\nкарточка участника');
    expect(t).toContain('15.04.2025 09:30\nСмирнов Олег\nруководитель\nбанк наставляемых');
    expect(t).toContain('01.05.2025 09:30\nОрлова Е.\nметодист\n');
    // processors and transfers
    expect(t).toContain('Лицо, осуществляющее обработку по поручению оператора: не поручается');
    expect(t).toContain('трансграничная передача не осуществлялись');
    // rights
    for (const r of ['(ст. 14)', 'ч. 1 ст. 14, ст. 21', 'отозвать согласие', 'ст. 17']) expect(t).toContain(r);
    // the operator and the signature
    expect(t).toContain('ИНН: 1326000000');
    expect(t).toContain('Заместитель директора, ответственный за обработку персональных данных ____________ / Петрова Анна Сергеевна /');
  });

  it('prints blanks and plain words, never null, when little is known', async () => {
    const t = await text({
      ...input,
      answerNumber: null,
      operator: { name: 'Школа' },
      request: { receivedOn: null, requesterName: null },
      fields: [],
      enteredOn: null,
      consents: [],
      access: [],
      processors: undefined,
      responsible: { fullName: null, position: null },
    });
    expect(t).not.toMatch(/null|undefined|NaN|Invalid/);
    expect(t).toContain('№ ____________ от 06.10.2025');
    expect(t).toContain('На Ваш запрос от «___» ____________ 20___ г. в соответствии');
    expect(t).toContain('Обработка осуществляется с: ____________');
    expect(t).toContain('согласие субъекта персональных данных не зарегистрировано');
    expect(t).toContain('согласий нет');
    expect(t).toContain('доступа к персональным данным не было');
    expect(t).toMatch(/Лицо, осуществляющее обработку по поручению оператора: _+/);
    expect(t).toMatch(/Ответственный за организацию обработки персональных данных ____________ \/ _+ \//);
  });

  it('builds with arbitrary names and values and prints them verbatim', async () => {
    const s = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(s, s, s, async (subject, value, actor) => {
        const buf = await subjectRequestAnswerDocx({
          ...input,
          subjectName: subject,
          fields: [{ label: 'ФИО', value }],
          access: [{ at: '2025-01-01T00:00:00Z', actorName: actor, role: 'curator', view: '<&>' }],
        });
        expect(docxProblems(buf)).toEqual([]);
        const t = docxText(buf);
        expect(t).toContain('<&>');
        for (const v of [subject, value, actor]) if (xmlSafe(v).trim() !== '') expect(t).toContain(xmlSafe(v));
      }),
      { numRuns: 30 },
    );
  });
});
