import { AlignmentType, ImageRun, Paragraph } from 'docx';
import { BLANK_LONG, TEXT_W, empty, field, heading, item, pack, para, ruDate, ruDateTime, table, title, type Block, type CellText } from '../../people/documents/common';
import type { ChildReport, Figure, OrgReport, SatisfactionSetting } from '../types';
import { pngSize } from './png-size';
import { childStatus, day, signedLine } from './signoff';

export { UNSIGNED_LINE, childStatus, signedLine } from './signoff';
import { statusRule } from '../status';
import { CATEGORY_LABELS, FIGURE_LABELS, NO_DATA, ORG_KIND_LABELS, STATUS_LABELS, VERDICT_LABELS, roundLabel, ruNumber, withUnit } from './labels';

/*
 * «Аналитическая справка по итогам мониторинга реализации программы наставничества» (issue 16,
 * item 7). There is no official template (DOMAIN.md, "Monitoring"); this one follows what
 * schools send upward: participants by form, stage 1 (the process: meetings, satisfaction
 * with the formula used), stage 2 (growth of participants, where measured), indicators
 * against targets with the charts, roadmap execution, conclusions and recommendations; a
 * municipality's or region's справка adds a table of its organisations. Same look as the
 * other documents (lib/people/documents/common: A4, Times New Roman 12). Every figure without
 * a value prints «нет данных»; nothing is divided here — the numbers come from the report.
 */

export const REPORT_TITLE = 'Аналитическая справка по итогам мониторинга реализации программы наставничества';
export const NO_GROWTH_TEXT =
  'Замеры роста участников (входная и итоговая диагностика мотивации, гибких навыков, вовлечённости, успеваемости) за период в системе не зафиксированы: данных для сравнения нет.';
export const CONCLUSIONS_PLACEHOLDER = 'Выводы и рекомендации не внесены (заполняется куратором программы):';

export type ReportDocxOptions = { charts?: { targets?: Buffer | Uint8Array; trends?: Buffer | Uint8Array } };

const figureValue = (f: Figure | undefined): string => (!f ? NO_DATA : f.kind === 'percent' ? withUnit(f.value, '%') : ruNumber(f.value));

/** «96 из 120 (80 %)» for a figure with a denominator; its value alone otherwise. */
function ofExpected(f: Figure): string {
  if (f.value === null) return NO_DATA;
  if (f.denominator === undefined || f.denominator === null) return `${ruNumber(f.value)} (ожидаемое число: ${NO_DATA})`;
  const share = f.denominator === 0 ? NO_DATA : `${ruNumber(Math.round(((f.numerator ?? f.value) / f.denominator) * 1000) / 10)} %`;
  return `${ruNumber(f.value)} из ${ruNumber(f.denominator)} ожидаемых (${share})`;
}

export function satisfactionFormulaText(s: SatisfactionSetting): string {
  return s.formula === 'mean'
    ? 'среднее всех оценок по шкале 1–10 ÷ 10 × 100 %'
    : `доля ответивших, чья средняя оценка не ниже ${ruNumber(s.threshold)} из 10`;
}

function chartBlocks(png: Buffer | Uint8Array | undefined, n: number, caption: string): Block[] {
  if (!png || png.length === 0) return [];
  const size = pngSize(png);
  const maxW = Math.floor((TEXT_W / 1440) * 96); // the text width in pixels at 96 dpi
  const width = Math.min(maxW, size.width);
  const height = Math.round((size.height / size.width) * width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: `Рисунок ${n}`, title: caption, description: caption } })],
    }),
    para(`Рисунок ${n}. ${caption}`, { center: true, small: true, italics: true }),
  ];
}

function participants(r: OrgReport): Block[] {
  const f = r.figures;
  const byForm = r.breakdown.byForm;
  const total = byForm.reduce((t, x) => ({ pairs: t.pairs + x.pairs, mentors: t.mentors + x.mentors, mentees: t.mentees + x.mentees }), { pairs: 0, mentors: 0, mentees: 0 });
  const categories = [...new Set(r.breakdown.byCategory.map((c) => c.category))];
  const people = (category: string, side: 'mentor' | 'mentee') => r.breakdown.byCategory.filter((c) => c.category === category && c.side === side).reduce((n, c) => n + c.people, 0);
  const c = r.contingent;
  return [
    heading('1. Участники программы наставничества'),
    para(
      `За период в программе участвовали ${figureValue(f.participants)} чел.: наставников — ${figureValue(f.mentors)}, наставляемых — ${figureValue(f.mentees)}; работали пар (групп) — ${figureValue(f.pairs)}.`,
      { justify: true, indent: true },
    ),
    para('Таблица 1. Участники по формам наставничества', { keepNext: true }),
    table(
      ['Форма наставничества', 'Пары (группы)', 'Наставники', 'Наставляемые'],
      byForm.length ? [...byForm.map((x): CellText[] => [x.form, String(x.pairs), String(x.mentors), String(x.mentees)]), ['Итого', String(total.pairs), String(total.mentors), String(total.mentees)]] : [],
      [6, 2, 2, 2],
      'пар за период нет',
    ),
    empty(),
    para('Таблица 2. Участники по категориям', { keepNext: true }),
    table(
      ['Категория', 'Наставники', 'Наставляемые'],
      categories.map((cat): CellText[] => [CATEGORY_LABELS[cat] ?? cat, String(people(cat, 'mentor')), String(people(cat, 'mentee'))]),
      [6, 3, 3],
      'участников за период нет',
    ),
    para(
      r.org.kind === 'organisation'
        ? `Контингент периода: обучающихся${c?.studentsBand ? ` (${c.studentsBand})` : ''} — ${ruNumber(c?.students)}, педагогов — ${ruNumber(c?.teachers)}, молодых специалистов — ${ruNumber(c?.youngSpecialists)}.`
        : // a municipality's or region's contingent is the sum of its organisations' (the denominators of the coverage figures)
          `Контингент периода (сумма по организациям, внёсшим его): обучающихся — ${ruNumber(r.figures.studentCoverage.denominator)}, молодых специалистов — ${ruNumber(r.figures.youngSpecialistCoverage.denominator)}.`,
      { justify: true, indent: true, spaceBefore: 120 },
    ),
  ];
}

/** A formula as a sentence: one full stop at its end. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function stageOne(r: OrgReport): Block[] {
  const f = r.figures;
  const formula = satisfactionFormulaText(r.satisfaction);
  return [
    heading('2. Этап 1. Качество процесса наставничества'),
    para(`Проведено встреч наставников и наставляемых: ${ofExpected(f.meetingsHeld)}. ${sentence(f.meetingsHeld.formula)}`, { justify: true, indent: true }),
    para(`Удовлетворённость наставляемых участием в программе: ${figureValue(f.menteeSatisfaction)} (${f.menteeSatisfaction.formula}).`, { justify: true, indent: true }),
    para(`Удовлетворённость наставников участием в программе: ${figureValue(f.mentorSatisfaction)} (${f.mentorSatisfaction.formula}).`, { justify: true, indent: true }),
    para(`Удовлетворённость считается по анкетам, поданным в периоде, по формуле: ${formula}.`, { small: true, italics: true, indent: true }),
    para(`Завершили программу пар: ${figureValue(f.pairsCompleted)}; прекратили работу досрочно: ${figureValue(f.pairsTerminated)}.`, { justify: true, indent: true }),
  ];
}

function stageTwo(r: OrgReport): Block[] {
  // OrgReport carries no entry/exit measurements yet: the справка says so plainly instead of guessing.
  return [heading('3. Этап 2. Результаты участников'), para(NO_GROWTH_TEXT, { justify: true, indent: true }), para(`Завершили программу пар за период: ${figureValue(r.figures.pairsCompleted)}.`, { indent: true })];
}

function indicators(r: OrgReport, opts: ReportDocxOptions): Block[] {
  const rows = r.indicators.map((i): CellText[] => [
    [i.title, ...(i.note ? [`примечание: ${i.note}`] : []), ...(i.conflict ? [`расхождение целей: ${i.conflict}`] : [])],
    withUnit(i.target, i.unit),
    withUnit(i.actual, i.unit),
    STATUS_LABELS[i.status],
  ]);
  const figureRows = (Object.keys(FIGURE_LABELS) as (keyof typeof FIGURE_LABELS)[]).map((k): CellText[] => [FIGURE_LABELS[k], figureValue(r.figures[k]), r.figures[k]?.formula ?? '']);
  const targets = chartBlocks(opts.charts?.targets, 1, 'Показатели эффективности: факт и цель, %');
  const trends = chartBlocks(opts.charts?.trends, targets.length ? 2 : 1, 'Динамика показателей по периодам мониторинга, %');
  return [
    heading('4. Показатели эффективности'),
    para(`Таблица 3. Показатели эффективности программы на ${roundLabel(r.round.key)}`, { keepNext: true }),
    table(['Показатель', 'Цель', 'Факт', 'Статус'], rows, [7, 2, 2, 3], 'показатели дорожной карты не заданы'),
    para(`Статус: ${statusRule()}`, { small: true, italics: true }),
    empty(),
    ...targets,
    ...trends,
    para('Таблица 4. Расчётные показатели мониторинга', { keepNext: true, spaceBefore: 120 }),
    table(['Показатель', 'Значение', 'Как посчитано'], figureRows, [5, 2, 7]),
  ];
}

function execution(r: OrgReport): Block[] {
  const e = r.execution;
  const onTime = r.figures.roadmapOnTime;
  const overdue = e.items.filter((i) => i.verdict === 'overdue');
  const late = e.items.filter((i) => i.verdict === 'late');
  const line = (i: (typeof e.items)[number]) => `${i.title} — срок ${ruDate(i.due) ?? 'не указан'}${i.doneAt ? `, выполнено ${day(i.doneAt)}` : ''}`;
  return [
    heading('5. Исполнение дорожной карты'),
    para(
      `Мероприятий со сроком до конца периода: ${e.due}; выполнено в срок: ${e.onTime} (${figureValue(onTime)}); выполнено с опозданием: ${e.late}; просрочено: ${e.overdue}; срок ещё не наступил: ${e.notDue}.`,
      { justify: true, indent: true },
    ),
    ...(overdue.length ? [para('Просроченные мероприятия:', { keepNext: true }), ...overdue.map((i) => item(`${line(i)} (${VERDICT_LABELS.overdue})`))] : e.overdue === 0 ? [para('Просроченных мероприятий нет.', { indent: true })] : []),
    ...(late.length ? [para('Выполнены с опозданием:', { keepNext: true }), ...late.map((i) => item(line(i)))] : []),
  ];
}

function conclusions(r: OrgReport): Block[] {
  const text = r.conclusions.trim();
  return [
    heading('6. Выводы и рекомендации'),
    ...(text ? text.split(/\n+/).map((l) => para(l.trim(), { justify: true, indent: true })) : [para(CONCLUSIONS_PLACEHOLDER, { italics: true }), para(BLANK_LONG), para(BLANK_LONG), para(BLANK_LONG)]),
  ];
}

function rollUp(r: OrgReport): Block[] {
  if (r.org.kind === 'organisation' && r.children.length === 0) return [];
  const f = (c: ChildReport, k: keyof ChildReport['figures']) => figureValue(c.figures[k]);
  return [
    heading('Приложение. Сведения по организациям'),
    para(
      `Организаций: ${r.children.length}; подписали отчёт: ${r.children.filter((c) => c.signed).length}; не представили данных: ${r.children.filter((c) => !c.reported).length}. Итоговые доли — суммы числителей и знаменателей организаций, не средние их процентов.`,
      { justify: true, indent: true },
    ),
    table(
      ['Организация', 'Отчёт', 'Участники', 'Пары', 'Удовл. наставляемых', 'Удовл. наставников', 'Дорожная карта в срок'],
      r.children.map((c): CellText[] => [c.name, childStatus(c), f(c, 'participants'), f(c, 'pairs'), f(c, 'menteeSatisfaction'), f(c, 'mentorSatisfaction'), f(c, 'roadmapOnTime')]),
      [5, 3, 2, 2, 2, 2, 2],
      'организаций нет',
    ),
  ];
}

/** The справка as DOCX bytes. Charts are PNGs (lib/reports/documents/chart-png.ts); without them the document has none. */
export async function analyticReportDocx(report: OrgReport, opts: ReportDocxOptions = {}): Promise<Buffer> {
  const r = report;
  const blocks: Block[] = [
    title(REPORT_TITLE),
    empty(),
    field(r.org.kind === 'organisation' ? 'Организация' : `Организация (${ORG_KIND_LABELS[r.org.kind]})`, r.org.name),
    field('Период мониторинга', `${roundLabel(r.round.key)}: с ${ruDate(r.round.from)} по ${ruDate(r.round.to)}`),
    field('Данные на', ruDateTime(r.asOf)),
    para(signedLine(r), { bold: !r.signed }),
    ...r.warnings.map((w) => para(`Внимание: ${w.message}`, { small: true, italics: true })),
    ...participants(r),
    ...stageOne(r),
    ...stageTwo(r),
    ...indicators(r, opts),
    ...execution(r),
    ...conclusions(r),
    ...rollUp(r),
  ];
  const bytes = await pack(REPORT_TITLE, blocks);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
