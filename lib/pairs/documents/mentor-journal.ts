import {
  BLANK_LONG,
  type Block,
  field,
  heading,
  orBlank,
  para,
  ruDate,
  signatureHint,
  signatureLine,
  title,
  type CellText,
  pack,
  table,
  TEXT_W_LANDSCAPE,
} from '../../people/documents/common';
import { feedbackLine, JOURNAL_TITLE, journalModel, type JournalPairModel, ruNumber, statusLine } from './journal-model';
import type { MentorJournalInput } from './types';

/*
 * «Журнал наставника» as DOCX, landscape A4: per mentor (every pair of the input) or per
 * pair. For each pair: its members, form, order, start, stage and status; the plan's goals
 * with whether each was reached; the meetings in date order (date, kind, format, summary,
 * agreed next steps, the mentor's rating, each mentee's rating and comment); the counts and
 * means. The mentor signs at the foot.
 */

export const MEETING_HEADERS = [
  '№',
  'Дата',
  'Вид встречи',
  'Формат',
  'Содержание встречи',
  'Договорённости (следующие шаги)',
  'Оценка наставника (1–10)',
  'Оценки и отзывы наставляемых (1–10)',
] as const;
export const GOAL_HEADERS = ['№', 'Цель (задача) плана', 'Результат'] as const;

const person = (name: string | null, detail: string | null) => (detail ? `${orBlank(name, BLANK_LONG)}, ${detail}` : orBlank(name, BLANK_LONG));

function meetingRow(m: JournalPairModel['meetings'][number]): CellText[] {
  const summary = [m.summary ?? '', ...(m.reason ? [`Причина пропуска этапа: ${m.reason}`] : [])].filter((s) => s !== '');
  return [
    String(m.n),
    m.date,
    m.kind,
    m.format,
    summary.length > 0 ? summary : '—',
    m.nextSteps ?? '—',
    m.mentorRating === null ? '—' : String(m.mentorRating),
    m.feedback.length > 0 ? m.feedback.map(feedbackLine) : '—',
  ];
}

function pairBlocks(p: JournalPairModel, index: number): Block[] {
  const ended = p.endReason ? `${statusLine(p)}. Причина: ${p.endReason}` : statusLine(p);
  const means = [
    `Проведено встреч: ${p.meetings.length}`,
    ...(p.lastMeetingOn ? [`последняя: ${ruDate(p.lastMeetingOn)}`] : []),
    ...(p.mentorMean !== null ? [`средняя оценка наставника: ${ruNumber(p.mentorMean)}`] : []),
    ...(p.menteeMean !== null ? [`средняя оценка наставляемых: ${ruNumber(p.menteeMean)}`] : []),
  ];
  return [
    para(p.title, { bold: true, spaceBefore: index === 0 ? 240 : 360, keepNext: true }),
    field('Наставник', person(p.mentor, p.mentorPosition)),
    ...(p.mentees.length === 1
      ? [field('Наставляемый', person(p.mentees[0].name, p.mentees[0].classOrPosition))]
      : [
          para(`Наставляемые (${p.mentees.length}):`, { keepNext: true }),
          ...p.mentees.map((m, i) => para(`${i + 1}) ${person(m.name, m.classOrPosition)}`)),
        ]),
    field('Форма наставничества', p.roleModel ? `${orBlank(p.form)} (${p.roleModel})` : p.form),
    field('Приказ о закреплении', p.order ?? 'не издан'),
    field('Начало работы', ruDate(p.startedOn)),
    field('Этап', p.stage),
    field('Статус', ended),
    heading('План работы: цели'),
    table([...GOAL_HEADERS], p.goals.map((g) => [String(g.n), g.text, g.result]), [1, 12, 3], 'цели плана не поставлены', TEXT_W_LANDSCAPE),
    heading('Встречи'),
    table([...MEETING_HEADERS], p.meetings.map(meetingRow), [1, 3, 4, 3, 9, 8, 3, 8], 'встреч не проведено', TEXT_W_LANDSCAPE),
    para(`${means.join('; ')}.`, { spaceBefore: 120 }),
  ];
}

export async function mentorJournalDocx(input: MentorJournalInput): Promise<Uint8Array> {
  const j = journalModel(input);
  const blocks: Block[] = [
    title(JOURNAL_TITLE.toUpperCase()),
    para(orBlank(j.orgName, BLANK_LONG), { center: true }),
    field('Наставник', person(j.mentorName, j.mentorPosition)),
    field('Наставнических пар (групп)', j.pairs.length),
    field('Сформирован', ruDate(j.generatedOn)),
    ...(j.pairs.length > 0 ? j.pairs.flatMap(pairBlocks) : [para('Наставнических пар (групп) нет.', { italics: true, spaceBefore: 240 })]),
    signatureLine('Наставник', j.mentorName),
    signatureHint(),
    signatureLine('Куратор программы наставничества', null),
    signatureHint(),
  ];
  return pack(JOURNAL_TITLE, blocks, true);
}
