/*
 * DocModel → ImportedRoadmap (the import's contract, lib/import/types.ts). Never throws for a
 * well-formed DocModel: what cannot be read becomes a warning in Russian.
 *
 * Which table becomes the board: KPI tables go to indicators; of the plan tables, the one with
 * a recognised header and the most rows used wins (a detailed plan beats a table of stages).
 * Other plan tables are skipped with a warning: merging two descriptions of the same stages
 * would show every task twice. A flat plan (no stages) is grouped into the standard stages
 * of the target model when its activities clearly belong to them, else into «Мероприятия».
 */
import { parseDeadline } from '../deadlines/parse';
import { cleanText } from './clean';
import { indicatorsFromText, indicatorsOfRows, yearlyTargets } from './indicators';
import { cellText, describeRoles, findHeader, guessRoles, looksLike, toRows, type Role, type Row } from './structure/columns';
import { findAcademicYear, findOrganisation, findPeriod, findTitle, LIST_START_RE } from './structure/meta';
import { cleanRows } from './structure/rows';
import { groupStandard } from './structure/standard';
import { buildPlan, normNumber, type DraftStage, type Plan } from './structure/stages';
import { activityCount, type DocBlock, type DocModel, type ImportedActivity, type ImportedIndicator, type ImportedRoadmap, type ImportedStage } from './types';

/** `lead`: the texts of rows above the header (a title row merged across the table). */
type Candidate = { plan: Plan; tier: number; index: number; warnings: string[]; rows: number; lead: string[] };

/** Tier 2: header recognised; 1: roles guessed from content; 0: first text column taken. */
function readPlanTable(tableRows: Row[], index: number, splitRows: boolean): Candidate | null {
  const rows = tableRows.filter((r) => r.cols.some((c) => cellText(c) !== ''));
  if (rows.length === 0) return null;
  const warnings: string[] = [];
  const header = findHeader(rows);
  let roles: (Role | null)[];
  let tier = 2;
  if (header) roles = header.roles;
  else {
    if (rows.length < 2) return null;
    roles = guessRoles(rows);
    tier = 1;
    warnings.push(`Заголовок таблицы ${index} не распознан: столбцы определены по содержимому (${describeRoles(roles)})`);
  }
  if (!roles.includes('activity') && !roles.includes('stage')) {
    const width = Math.max(...rows.map((r) => r.cols.length));
    const first = Array.from({ length: width }, (_, j) => j).find(
      (j) => roles[j] == null && rows.slice(header ? header.index + 1 : 0).some((r) => /\p{L}{3}/u.test(cellText(r.cols[j]))),
    );
    if (first === undefined) return null;
    roles = [...roles];
    while (roles.length <= first) roles.push(null);
    roles[first] = 'activity';
    tier = 0;
    warnings.push(`Столбцы таблицы ${index} не распознаны: мероприятиями считается столбец ${first + 1}`);
  }
  const numberCol = roles.indexOf('number');
  const body = rows.slice(header ? header.index + 1 : 0);
  const numbered = numberCol >= 0 && body.filter((r) => normNumber(r.cols[numberCol]?.join(' '))).length >= body.length / 2;
  const data = cleanRows(rows, header ? header.index : -1, { roles, numbered, splitRows });
  const headerTexts = header ? rows[header.index]!.cols.map((c) => cellText(c)) : [];
  const plan = buildPlan(data, roles, headerTexts);
  if (plan.stages.every((s) => s.activities.length === 0)) return null;
  if (tier < 2) noteGuessedColumns(plan, roles);
  const lead = header ? rows.slice(0, header.index).map((r) => r.cols.map((c) => cellText(c)).filter(Boolean).join(' ')).filter(Boolean) : [];
  return { plan, tier, index, warnings, rows: data.length, lead };
}

/**
 * Columns found by their content, not their header: a row whose value does not look like what
 * its column was taken for says so on the row (the table's warning names the columns).
 */
function noteGuessedColumns(plan: Plan, roles: (Role | null)[]): void {
  for (const s of plan.stages) {
    s.activities = s.activities.map((a) => {
      const odd: string[] = [];
      if (roles.includes('deadline') && a.fields.deadline !== '' && !looksLike('deadline', a.fields.deadline)) odd.push(`«${a.fields.deadline}» взято как срок`);
      const who = a.fields.responsible.join(', ');
      if (roles.includes('responsible') && who !== '' && !looksLike('responsible', who)) odd.push(`«${who}» взято как ответственные`);
      if (odd.length === 0) return a;
      return { ...a, warnings: [...(a.warnings ?? []), `столбцы определены по содержимому: ${odd.join(', ')} — проверьте`] };
    });
  }
}

/** A list item, or a line ending as one does (with «;»). */
const isListLine = (p: string) => LIST_START_RE.test(p) || /;\s*$/.test(p);

/** A document without tables: its list-like lines as a one-column plan. */
function planFromParagraphs(paragraphs: string[]): Plan | null {
  const lines = paragraphs.filter((p) => cleanText(p) !== '');
  const listLike = lines.filter(isListLine);
  if (listLike.length < 3 || listLike.length < lines.length / 3) return null;
  const rows: Row[] = listLike.map((p) => ({ cols: [[p]], continued: [false], spanning: false }));
  const plan = buildPlan(rows, ['activity']);
  return plan.stages.some((s) => s.activities.length > 0) ? plan : null;
}

/** The academic year in which the earliest dated deadline falls (August prepares the coming year). */
function inferAcademicYear(deadlines: string[]): number | null {
  const dates = deadlines
    .map((t) => parseDeadline(t, {}).deadline)
    .flatMap((d) => [d.start, d.end])
    .filter((d): d is string => d !== null)
    .sort();
  if (dates.length === 0) return null;
  const [y, m] = dates[0]!.split('-').map(Number);
  return m! >= 8 ? y! : y! - 1;
}

const paragraphsOf = (blocks: DocBlock[]) => blocks.filter((b): b is { kind: 'paragraph'; text: string } => b.kind === 'paragraph').map((b) => b.text);
const label = (a: { number: string | null; title: string }) => (a.number ? `Мероприятие ${a.number}` : `Мероприятие «${a.title.length > 60 ? `${a.title.slice(0, 59)}…` : a.title}»`);

function baseName(filename: string | undefined): string | null {
  if (!filename) return null;
  const name = filename.split(/[\\/]/).pop()!.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_]+/g, ' ').trim();
  return name === '' ? null : name;
}

/** The document's structure as a roadmap (see the module comment). */
export function structureRoadmap(doc: DocModel, opts: { filename?: string } = {}): ImportedRoadmap {
  const blocks: DocBlock[] = Array.isArray(doc?.blocks) ? doc.blocks : [];
  const warnings: string[] = [...(Array.isArray(doc?.warnings) ? doc.warnings : [])];
  const indicators: ImportedIndicator[] = [];
  const candidates: Candidate[] = [];
  let tableNo = 0;
  blocks.forEach((b, at) => {
    if (b.kind !== 'table') return;
    tableNo++;
    const rows = toRows(b);
    const kpi = indicatorsOfRows(rows);
    if (kpi) {
      indicators.push(...kpi);
      return;
    }
    const c = readPlanTable(rows, tableNo, doc.splitRows === true);
    if (c) candidates.push({ ...c, index: at });
  });

  candidates.sort((a, b) => b.tier - a.tier || b.plan.rowsUsed - a.plan.rowsUsed || a.index - b.index);
  const main = candidates[0] ?? null;
  let plan: Plan | null = main?.plan ?? null;
  if (main) {
    warnings.push(...main.warnings);
    for (const other of candidates.slice(1)) {
      const what = other.plan.stageTable ? `таблица этапов (${other.plan.stages.length} эт.)` : `таблица (${other.rows} строк)`;
      // Name what is left out, so nothing disappears unseen.
      const titles = other.plan.stages.flatMap((s) => s.activities.map((a) => a.title));
      const shown = titles.slice(0, 3).map((t) => `«${t.length > 50 ? `${t.slice(0, 49)}…` : t}»`).join(', ');
      const more = titles.length > 3 ? ` и ещё ${titles.length - 3}` : '';
      warnings.push(`Пропущена ${what}: на доску перенесён более подробный план мероприятий (${main.rows} строк); не перенесено мероприятий: ${titles.length} (${shown}${more})`);
    }
    for (const lost of main.plan.unplaced) warnings.push(`Строка таблицы не перенесена (в ней нет названия мероприятия): ${lost}`);
  }

  // The heading: paragraphs between the previous table and the plan, else the document's opening.
  const mainAt = main ? main.index : blocks.length;
  let prevTable = -1;
  for (let k = mainAt - 1; k >= 0; k--) if (blocks[k]!.kind === 'table') {
    prevTable = k;
    break;
  }
  const before = paragraphsOf(blocks.slice(prevTable + 1, mainAt));
  const firstTable = blocks.findIndex((b) => b.kind === 'table');
  const opening = paragraphsOf(firstTable < 0 ? blocks : blocks.slice(0, firstTable));
  const allBefore = paragraphsOf(blocks.slice(0, mainAt));
  const declared = doc.meta ?? null;
  const lead = main?.lead ?? [];
  const title = declared?.title ?? findTitle(before) ?? findTitle(opening) ?? findTitle(allBefore) ?? findTitle(lead) ?? baseName(opts.filename) ?? 'Дорожная карта';
  // The period is often not in the title: a line under it, the approval block, a title row inside
  // the table, or a passport table before the plan («Сроки реализации | 2021–2024 гг.»).
  const tablesBefore = blocks.slice(0, mainAt).flatMap((b) => (b.kind === 'table' ? toRows(b).map((r) => r.cols.map((c) => cellText(c)).join(' ')) : []));
  const period = declared ? declared.period : findPeriod([title, ...before, ...allBefore, ...lead, ...tablesBefore]);
  const namedYear = findAcademicYear([title, ...before, ...lead]);
  let academicYear = namedYear ?? (period ? +period.from : null);
  // «на 2022-2023 учебный год»: «постоянно», «в течение всего периода» run September to August.
  const academicPeriod = namedYear !== null && period !== null && +period.from === namedYear && +period.to === namedYear + 1;
  const organisation = declared ? declared.organisation : findOrganisation(allBefore.length > 0 ? allBefore : paragraphsOf(blocks));

  if (!plan) {
    const fromText = planFromParagraphs(paragraphsOf(blocks).filter((p) => !title.includes(cleanText(p))));
    if (fromText) {
      plan = fromText;
      warnings.push('Таблица не найдена: мероприятия взяты из списка в тексте документа');
    } else warnings.push('В документе не найдено таблицы плана мероприятий');
  }

  let drafts: DraftStage[] = plan?.stages ?? [];
  if (plan?.flat) {
    const grouped = groupStandard(drafts.flatMap((s) => s.activities));
    if (grouped) {
      drafts = grouped;
      warnings.push('Этапы не указаны в документе: мероприятия распределены по стандартным этапам целевой модели — проверьте распределение');
    } else if (activityCount({ stages: drafts }) > 0) warnings.push('Этапы не указаны в документе: все мероприятия собраны в этап «Мероприятия»');
  }

  let yearInferred = false;
  if (academicYear === null) {
    // No year in the heading (a pasted table, a CSV): the plan's own dated deadlines tell it.
    academicYear = inferAcademicYear(drafts.flatMap((d) => d.activities.map((a) => a.fields.deadline)));
    if (academicYear !== null) {
      yearInferred = true;
      warnings.push(`Учебный год не указан в документе: по датам плана принят ${academicYear}/${academicYear + 1} учебный год`);
    }
  }
  // Targets listed by year in a plan's cell («до конца 2021 г. – не менее 15 %; до конца 2022 г. – …»):
  // an indicator, named by the words before the list or else by the activity.
  const fromCells: ImportedIndicator[] = [];
  drafts = drafts.map((s) => ({
    ...s,
    activities: s.activities.map((a) => {
      const texts = [a.fields.result ?? '', [a.title, ...a.details].join('; ')];
      for (const text of texts) {
        const listed = yearlyTargets(text);
        if (!listed) continue;
        const title = listed.title || a.title;
        if (fromCells.some((i) => i.title.toLowerCase() === title.toLowerCase())) continue;
        fromCells.push({ title, unit: listed.unit, targets: listed.targets });
        return { ...a, warnings: [...(a.warnings ?? []), `значения по годам из ячейки перенесены в показатель «${title}» — проверьте`] };
      }
      return a;
    }),
  }));
  const ctx = { period, academicYear, academicPeriod };
  const stages: ImportedStage[] = drafts
    .map((s) => ({
      number: s.number,
      title: cleanText(s.title) || 'Мероприятия',
      activities: s.activities.map((a): ImportedActivity => {
        const { deadline, warning } = parseDeadline(a.fields.deadline, ctx);
        const own = [...(a.warnings ?? [])];
        if (warning && a.fields.deadline !== '') own.push(warning);
        // A date without a year, placed in the academic year taken from the plan's other dates.
        else if (yearInferred && !/(?:^|\D)20\d\d(?!\d)|\d{1,2}\.\d{1,2}\.\d{2}(?!\d)/.test(a.fields.deadline) && (deadline.start !== null || deadline.end !== null)) {
          own.push(`в сроке «${a.fields.deadline}» нет года: даты отнесены к ${academicYear}/${academicYear! + 1} учебному году по другим датам плана — проверьте`);
        }
        for (const w of own) warnings.push(`${label(a)}: ${w}`);
        const out: ImportedActivity = { number: a.number, title: a.title, details: a.details, result: a.fields.result, responsible: a.fields.responsible, deadline };
        if (own.length > 0) out.warnings = own;
        return out;
      }),
    }))
    .filter((s) => s.activities.length > 0);

  for (const i of fromCells) if (!indicators.some((k) => k.title.toLowerCase() === i.title.toLowerCase())) indicators.push(i);
  const textIndicators = indicatorsFromText(paragraphsOf(blocks));
  for (const i of textIndicators) if (!indicators.some((k) => k.title.toLowerCase() === i.title.toLowerCase())) indicators.push(i);

  return { title: cleanText(title), organisation, period, stages, indicators, warnings };
}
