import {
  BLANK,
  BLANK_DATE,
  BLANK_LONG,
  type Block,
  empty,
  orBlank,
  para,
  present,
  ruDate,
  signatureHint,
  signatureLine,
  title,
  type CellText,
  pack,
  table,
} from '../../people/documents/common';
import type { OrderPair, PairsOrderInput } from './types';

/*
 * «Приказ о закреплении наставнических пар (групп)» (DOMAIN.md, "Pairs"): the organisation,
 * the order's number and date (blank lines to fill in when not yet given), the preamble, the
 * table of pairs (№ | наставник (ФИО, должность) | наставляемые (ФИО, класс / должность) |
 * форма | срок; a group is one row listing its mentees one per line), the mentors' duties,
 * the curator's control, the participants' written consent, the head's signature and the
 * participants' acknowledgement.
 */

export const ORDER_TITLE = 'Приказ о закреплении наставнических пар (групп)';
export const ORDER_SUBJECT = 'О закреплении наставнических пар (групп)';
export const ORDER_HEADERS = [
  '№ п/п',
  'Наставник (ФИО, должность)',
  'Наставляемые (ФИО, класс / должность)',
  'Форма наставничества',
  'Срок наставничества',
] as const;

/** «ФИО, должность», a blank line for an unknown name; the position only when known. */
function person(name: string | null, position: string | null): string {
  const p = present(position);
  return p ? `${orBlank(name, BLANK_LONG)}, ${p}` : orBlank(name, BLANK_LONG);
}

/** «01.09.2025 – 31.05.2026»; an open end is a blank line. */
export function termText(from: string, to: string | null): string {
  return `${ruDate(from) ?? BLANK} – ${ruDate(to) ?? BLANK}`;
}

/** The text ending a sentence: a full stop unless it ends with one already («Петрова А. С.»). */
const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The table's row for one pair or group. */
export function orderRow(p: OrderPair): CellText[] {
  const mentees = p.mentees.length > 0 ? p.mentees : [{ name: null, classOrPosition: null }];
  const group = mentees.length >= 2;
  const role = present(p.roleModel);
  return [
    group ? [String(p.number), '(группа)'] : String(p.number),
    person(p.mentor.name, p.mentor.position),
    group ? mentees.map((m, i) => `${i + 1}) ${person(m.name, m.classOrPosition)}`) : person(mentees[0].name, mentees[0].classOrPosition),
    role ? [orBlank(p.form), `(${role})`] : orBlank(p.form),
    termText(p.from, p.to),
  ];
}

/** Everyone who signs the acknowledgement: each mentor once, then each mentee once, in the table's order, then the curator. */
function acquainted(pairs: OrderPair[], curator: string | null): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (name: string | null) => {
    const n = present(name)?.trim();
    if (!n || seen.has(n)) return;
    seen.add(n);
    out.push(n);
  };
  for (const p of pairs) add(p.mentor.name);
  for (const p of pairs) for (const m of p.mentees) add(m.name);
  add(curator);
  return out;
}

export async function pairsOrderDocx(input: PairsOrderInput): Promise<Uint8Array> {
  const org = orBlank(input.orgName, BLANK_LONG);
  const date = ruDate(input.date) ?? BLANK_DATE;
  const number = orBlank(input.number);
  const curator = present(input.curatorName);
  const groups = input.pairs.filter((p) => p.mentees.length >= 2).length;

  const blocks: Block[] = [
    para(org, { center: true, bold: true }),
    empty(),
    title('ПРИКАЗ'),
    para(`от ${date}    № ${number}`, { center: true }),
    empty(),
    para(ORDER_SUBJECT, { bold: true, center: true }),
    empty(),
    para(
      'В соответствии с Положением о наставничестве, методологией (целевой моделью) наставничества, утверждённой ' +
        'распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145, на основании письменного согласия ' +
        'участников программы наставничества (родителей (законных представителей) несовершеннолетних участников)',
      { justify: true, indent: true },
    ),
    para('ПРИКАЗЫВАЮ:', { bold: true, spaceBefore: 160 }),
    para(
      `1. Закрепить наставнические пары (группы) в следующем составе (пар (групп): ${input.pairs.length}` +
        (groups > 0 ? `, из них групп: ${groups}` : '') +
        '):',
      { justify: true, indent: true, keepNext: true },
    ),
    table([...ORDER_HEADERS], input.pairs.map(orderRow), [1, 5, 6, 4, 3], 'наставнические пары (группы) не указаны'),
    para(
      '2. Наставникам организовать работу с наставляемыми в соответствии с Положением о наставничестве: провести ' +
        'встречу-знакомство, пробную рабочую встречу и встречу-планирование, составить индивидуальный план развития ' +
        'наставляемого (план работы группы), проводить регулярные встречи, по окончании срока наставничества провести ' +
        'итоговую встречу.',
      { justify: true, indent: true, spaceBefore: 160 },
    ),
    para(
      '3. Контроль за работой наставнических пар (групп) — за проведением встреч и их учётом в журналах наставников, ' +
        'за выполнением индивидуальных планов, за проведением мониторинга программы наставничества — возложить на ' +
        `куратора программы наставничества. Ответственный: куратор программы наставничества ${sentence(curator ?? BLANK_LONG)}`,
      { justify: true, indent: true },
    ),
    para(
      '4. Письменное согласие участников наставнических пар (групп) на участие в программе наставничества и на обработку ' +
        'персональных данных (для несовершеннолетних — согласие родителей (законных представителей)), а также согласие ' +
        'наставников на выполнение обязанностей наставника (ст. 351.8 Трудового кодекса Российской Федерации) получено ' +
        'и хранится у куратора программы наставничества.',
      { justify: true, indent: true },
    ),
    para('5. Контроль за исполнением настоящего приказа оставляю за собой.', { justify: true, indent: true }),
    signatureLine(present(input.headPosition) ?? 'Руководитель', present(input.headName)),
    signatureHint(),
    para('С приказом ознакомлены:', { spaceBefore: 240, keepNext: true }),
    table(
      ['ФИО', 'Подпись', 'Дата'],
      acquainted(input.pairs, curator).map((n) => [n, BLANK, BLANK]),
      [6, 3, 3],
      'участники не указаны',
    ),
  ];
  return pack(present(input.number) ? `${ORDER_TITLE} № ${input.number}` : ORDER_TITLE, blocks);
}
