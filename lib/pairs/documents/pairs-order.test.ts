import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLANK, BLANK_DATE } from '../../people/documents/common';
import { docxProblems, docxText, docxXml } from '../../people/documents/docx-text';
import { ORDER_HEADERS, ORDER_TITLE, pairsOrderDocx, termText } from './pairs-order';
import type { PairsOrderInput } from './types';

const input: PairsOrderInput = {
  orgName: 'МБОУ «СОШ № 5»',
  number: '112-о',
  date: '2025-09-15',
  headName: 'Кузнецов Олег Викторович',
  curatorName: 'Петрова Анна Сергеевна',
  pairs: [
    {
      number: 1,
      mentor: { name: 'Смирнова Елена Павловна', position: 'учитель математики' },
      mentees: [{ name: 'Волков Илья Андреевич', classOrPosition: 'учитель математики, молодой специалист' }],
      form: 'учитель – учитель',
      roleModel: 'опытный педагог – молодой специалист',
      from: '2025-09-15',
      to: '2026-05-31',
    },
    {
      number: 2,
      mentor: { name: 'Орлова Дарья Игоревна', position: 'ученица 10 «А» класса' },
      mentees: [
        { name: 'Зайцев Максим', classOrPosition: '7 «Б» класс' },
        { name: 'Белова Софья', classOrPosition: '7 «Б» класс' },
        { name: 'Смирнова Елена Павловна', classOrPosition: null },
      ],
      form: 'ученик – ученик',
      from: '2025-09-20',
      to: null,
    },
  ],
};

const text = async (i: PairsOrderInput) => docxText(await pairsOrderDocx(i));
const lines = (...ls: string[]) => ls.join('\n');

describe('pairsOrderDocx', () => {
  it('opens as a DOCX titled as the order', async () => {
    const bytes = await pairsOrderDocx(input);
    expect(docxProblems(bytes)).toEqual([]);
    expect(docxXml(bytes)).toContain('<w:tbl>');
  });

  it('prints the organisation, the number and the date in Russian format, the subject and the preamble', async () => {
    const t = await text(input);
    const ls = t.split('\n');
    expect(ls[0]).toBe('МБОУ «СОШ № 5»');
    expect(t).toContain('ПРИКАЗ\n');
    expect(t).toContain('от 15.09.2025    № 112-о');
    expect(t).toContain('О закреплении наставнических пар (групп)');
    expect(t).toContain('В соответствии с Положением о наставничестве, методологией (целевой моделью) наставничества');
    expect(t).toContain('от 25.12.2019 № Р-145');
    expect(t).toContain('на основании письменного согласия участников');
    expect(t).toContain('ПРИКАЗЫВАЮ:\n1. Закрепить наставнические пары (группы) в следующем составе (пар (групп): 2, из них групп: 1):');
  });

  it('writes one table row per pair, a group listing its mentees one per line', async () => {
    const t = await text(input);
    expect(t).toContain(
      lines(
        ...ORDER_HEADERS,
        '1',
        'Смирнова Елена Павловна, учитель математики',
        'Волков Илья Андреевич, учитель математики, молодой специалист',
        'учитель – учитель',
        '(опытный педагог – молодой специалист)',
        '15.09.2025 – 31.05.2026',
        '2',
        '(группа)',
        'Орлова Дарья Игоревна, ученица 10 «А» класса',
        '1) Зайцев Максим, 7 «Б» класс',
        '2) Белова Софья, 7 «Б» класс',
        '3) Смирнова Елена Павловна',
        'ученик – ученик',
        `20.09.2025 – ${BLANK}`,
        '2. Наставникам',
      ),
    );
  });

  it('names the curator who controls, the written consent and the head who signs; everyone signs once for acquaintance', async () => {
    const t = await text(input);
    expect(t).toContain('2. Наставникам организовать работу с наставляемыми в соответствии с Положением о наставничестве: провести встречу-знакомство, пробную рабочую встречу и встречу-планирование');
    expect(t).toContain('3. Контроль за работой наставнических пар (групп) — за проведением встреч');
    expect(t).toContain('возложить на куратора программы наставничества. Ответственный: куратор программы наставничества Петрова Анна Сергеевна.\n');
    expect(t).toContain('4. Письменное согласие участников наставнических пар (групп)');
    expect(t).toContain('5. Контроль за исполнением настоящего приказа оставляю за собой.');
    expect(t).toContain(`Руководитель ${BLANK} / Кузнецов Олег Викторович /`);
    const ack = t.slice(t.indexOf('С приказом ознакомлены:'));
    const names = ['Смирнова Елена Павловна', 'Орлова Дарья Игоревна', 'Волков Илья Андреевич', 'Зайцев Максим', 'Белова Софья', 'Петрова Анна Сергеевна'];
    expect(ack).toContain(lines('ФИО', 'Подпись', 'Дата', ...names.flatMap((n) => [n, BLANK, BLANK])));
    // Смирнова is a mentor in one pair and listed as a mentee in another: she signs once
    expect(ack.split('Смирнова Елена Павловна').length - 1).toBe(1);
  });

  it('leaves blank lines to fill in when the number, date, head and curator are not given', async () => {
    const t = await text({ orgName: 'МБОУ «СОШ № 5»', pairs: input.pairs.slice(0, 1) });
    expect(t).toContain(`от ${BLANK_DATE}    № ${BLANK}`);
    expect(t).toContain('Ответственный: куратор программы наставничества ________________________________________.');
    expect(t).toContain(`Руководитель ${BLANK} / ________________________________________ /`);
    expect(t).toContain('(пар (групп): 1):');
    expect(t).not.toContain('из них групп');
  });

  it('prints hidden names as blank lines, and says so when there are no pairs', async () => {
    const t = await text({
      ...input,
      pairs: [{ number: 7, mentor: { name: null, position: null }, mentees: [], form: '', from: '2025-09-01', to: '2025-12-31' }],
    });
    expect(t).toContain(lines('7', '________________________________________', '________________________________________', BLANK, '01.09.2025 – 31.12.2025'));
    const empty = await text({ ...input, pairs: [] });
    expect(empty).toContain('наставнические пары (группы) не указаны');
  });

  it('puts the order number in the document title', async () => {
    const xml = new TextDecoder().decode((await import('fflate')).unzipSync(await pairsOrderDocx(input))['docProps/core.xml']);
    expect(xml).toContain(`${ORDER_TITLE} № 112-о`);
  });

  it('stays a valid DOCX whatever names are typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.string(), async (org, mentor, mentee) => {
        const bytes = await pairsOrderDocx({
          orgName: org,
          pairs: [{ number: 1, mentor: { name: mentor, position: null }, mentees: [{ name: mentee, classOrPosition: mentee }], form: mentee, from: '2025-01-01', to: null }],
        });
        expect(docxProblems(bytes)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('ends the curator’s sentence once after an initial', async () => {
    const t = await text({ ...input, curatorName: 'Петрова А. С.' });
    expect(t).toContain('Ответственный: куратор программы наставничества Петрова А. С.\n');
  });

  it('formats the term in Russian dates', () => {
    expect(termText('2025-09-01', '2026-05-31')).toBe('01.09.2025 – 31.05.2026');
    expect(termText('2025-09-01', null)).toBe(`01.09.2025 – ${BLANK}`);
  });
});
