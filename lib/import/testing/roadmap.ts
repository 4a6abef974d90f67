/*
 * Random roadmaps for the layout property (lib/import/testing/layouts.test.ts). Used only by
 * tests. A generated roadmap knows what the importer must read back from it: every deadline is
 * built from a piece of the deadline grammar whose meaning the generator states itself (start,
 * end, recurrence in a given context); only the `free` pieces, combinations whose meaning is
 * the parser's business, take their expectation from lib/deadlines.
 */
import fc from 'fast-check';
import type { Recurrence } from '../../board/ops';
import { STANDARD_STAGES } from '../../board/templates';
import { parseDeadline } from '../../deadlines/parse';

/** What the importer knows when it reads a deadline: the roadmap's period and academic year. */
export type DeadlineCtx = { period: { from: number; to: number } | null; ay: number | null };
export type ExpectedDeadline = { start: string | null; end: string | null; recurrence: Recurrence };
export type DeadlinePiece = { kind: string; text: string; expect: (ctx: DeadlineCtx) => ExpectedDeadline };

export type GenActivity = { title: string; deadline: DeadlinePiece; responsible: string[]; result: string | null };
/** `heading`: how the stage row writes the stage («Раздел 1. …», «I. …», the bare title…). */
export type StageStyle = 'plain' | 'numbered' | 'razdel' | 'etap' | 'ordinal' | 'roman';
/** How activities are numbered: «1.» (per stage), «1.1.» (stage.activity), «1)», none. */
export type NumberStyle = 'dot' | 'hier' | 'paren' | 'none';
export type GenStage = { title: string; activities: GenActivity[] };
export type GenIndicator = { title: string; unit: string; targets: Record<string, number> };
export type GenRoadmap = {
  /** The title line as written, period included («… на 2024–2026 годы»). */
  title: string;
  period: { from: number; to: number };
  stageStyle: StageStyle;
  numberStyle: NumberStyle;
  /** Where the numbers stand: a «№ п/п» column, or at the start of the activity's cell. */
  numberInCell: boolean;
  stages: GenStage[];
  indicators: GenIndicator[];
};

// ——— dates ———

const pad = (n: number) => String(n).padStart(2, '0');
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthStart = (y: number, m: number) => ymd(y, m, 1);
const monthEnd = (y: number, m: number) => ymd(y, m, daysIn(y, m));
const NONE = { start: null, end: null };
/** The period's span in calendar years. */
const periodSpan = (ctx: DeadlineCtx) => (ctx.period ? { start: ymd(ctx.period.from, 1, 1), end: ymd(ctx.period.to, 12, 31) } : NONE);
const academicSpan = (ay: number | null) => (ay === null ? NONE : { start: ymd(ay, 9, 1), end: ymd(ay + 1, 8, 31) });
/** A yearless month placed by the academic-year rule: September–December of `ay`, January–August of the next. */
const academicYearOf = (m: number, ay: number) => (m >= 9 ? ay : ay + 1);

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

// ——— deadline pieces ———

const once = (start: string | null, end: string | null): ExpectedDeadline => ({ start, end, recurrence: 'once' });

/** The pieces of the deadline grammar, each with its meaning; `years` are the years a dated piece may name. */
export function deadlineArb(years: { from: number; to: number }): fc.Arbitrary<DeadlinePiece> {
  const year = fc.integer({ min: years.from, max: years.to });
  const month = fc.integer({ min: 1, max: 12 });
  const day = (y: number, m: number) => fc.integer({ min: 1, max: daysIn(y, m) });
  const yearWord = fc.constantFrom(' г.', ' г', ' года', '');
  const dash = fc.constantFrom(' – ', '-', ' - ', '–', ' — ');
  const date = year.chain((y) => month.chain((m) => day(y, m).map((d) => ({ y, m, d }))));
  const ddmmyyyy = ({ y, m, d }: { y: number; m: number; d: number }) => `${pad(d)}.${pad(m)}.${y}`;

  const pieces: fc.Arbitrary<DeadlinePiece>[] = [
    // «до 15.10.2025», «не позднее 01.03.2025 г.», «до 15 октября 2025 г.»
    fc.tuple(date, fc.constantFrom('до ', 'не позднее ', 'до '), fc.boolean(), fc.constantFrom('', ' г.')).map(([dt, pre, words, g]) => ({
      kind: 'until',
      text: `${pre}${words ? `${dt.d} ${MONTHS_GEN[dt.m - 1]} ${dt.y}` : ddmmyyyy(dt)}${g}`,
      expect: () => once(null, ymd(dt.y, dt.m, dt.d)),
    })),
    // «30.08.2025»
    date.map((dt) => ({ kind: 'date', text: ddmmyyyy(dt), expect: () => once(ymd(dt.y, dt.m, dt.d), ymd(dt.y, dt.m, dt.d)) })),
    // «сентябрь – декабрь 2025 г.»
    fc.tuple(year, fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 11 }), dash, yearWord, fc.boolean()).map(([y, a, k, d, g, up]) => {
      const m1 = a;
      const m2 = Math.min(12, a + k);
      const text = `${up ? cap(MONTHS[m1 - 1]!) : MONTHS[m1 - 1]}${d}${MONTHS[m2 - 1]} ${y}${g}`;
      return { kind: 'month-range', text, expect: () => once(monthStart(y, m1), monthEnd(y, m2)) };
    }),
    // «январь 2025 г.»
    fc.tuple(year, month, yearWord, fc.boolean()).map(([y, m, g, up]) => ({
      kind: 'month',
      text: `${up ? cap(MONTHS[m - 1]!) : MONTHS[m - 1]} ${y}${g}`,
      expect: () => once(monthStart(y, m), monthEnd(y, m)),
    })),
    // «I квартал 2025 г.»
    fc.tuple(year, fc.integer({ min: 1, max: 4 }), fc.constantFrom(' г.', '')).map(([y, q, g]) => ({
      kind: 'quarter',
      text: `${['I', 'II', 'III', 'IV'][q - 1]} квартал ${y}${g}`,
      expect: () => once(monthStart(y, 3 * q - 2), monthEnd(y, 3 * q)),
    })),
    // «2024–2026 гг.»
    fc.tuple(year, fc.integer({ min: 1, max: 2 }), fc.constantFrom('–', '-'), fc.constantFrom(' гг.', ' годы', ' г.г.')).map(([y, k, d, g]) => ({
      kind: 'years',
      text: `${y}${d}${y + k}${g}`,
      expect: () => once(ymd(y, 1, 1), ymd(y + k, 12, 31)),
    })),
    // «в течение 2025 года»
    year.map((y) => ({ kind: 'during-year-n', text: `в течение ${y} года`, expect: () => ({ start: ymd(y, 1, 1), end: ymd(y, 12, 31), recurrence: 'ongoing' as const }) })),
    // «с 01.09.2025 постоянно»
    date.map((dt) => ({ kind: 'from-ongoing', text: `с ${ddmmyyyy(dt)} постоянно`, expect: () => ({ start: ymd(dt.y, dt.m, dt.d), end: null, recurrence: 'ongoing' as const }) })),
    // «ежегодно», «2 раза в год»: recurring over the period, unbounded without one.
    fc.constantFrom('ежегодно', 'Ежегодно', 'ежегодно').map((text) => ({ kind: 'yearly', text, expect: (ctx: DeadlineCtx) => ({ ...periodSpan(ctx), recurrence: 'yearly' as const }) })),
    fc.constantFrom('2 раза в год', 'ежеполугодно', 'раз в полугодие').map((text) => ({
      kind: 'semiannual',
      text,
      expect: (ctx: DeadlineCtx) => ({ ...periodSpan(ctx), recurrence: 'semiannual' as const }),
    })),
    // «постоянно», «ежемесячно», «по мере необходимости»: the period, else the academic year.
    fc
      .tuple(fc.constantFrom<[string, Recurrence]>(['постоянно', 'ongoing'], ['Постоянно', 'ongoing'], ['ежемесячно', 'ongoing'], ['ежеквартально', 'ongoing'], ['в течение всего периода', 'ongoing'], ['по мере необходимости', 'as-needed'], ['По мере необходимости', 'as-needed'], ['по согласованию', 'as-needed'], ['по отдельному графику', 'as-needed']))
      .map(([[text, recurrence]]) => ({
        kind: recurrence,
        text,
        expect: (ctx: DeadlineCtx) => ({ ...(ctx.period ? periodSpan(ctx) : academicSpan(ctx.ay)), recurrence }),
      })),
    // «в течение года», «в течение учебного года»: the academic year.
    fc.constantFrom('в течение года', 'в течение учебного года', 'В течение года').map((text) => ({
      kind: 'during-year',
      text,
      expect: (ctx: DeadlineCtx) => ({ ...academicSpan(ctx.ay), recurrence: 'ongoing' as const }),
    })),
    // «Декабрь, июнь»: two yearless months at least four apart recur twice a year.
    fc
      .tuple(month, fc.integer({ min: 4, max: 8 }), fc.boolean(), fc.constantFrom(', ', ', ', ' и '))
      .map(([a, gap, up, sep]) => {
        const b = ((a - 1 + gap) % 12) + 1;
        return {
          kind: 'two-months',
          text: `${up ? cap(MONTHS[a - 1]!) : MONTHS[a - 1]}${sep}${MONTHS[b - 1]}`,
          expect: (ctx: DeadlineCtx): ExpectedDeadline => {
            if (ctx.period) {
              const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
              return { start: monthStart(ctx.period.from, lo), end: monthEnd(ctx.period.to, hi), recurrence: 'semiannual' };
            }
            if (ctx.ay === null) return { ...NONE, recurrence: 'semiannual' };
            const dates = [a, b].flatMap((m) => [monthStart(academicYearOf(m, ctx.ay!), m), monthEnd(academicYearOf(m, ctx.ay!), m)]).sort();
            return { start: dates[0]!, end: dates[dates.length - 1]!, recurrence: 'semiannual' };
          },
        };
      }),
    // «ежегодно, декабрь»
    fc.tuple(month, fc.constantFrom('ежегодно, ', 'Ежегодно, ')).map(([m, pre]) => ({
      kind: 'yearly-month',
      text: `${pre}${MONTHS[m - 1]}`,
      expect: (ctx: DeadlineCtx): ExpectedDeadline => {
        if (ctx.period) return { start: monthStart(ctx.period.from, m), end: monthEnd(ctx.period.to, m), recurrence: 'yearly' };
        if (ctx.ay === null) return { ...NONE, recurrence: 'yearly' };
        const y = academicYearOf(m, ctx.ay);
        return { start: monthStart(y, m), end: monthEnd(y, m), recurrence: 'yearly' };
      },
    })),
    // «сентябрь»: a yearless month, placed in the academic year.
    fc.tuple(month, fc.boolean()).map(([m, up]) => ({
      kind: 'yearless-month',
      text: up ? cap(MONTHS[m - 1]!) : MONTHS[m - 1]!,
      expect: (ctx: DeadlineCtx) => (ctx.ay === null ? once(null, null) : once(monthStart(academicYearOf(m, ctx.ay), m), monthEnd(academicYearOf(m, ctx.ay), m))),
    })),
    // Combinations whose meaning the generator leaves to the parser.
    fc
      .tuple(year, month, fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }))
      .chain(([y, m, d, m2]) =>
        fc.constantFrom(
          `${MONTHS[m - 1]} ${y} г., ${MONTHS[m - 1]} ${y + 1} г.`,
          `до ${d} ${MONTHS_GEN[m - 1]}, до ${d} ${MONTHS_GEN[((m + 5) % 12)]}`,
          `в течение ${years.from}-${years.to} гг. (по графику)`,
          `${MONTHS[m - 1]}-${MONTHS[m2 - 1]}`,
          `ежемесячно, до ${d}.${pad(m)}.${y}`,
        ),
      )
      .map((text) => ({
        kind: 'free',
        text,
        expect: (ctx: DeadlineCtx) => {
          const { start, end, recurrence } = parseDeadline(text, {
            period: ctx.period ? { from: String(ctx.period.from), to: String(ctx.period.to) } : null,
            academicYear: ctx.ay,
          }).deadline;
          return { start, end, recurrence };
        },
      })),
  ];
  return fc.oneof(...pieces);
}

/**
 * The academic year the importer infers for a plan without a heading: the one in which the
 * earliest dated deadline falls (August prepares the coming year), null when none is dated.
 */
export function inferredAcademicYear(r: GenRoadmap): number | null {
  const dates = r.stages
    .flatMap((s) => s.activities)
    .flatMap((a) => {
      const e = a.deadline.expect({ period: null, ay: null });
      return [e.start, e.end];
    })
    .filter((d): d is string => d !== null)
    .sort();
  if (dates.length === 0) return null;
  const [y, m] = dates[0]!.split('-').map(Number);
  return m! >= 8 ? y! : y! - 1;
}

// ——— words ———

const ACTIVITY_TITLES = [
  'Разработка и утверждение положения о программе наставничества',
  'Назначение куратора внедрения целевой модели наставничества',
  'Информирование педагогического сообщества о реализации программы наставничества',
  'Анкетирование обучающихся для выявления запросов на наставничество',
  'Формирование базы наставляемых',
  'Составление перечня потенциальных наставников',
  'Проведение собеседований с потенциальными наставниками',
  'Организация обучения наставников по программе повышения квалификации',
  'Формирование наставнических пар и групп',
  'Проведение встречи-знакомства наставников и наставляемых',
  'Регулярные встречи наставников и наставляемых',
  'Мониторинг реализации программы наставничества',
  'Проведение заключительной встречи наставников и наставляемых',
  'Подведение итогов работы наставнических пар',
  'Публикация лучших практик наставничества на сайте школы',
  'Участие в муниципальном конкурсе наставнических практик',
  'Проведение педагогического совета по вопросам наставничества',
  'Обновление раздела «Наставничество» на официальном сайте',
  'Оценка удовлетворенности участников программой наставничества',
  'Подготовка отчёта о реализации программы наставничества',
  'Консультирование наставников по вопросам работы с наставляемыми',
  'Проведение методического семинара для педагогов-наставников',
  'Организация тренинга командообразования для участников программы',
  'Внесение изменений в локальные акты образовательной организации',
];
const QUALIFIERS = ['', '', '', ' в форме «ученик – ученик»', ' для молодых специалистов', ' в дистанционном формате', ' с участием родителей', ' в рамках методической недели'];
const RESPONSIBLE = [
  'Директор',
  'Заместитель директора по УВР',
  'Заместитель директора по ВР',
  'Куратор программы наставничества',
  'Педагог-психолог',
  'Классные руководители',
  'Наставники',
  'Рабочая группа',
  'Управление образования',
  'МБУ «Центр оценки и развития образования»',
  'Социальный педагог',
  'Иванова А. П.',
  'Петров С. В.',
];
const RESULTS = [
  'Приказ',
  'Положение о наставничестве',
  'Аналитическая справка',
  'Протокол заседания',
  'База наставляемых',
  'База наставников',
  'Информация на сайте',
  'Отчёт',
  'Сертификаты участников',
  'План работы пар',
];
const CUSTOM_STAGES = ['Организационно-методическое обеспечение', 'Информационное сопровождение', 'Мониторинг и оценка результатов', 'Подготовительный этап'];
const ORGS = ['в МБОУ «СОШ № 5»', 'в МАОУ «Гимназия № 2»', 'в общеобразовательных организациях Белгородского района', 'в МБОУ «Лицей № 7» г. Курска'];
const TITLE_STARTS = ['Дорожная карта по внедрению целевой модели наставничества', 'План мероприятий (дорожная карта) по реализации программы наставничества', 'Программа наставничества'];
const INDICATORS: [string, string][] = [
  ['Доля обучающихся в возрасте от 10 до 18 лет, вовлечённых в программы наставничества', '%'],
  ['Доля педагогов в возрасте до 35 лет, вовлечённых в программы наставничества', '%'],
  ['Количество наставнических пар', 'ед.'],
  ['Число педагогов-наставников', 'чел.'],
  ['Доля наставляемых, удовлетворённых участием в программе', '%'],
];

const activityArb = (years: { from: number; to: number }) =>
  fc.record({
    title: fc.tuple(fc.constantFrom(...ACTIVITY_TITLES), fc.constantFrom(...QUALIFIERS)).map(([t, q]) => t + q),
    deadline: deadlineArb(years),
    responsible: fc.uniqueArray(fc.constantFrom(...RESPONSIBLE), { minLength: 1, maxLength: 3 }),
    result: fc.option(fc.constantFrom(...RESULTS), { nil: null, freq: 4 }),
  });

const targetArb = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 11, max: 999 }).map((n) => n / 10));

export type RoadmapArbOptions = { maxStages?: number; maxActivities?: number };

/** A random roadmap: title and period, stages (mostly the standard ones, in order), activities, indicators. */
export function roadmapArb(opts: RoadmapArbOptions = {}): fc.Arbitrary<GenRoadmap> {
  const { maxStages = 4, maxActivities = 4 } = opts;
  return fc
    .tuple(fc.integer({ min: 2021, max: 2026 }), fc.integer({ min: 0, max: 3 }))
    .chain(([from, length]) => {
      const period = { from, to: from + length };
      const periodText = fc.constantFrom(
        ...(length === 0 ? [`на ${from} год`, `на ${from} г.`] : [`на ${from}–${period.to} годы`, `на ${from}-${period.to} гг.`, `на ${from} - ${period.to} годы`]),
      );
      const title = fc.tuple(fc.constantFrom(...TITLE_STARTS), fc.constantFrom(...ORGS), periodText).map(([t, o, p]) => `${t} ${o} ${p}`);
      // Mostly the standard stages (a random ordered subset), sometimes stages of the document's own.
      const stageTitles = fc.oneof(
        { weight: 3, arbitrary: fc.subarray([...STANDARD_STAGES], { minLength: 1, maxLength: maxStages }) },
        { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...CUSTOM_STAGES, ...STANDARD_STAGES), { minLength: 1, maxLength: maxStages }) },
      );
      const stages = stageTitles.chain((titles) =>
        fc.tuple(
          ...titles.map((t) =>
            // Some activities share the responsible of the one before (a vertically merged cell in Word).
            fc.array(fc.tuple(activityArb(period), fc.boolean()), { minLength: 1, maxLength: maxActivities }).map((list): GenStage => {
              const activities: GenActivity[] = [];
              for (const [a, shared] of list) activities.push(shared && activities.length > 0 ? { ...a, responsible: activities[activities.length - 1]!.responsible } : a);
              return { title: t, activities };
            }),
          ),
        ),
      );
      const indicatorYears = fc.subarray(
        Array.from({ length: length + 1 }, (_, k) => String(from + k)),
        { minLength: 1 },
      );
      const indicators = indicatorYears.chain((ys) =>
        fc.uniqueArray(fc.constantFrom(...INDICATORS), { maxLength: 3, selector: ([t]) => t }).chain((list) =>
          fc.tuple(
            ...list.map(([t, unit]) =>
              fc.tuple(...ys.map(() => targetArb)).map((values): GenIndicator => ({ title: t, unit, targets: Object.fromEntries(ys.map((y, k) => [y, values[k]!])) })),
            ),
          ),
        ),
      );
      return fc.record({
        title,
        period: fc.constant(period),
        stageStyle: fc.constantFrom<StageStyle>('plain', 'numbered', 'razdel', 'etap', 'ordinal', 'roman'),
        numberStyle: fc.constantFrom<NumberStyle>('dot', 'hier', 'paren', 'none'),
        numberInCell: fc.boolean(),
        stages: stages.map((s) => s as GenStage[]),
        indicators: indicators.map((i) => i as GenIndicator[]),
      });
    });
}

// ——— how a roadmap is written ———

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The stage row's text: «Раздел 2. Формирование базы наставляемых», «II. …», the title alone. */
export function stageLine(r: GenRoadmap, k: number): string {
  const t = r.stages[k]!.title;
  const n = k + 1;
  switch (r.stageStyle) {
    case 'plain':
      return t;
    case 'numbered':
      return `${n}. ${t}`;
    case 'razdel':
      return `Раздел ${n}. ${t}`;
    case 'etap':
      return `Этап ${n}. ${t}`;
    case 'ordinal':
      return `${n} этап: ${t}`;
    case 'roman':
      return `${ROMAN[k]}. ${t}`;
  }
}

/** An activity's number as written («2.», «1.2.», «3)»), or ''. */
export function activityNumber(r: GenRoadmap, k: number, j: number): string {
  switch (r.numberStyle) {
    case 'dot':
      return `${j + 1}.`;
    case 'hier':
      return `${k + 1}.${j + 1}.`;
    case 'paren':
      return `${j + 1})`;
    case 'none':
      return '';
  }
}

/** The roadmap's deadline context when the document's heading (title with its period) is read. */
export const headingCtx = (r: GenRoadmap): DeadlineCtx => ({ period: r.period, ay: r.period.from });
/** The context when only the table arrives: no period, the academic year taken from the plan's dates. */
export const tableOnlyCtx = (r: GenRoadmap): DeadlineCtx => ({ period: null, ay: inferredAcademicYear(r) });
