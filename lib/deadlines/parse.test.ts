import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeadline, type DeadlineContext } from './index';

const CTX: Record<string, DeadlineContext> = {
  P: { period: { from: '2022', to: '2024' } }, // a three-year roadmap
  A20: { academicYear: 2020 }, // a one-year (Mordovia-style) roadmap
  PS: { period: { from: '2022', to: '2024' }, programmeStart: '2022-10-15' },
  none: {},
};
const W = 'warn'; // a warning is expected
const _ = null;

// text | ctx | start | end | recurrence | warning (W = any, null = none)
const CASES: Array<[string, keyof typeof CTX, string | null, string | null, string, typeof W | null]> = [
  // exact and bounded dates
  ['до 30.08.2022', 'P', _, '2022-08-30', 'once', _],
  ['30.08.2022', 'P', '2022-08-30', '2022-08-30', 'once', _],
  ['30.08. 2022', 'P', '2022-08-30', '2022-08-30', 'once', _],
  ['15.09.2022г.', 'P', '2022-09-15', '2022-09-15', 'once', _],
  ['до 01.09.21', 'P', _, '2021-09-01', 'once', _],
  ['01.09.2021 – 30.09.2021', 'P', '2021-09-01', '2021-09-30', 'once', _],
  ['01.09.2021-30.09.2021 г.', 'P', '2021-09-01', '2021-09-30', 'once', _],
  ['не позднее 1 декабря 2021 г.', 'P', _, '2021-12-01', 'once', _],
  ['к 1 сентября 2022', 'P', _, '2022-09-01', 'once', _],
  ['до 31 мая 2023 года.', 'P', _, '2023-05-31', 'once', _],
  ['до 15.10.', 'A20', _, '2020-10-15', 'once', _],
  ['до 15.10.', 'P', _, '2022-10-15', 'once', _],
  ['с 1 по 15 сентября', 'A20', '2020-09-01', '2020-09-15', 'once', _],
  ['1-30 сентября 2021', 'P', '2021-09-01', '2021-09-30', 'once', _],
  ['1 – 30 сентября 2021 г.', 'P', '2021-09-01', '2021-09-30', 'once', _],
  ['с 1 сентября 2021 г. по 31 мая 2022 г.', 'P', '2021-09-01', '2022-05-31', 'once', _],
  ['с сентября 2022 г.', 'P', '2022-09-01', _, 'once', _],
  ['по итогам I полугодия 2022', 'P', '2022-07-01', _, 'once', _],
  ['2022-09-01', 'none', '2022-09-01', '2022-09-01', 'once', _],
  ['с 01.09.2022 по 31.05.2023', 'P', '2022-09-01', '2023-05-31', 'once', _],
  ['до декабря 2021', 'P', _, '2021-12-31', 'once', _],
  // months
  ['Июнь-август 2021г.', 'P', '2021-06-01', '2021-08-31', 'once', _],
  ['июль – декабрь 2020 г.', 'P', '2020-07-01', '2020-12-31', 'once', _],
  ['июль—декабрь 2020г', 'P', '2020-07-01', '2020-12-31', 'once', _],
  ['Сентябрь 2022 г', 'P', '2022-09-01', '2022-09-30', 'once', _],
  ['май 2021 г.', 'P', '2021-05-01', '2021-05-31', 'once', _],
  ['май 21 г.', 'none', '2021-05-01', '2021-05-31', 'once', _],
  ['Февраль 2024', 'none', '2024-02-01', '2024-02-29', 'once', _],
  ['Сентябрь 2022 – май 2023', 'P', '2022-09-01', '2023-05-31', 'once', _],
  ['ноябрь, декабрь 2021', 'P', '2021-11-01', '2021-12-31', 'once', _],
  ['декабрь 2021, январь, февраль', 'P', '2021-12-01', '2022-02-28', 'once', _],
  ['декабрь 2021, июнь 2022', 'P', '2021-12-01', '2022-06-30', 'once', _],
  ['ноябрь', 'A20', '2020-11-01', '2020-11-30', 'once', _],
  ['январь', 'A20', '2021-01-01', '2021-01-31', 'once', _],
  ['Сентябрь-октябрь', 'A20', '2020-09-01', '2020-10-31', 'once', _],
  ['сентябрь - май', 'A20', '2020-09-01', '2021-05-31', 'once', _],
  ['Март', 'A20', '2021-03-01', '2021-03-31', 'once', _],
  ['Февраль', 'A20', '2021-02-01', '2021-02-28', 'once', _],
  ['октябрь', 'A20', '2020-10-01', '2020-10-31', 'once', _],
  ['ОКТЯБРЬ.', 'A20', '2020-10-01', '2020-10-31', 'once', _],
  ['ноябрь', 'P', '2022-11-01', '2022-11-30', 'once', _],
  ['ноябрь', 'none', _, _, 'once', W],
  ['с 1 по 15 сентября', 'none', _, _, 'once', W],
  // quarters, half-years, years
  ['IV квартал 2021', 'P', '2021-10-01', '2021-12-31', 'once', _],
  ['1 квартал 2022 года', 'P', '2022-01-01', '2022-03-31', 'once', _],
  ['II квартал', 'A20', '2021-04-01', '2021-06-30', 'once', _],
  ['I полугодие 2022', 'P', '2022-01-01', '2022-06-30', 'once', _],
  ['2 полугодие 2021 г.', 'P', '2021-07-01', '2021-12-31', 'once', _],
  ['первое полугодие', 'A20', '2020-09-01', '2020-12-31', 'once', _],
  ['2022-2024 г.г.', 'P', '2022-01-01', '2024-12-31', 'once', _],
  ['2022 – 2024 гг.', 'none', '2022-01-01', '2024-12-31', 'once', _],
  ['2023 год', 'P', '2023-01-01', '2023-12-31', 'once', _],
  ['2021-2022 учебный год', 'P', '2021-09-01', '2022-08-31', 'once', _],
  ['2022/2023 уч. год', 'P', '2022-09-01', '2023-08-31', 'once', _],
  ['2021/22 уч.г.', 'none', '2021-09-01', '2022-08-31', 'once', _],
  ['в течение 2022 года', 'P', '2022-01-01', '2022-12-31', 'ongoing', _],
  // yearly
  ['до 15.10. ежегодно (в период с 2022 по 2024 г.г.)', 'P', '2022-01-01', '2024-10-15', 'yearly', _],
  ['с 1 по 15 сентября ежегодно (в период с 2020 по 2024 г.г.)', 'P', '2020-09-01', '2024-09-15', 'yearly', _],
  ['до 30 октября ежегодно (в период с 2022 по 2024 г.г.)', 'P', '2022-01-01', '2024-10-30', 'yearly', _],
  ['до 30 октября ежегодно (в период с 2022 по 2024 г.г.)', 'none', '2022-01-01', '2024-10-30', 'yearly', _],
  ['сентябрь 2020 г. (далее – ежегодно)', 'P', '2020-09-01', '2024-09-30', 'yearly', _],
  ['сентябрь 2020 г. (далее – ежегодно)', 'none', '2020-09-01', '2020-09-30', 'yearly', _], // no period: the dates stay (issue 18)
  ['до 1 мая 2020 г. (далее ежегодно)', 'P', _, '2024-05-01', 'yearly', _],
  ['до 1 мая 2020 г. (далее ежегодно)', 'none', _, '2020-05-01', 'yearly', _],
  ['ежегодно', 'P', '2022-01-01', '2024-12-31', 'yearly', _],
  ['Ежегодно', 'none', _, _, 'yearly', _],
  ['ежегодно, декабрь', 'P', '2022-12-01', '2024-12-31', 'yearly', _],
  ['ежегодно в декабре', 'P', '2022-12-01', '2024-12-31', 'yearly', _],
  ['ежегодно в декабре', 'A20', '2020-12-01', '2020-12-31', 'yearly', _],
  ['ежегодно, декабрь, 2022-2024 гг.', 'none', '2022-12-01', '2024-12-31', 'yearly', _],
  ['Ежегодно до 25 декабря', 'P', '2022-01-01', '2024-12-25', 'yearly', _],
  ['Апрель-май ежегодно', 'P', '2022-04-01', '2024-05-31', 'yearly', _],
  ['1 раз в год', 'P', '2022-01-01', '2024-12-31', 'yearly', _],
  // twice a year
  ['Декабрь, июнь в период с 2022 по 2024 г.г.', 'P', '2022-06-01', '2024-12-31', 'semiannual', _],
  ['Декабрь, июнь', 'P', '2022-06-01', '2024-12-31', 'semiannual', _],
  ['Декабрь, июнь', 'A20', '2020-12-01', '2021-06-30', 'semiannual', _],
  ['декабрь и июнь', 'none', _, _, 'semiannual', W],
  ['2 раза в год', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['два раза в год', 'none', _, _, 'semiannual', _],
  // ongoing
  ['Постоянно', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['постоянно', 'none', _, _, 'ongoing', _],
  ['в течение года', 'P', '2022-09-01', '2023-08-31', 'ongoing', _],
  ['В течение учебного года', 'A20', '2020-09-01', '2021-08-31', 'ongoing', _],
  ['в течение года', 'none', _, _, 'ongoing', W],
  ['ежемесячно', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['еженедельно', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['ежеквартально', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['В течение всего периода', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['в течение всего периода реализации ЦМН', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['в течение всего периода внедрения ЦМН', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['в течение всего периода внедрения ЦМН', 'none', _, _, 'ongoing', _],
  ['в течение периода с 2022 по 2024 гг.', 'none', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['ежемесячно с сентября 2022 по май 2023', 'P', '2022-09-01', '2023-05-31', 'ongoing', _],
  // as needed
  ['По мере необходимости', 'P', '2022-01-01', '2024-12-31', 'as-needed', _],
  ['по мере необходимости', 'none', _, _, 'as-needed', _],
  ['по согласованию', 'P', '2022-01-01', '2024-12-31', 'as-needed', _],
  ['по отдельному графику', 'P', '2022-01-01', '2024-12-31', 'as-needed', _],
  ['по запросу', 'none', _, _, 'as-needed', _],
  ['в соответствии со сроками реализации программ наставничества', 'P', '2022-01-01', '2024-12-31', 'as-needed', _],
  // relative to the programme's start or to an event
  ['В течение первого месяца', 'P', '2022-09-01', '2022-09-30', 'once', _],
  ['В течение первого месяца', 'PS', '2022-10-15', '2022-11-14', 'once', _],
  ['в течение первого-второго месяца', 'P', '2022-09-01', '2022-10-31', 'once', _],
  ['в течение первых трех месяцев', 'A20', '2020-09-01', '2020-11-30', 'once', _],
  ['В течение первого месяца', 'none', _, _, 'once', W],
  ['в течение месяца после 1 сентября 2022', 'P', '2022-09-01', '2022-10-01', 'once', _],
  ['в течение 10 дней после 01.09.2022', 'P', '2022-09-01', '2022-09-11', 'once', _],
  ['В течение месяца после подписания приказа', 'P', _, _, 'once', W],
  // unreadable
  ['в конце отчетного периода', 'P', _, _, 'once', W],
  ['', 'P', _, _, 'once', W],
  ['   ', 'none', _, _, 'once', W],
  ['???', 'P', _, _, 'once', W],
  ['см. приложение', 'P', _, _, 'once', W],
  ['31.02.2022', 'P', _, _, 'once', W],
  // forms seen in school, college, municipal and regional plans (tests/fixtures/samples)
  ['до 25 числа каждого месяца', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['1 раз в четверть', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['2 раза в месяц', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['в конце каждой четверти', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['ежемесячно до 5 числа', 'none', _, _, 'ongoing', _],
  ['ежемесячно', 'A20', '2020-09-01', '2021-08-31', 'ongoing', _],
  ['по итогам полугодия', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['1 раз в полугодие', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['по итогам I полугодия', 'A20', '2021-01-01', _, 'once', _],
  ['по итогам года', 'P', '2022-01-01', '2024-12-31', 'yearly', _],
  ['май 2022, май 2023, май 2024', 'P', '2022-05-01', '2024-05-31', 'yearly', _],
  ['март 2023 г., март 2024 г.', 'P', '2023-03-01', '2024-03-31', 'yearly', _],
  ['ноябрь 2021, март 2022', 'P', '2021-11-01', '2022-03-31', 'once', _],
  ['до 20 декабря, до 20 июня', 'P', '2022-01-01', '2024-12-20', 'semiannual', _],
  ['IV квартал 2021 г.', 'P', '2021-10-01', '2021-12-31', 'once', _],
  ['январь 2022 г. – май 2022 г.', 'P', '2022-01-01', '2022-05-31', 'once', _],
  ['в течение 2021-2022 уч. года', 'P', '2021-09-01', '2022-08-31', 'ongoing', _],
  ['август-сентябрь', 'A20', '2020-08-01', '2020-09-30', 'once', _],
  ['август', 'A20', '2021-08-01', '2021-08-31', 'once', _],
  ['перед началом практики', 'P', _, _, 'once', W],
];

describe('parseDeadline', () => {
  it.each(CASES)('«%s» (%s) → %s..%s %s', (text, ctx, start, end, recurrence, warning) => {
    const { deadline, warning: got } = parseDeadline(text, CTX[ctx]);
    expect(deadline).toEqual({ text: text.replace(/\s+/g, ' ').trim(), start, end, recurrence });
    if (warning) expect(got).toMatch(/^Срок/);
    else expect(got).toBeNull();
  });

  it('keeps the wording, only trimmed and with whitespace collapsed', () => {
    const { deadline } = parseDeadline('  до 15.10.\u00a0ежегодно\n(в период  с 2022 по 2024 г.г.) ', CTX.P);
    expect(deadline.text).toBe('до 15.10. ежегодно (в период с 2022 по 2024 г.г.)');
    expect(deadline.end).toBe('2024-10-15');
  });

  it('is lenient about ё, non-breaking spaces and dash styles', () => {
    const a = parseDeadline('июнь\u00a0–\u00a0август\u00a02021\u00a0г.', CTX.none).deadline;
    const b = parseDeadline('ИЮНЬ-АВГУСТ 2021Г', CTX.none).deadline;
    expect([a.start, a.end, b.start, b.end]).toEqual(['2021-06-01', '2021-08-31', '2021-06-01', '2021-08-31']);
    expect(parseDeadline('в течение первых трёх месяцев', CTX.A20).deadline.end).toBe('2020-11-30');
  });

  it('says why the year is unknown, and what could not be read', () => {
    expect(parseDeadline('ноябрь', {}).warning).toMatch(/год неизвестен/);
    expect(parseDeadline('см. приложение', CTX.P).warning).toBe('Срок «см. приложение» не распознан: даты не заданы');
    expect(parseDeadline('', CTX.P).deadline).toEqual({ text: '', start: null, end: null, recurrence: 'once' });
  });

  it('an academic-year period runs September to August, unless the wording names its own', () => {
    const ctx = { period: { from: '2022', to: '2023' }, academicPeriod: true };
    expect(parseDeadline('постоянно', ctx).deadline).toMatchObject({ start: '2022-09-01', end: '2023-08-31' });
    expect(parseDeadline('по мере необходимости', ctx).deadline).toMatchObject({ start: '2022-09-01', end: '2023-08-31' });
    expect(parseDeadline('в период с 2022 по 2024 гг.', ctx).deadline).toMatchObject({ start: '2022-01-01', end: '2024-12-31' });
  });

  it('ignores a malformed context instead of failing', () => {
    const odd = { period: { from: 'abc', to: '20' }, academicYear: Number.NaN, programmeStart: '2022-02-30' };
    expect(parseDeadline('ноябрь', odd).deadline.start).toBeNull();
    expect(parseDeadline('В течение первого месяца', odd).deadline.start).toBeNull();
    expect(parseDeadline('ноябрь', { academicYear: 2020, period: null }).deadline.start).toBe('2020-11-01');
  });
});

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
function valid(text: string, ctx?: DeadlineContext) {
  const { deadline, warning } = parseDeadline(text, ctx);
  for (const d of [deadline.start, deadline.end]) if (d !== null) expect(d).toMatch(DATE);
  if (deadline.start && deadline.end) expect(deadline.start <= deadline.end).toBe(true);
  expect(['once', 'yearly', 'semiannual', 'ongoing', 'as-needed']).toContain(deadline.recurrence);
  expect(warning === null || typeof warning === 'string').toBe(true);
  expect(deadline.text).toBe(text.replace(/\s+/g, ' ').trim());
}

describe('parseDeadline on any input', () => {
  const ctxArb = fc.option(
    fc.record({
      period: fc.option(fc.record({ from: fc.string(), to: fc.string() })),
      academicYear: fc.option(fc.oneof(fc.integer(), fc.integer({ min: 1990, max: 2040 }))),
      programmeStart: fc.option(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)))),
    }),
    { nil: undefined },
  );
  const fragment = fc.constantFrom(
    'до', 'с', 'по', 'к', 'не позднее', 'после', '-', '–', ',', 'и', '(', ')', 'ежегодно', 'далее', 'в период',
    '2 раза в год', 'в течение', 'первого', 'месяца', 'года', 'г.', 'г.г.', 'квартал', 'полугодие', 'IV', 'уч. год',
    'январь', 'мая', 'сентября', 'декабре', 'март', '1', '15', '31', '29.02.', '30.08.', '15.10.2022', '2020', '2024', '21', '/',
  );
  const russianish = fc.array(fragment, { maxLength: 12 }).map((xs) => xs.join(' '));

  it('never throws, on ASCII, on any Unicode, and on deadline-like word salad', () => {
    fc.assert(fc.property(fc.string(), ctxArb, (s, c) => valid(s, c)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), ctxArb, (s, c) => valid(s, c)), { numRuns: 500 });
    fc.assert(fc.property(russianish, ctxArb, (s, c) => valid(s, c)), { numRuns: 3000 });
  });

  it('survives values that are not strings at all', () => {
    expect(() => parseDeadline(undefined as unknown as string)).not.toThrow();
    expect(() => parseDeadline(42 as unknown as string, null as unknown as DeadlineContext)).not.toThrow();
  });
});

// Issue 18, class 1: a deadline followed by a continuation («(далее – ежегодно)») keeps its dates.
const CONTINUED: typeof CASES = [
  ['до 15 марта 2021 г. (далее – ежегодно)', 'none', _, '2021-03-15', 'yearly', _],
  ['до 15 марта 2021 г. (далее – ежегодно)', 'A20', _, '2021-03-15', 'yearly', _],
  ['до 15 марта 2021 г. (далее – ежегодно)', 'P', _, '2024-03-15', 'yearly', _],
  ['сентябрь – ноябрь 2022 г. (далее ежегодно — актуализация)', 'none', '2022-09-01', '2022-11-30', 'yearly', _],
  ['сентябрь – ноябрь 2022 г. (далее ежегодно — актуализация)', 'P', '2022-09-01', '2024-11-30', 'yearly', _],
  ['15.03.2021 (далее – ежегодно до 15 марта)', 'P', '2021-03-15', '2024-03-15', 'yearly', _],
  ['15.03.2021 (далее – ежегодно до 15 марта)', 'A20', '2021-03-15', '2021-03-15', 'yearly', _],
  ['до 20.12.2022 (далее – ежегодно (до 20 декабря))', 'P', _, '2024-12-20', 'yearly', _],
  ['ноябрь 2022 (далее — март ежегодно)', 'P', '2022-11-01', '2024-03-31', 'yearly', _],
  ['ноябрь 2022 (далее — март ежегодно)', 'none', '2022-11-01', '2022-11-30', 'yearly', _],
  ['2021 г. (далее - 25 числа ежемесячно)', 'none', '2021-01-01', '2021-12-31', 'ongoing', _],
  ['2021 г. (далее - 25 числа ежемесячно)', 'P', '2021-01-01', '2024-12-31', 'ongoing', _],
  ['декабрь 2021 г. (далее - по мере необходимости)', 'P', '2021-12-01', '2024-12-31', 'as-needed', _],
  ['декабрь 2021 г. (далее - по мере необходимости)', 'none', '2021-12-01', '2021-12-31', 'as-needed', _],
  ['до конца 2021 г. (далее – ежегодно)', 'none', _, '2021-12-31', 'yearly', _],
  ['до 1 сентября 2021 г., далее – ежегодно', 'A20', _, '2021-09-01', 'yearly', _],
  ['(далее ежегодно) до 1 марта 2022', 'none', _, '2022-03-01', 'yearly', _],
  ['IV квартал 2021 г. (в дальнейшем – ежегодно)', 'none', '2021-10-01', '2021-12-31', 'yearly', _],
  ['1-30 сентября 2021 (далее ежегодно)', 'A20', '2021-09-01', '2021-09-30', 'yearly', _],
  ['с 01.09.2021 (далее – ежегодно)', 'P', '2021-09-01', _, 'yearly', _],
  ['май 2022 г. (далее – постоянно)', 'P', '2022-05-01', '2024-12-31', 'ongoing', _],
  ['до 15 марта 2021 г.(далее–ежегодно)', 'none', _, '2021-03-15', 'yearly', _],
  ['2021-2022 уч. год (далее ежегодно)', 'none', '2021-09-01', '2022-08-31', 'yearly', _],
  ['01.09.2022 (далее — 2 раза в год)', 'none', '2022-09-01', '2022-09-01', 'semiannual', _],
];

// Issue 18, class 2: misspelt, clipped and run-together wordings read as what was meant.
const SLIPS: typeof CASES = [
  ['2 раз год', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['2раза в год', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['2 р. в год', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['2 раза в течение года', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['1 раз вполугодие', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['1 раз в пол года', 'P', '2022-01-01', '2024-12-31', 'semiannual', _],
  ['раз в полгода', 'none', _, _, 'semiannual', _],
  ['1 раз год', 'P', '2022-01-01', '2024-12-31', 'yearly', _],
  ['1 раз в уч. год', 'P', '2022-01-01', '2024-12-31', 'yearly', _],
  ['12 раз в год', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['в теч. года', 'P', '2022-09-01', '2023-08-31', 'ongoing', _],
  ['в теч.года', 'A20', '2020-09-01', '2021-08-31', 'ongoing', _],
  ['в течении года', 'P', '2022-09-01', '2023-08-31', 'ongoing', _],
  ['втечение учебного года', 'A20', '2020-09-01', '2021-08-31', 'ongoing', _],
  ['в тeчение года', 'P', '2022-09-01', '2023-08-31', 'ongoing', _], // a Latin «e»
  ['в теч. 2022 г.', 'P', '2022-01-01', '2022-12-31', 'ongoing', _],
  ['ежегодно до 1.09', 'P', '2022-01-01', '2024-09-01', 'yearly', _],
  ['ежегодно до 1.09', 'A20', _, '2020-09-01', 'yearly', _],
  ['ежегодно, до 01.09', 'P', '2022-01-01', '2024-09-01', 'yearly', _],
  ['до 1.09 ежегодно', 'P', '2022-01-01', '2024-09-01', 'yearly', _],
  ['ЕЖЕГОДНО ДО 1.09.', 'P', '2022-01-01', '2024-09-01', 'yearly', _],
  ['ежегод. до 25.12', 'P', '2022-01-01', '2024-12-25', 'yearly', _],
  ['ежемес.', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['еженед.', 'A20', '2020-09-01', '2021-08-31', 'ongoing', _],
  ['ежекварт.', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['ежеквартально (отчёт)', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['1 раз в четв.', 'P', '2022-01-01', '2024-12-31', 'ongoing', _],
  ['до15.10.2022г.', 'none', _, '2022-10-15', 'once', _],
  ['с01.09.2022по31.05.2023', 'none', '2022-09-01', '2023-05-31', 'once', _],
  ['сентябрь-ноябрь2022г.г.', 'none', '2022-09-01', '2022-11-30', 'once', _],
  ['2022-2024гг', 'none', '2022-01-01', '2024-12-31', 'once', _],
  ['2022/2023 уч.год', 'none', '2022-09-01', '2023-08-31', 'once', _],
  ['Сентябрь\u00a0—\u00a0ноябрь\u00a02022\u00a0г.', 'none', '2022-09-01', '2022-11-30', 'once', _],
  ['«до 01.09.2022»;', 'none', _, '2022-09-01', 'once', _],
  ['до «1» сентября 2022 г.', 'none', _, '2022-09-01', 'once', _],
  ['до конца сентября', 'A20', _, '2020-09-30', 'once', _],
  ['в течении трёх месяцев после 01.09.2022', 'none', '2022-09-01', '2022-12-01', 'once', _],
];

describe('parseDeadline on continuations and slips (issue 18)', () => {
  it.each([...CONTINUED, ...SLIPS])('«%s» (%s) → %s..%s %s', (text, ctx, start, end, recurrence) => {
    const { deadline, warning } = parseDeadline(text, CTX[ctx]);
    expect(deadline).toEqual({ text: text.replace(/\s+/g, ' ').trim(), start, end, recurrence });
    expect(warning).toBeNull();
  });

  const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
  const NAMES = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  const year = fc.integer({ min: 2019, max: 2026 });
  const suffix = fc.constantFrom('', ' г.', ' г', 'г.', ' года');
  const dd = (n: number) => String(n).padStart(2, '0');
  const deadlineArb: fc.Arbitrary<string> = fc.oneof(
    fc.tuple(fc.constantFrom('', 'до ', 'к ', 'не позднее ', 'с '), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 11 }), year, suffix)
      .map(([p, d, m, y, g]) => `${p}${d} ${MONTHS[m]} ${y}${g}`),
    fc.tuple(fc.constantFrom('', 'до ', 'с '), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), year, fc.boolean())
      .map(([p, d, m, y, z]) => `${p}${z ? dd(d) : d}.${dd(m)}.${y}`),
    fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), year, fc.constantFrom(' – ', '-', ' — '), suffix)
      .map(([a, b, y, dash, g]) => `${NAMES[Math.min(a, b)]}${dash}${NAMES[Math.max(a, b)]} ${y}${g}`),
    fc.tuple(fc.constantFrom('', 'до '), fc.integer({ min: 0, max: 11 }), year, suffix).map(([p, m, y, g]) => `${p}${p ? MONTHS[m] : NAMES[m]} ${y}${g}`),
    fc.tuple(fc.constantFrom('до конца ', 'в течение ', ''), year, suffix).map(([p, y, g]) => `${p}${y}${g}`),
    fc.tuple(fc.constantFrom('I', 'II', 'III', 'IV', '1', '4'), year).map(([q, y]) => `${q} квартал ${y} г.`),
    year.map((y) => `${y}/${y + 1} уч. год`),
  );
  const continuationArb = fc
    .tuple(
      fc.constantFrom(['(', ')'], [' (', ')'], [', ', ''], [' – ', ''], ['; ', '']),
      fc.constantFrom('далее', 'в дальнейшем', 'Далее'),
      fc.constantFrom(' – ', ' — ', ' - ', ' ', ': '),
      fc.constantFrom('ежегодно', '2 раза в год', '1 раз в полугодие', 'ежегодно — актуализация', 'ежегодно до 1 марта',
        'ежегодно (в сентябре)', 'по мере необходимости', 'постоянно', 'ежемесячно', 'раз в год', 'ежегодно, 25.12', 'не реже 1 раза в год'),
    )
    .map(([[open, close], word, dash, body]) => `${open}${word}${dash}${body}${close}`);

  it('a continuation adds a recurrence and never erases the deadline\'s dates', () => {
    fc.assert(
      fc.property(deadlineArb, continuationArb, fc.constantFrom<keyof typeof CTX>('none', 'A20', 'P'), (d, c, ctx) => {
        const alone = parseDeadline(d, CTX[ctx]).deadline;
        expect(alone.start ?? alone.end).not.toBeNull();
        const both = parseDeadline(`${d} ${c}`, CTX[ctx]).deadline;
        expect(both.recurrence).not.toBe('once');
        expect(both.start).toBe(alone.start);
        if (ctx !== 'P') expect(both.end).toBe(alone.end);
        // With a period the last occurrence moves the end on, never back and never to nothing.
        else if (alone.end !== null) expect(both.end !== null && both.end >= alone.end).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
