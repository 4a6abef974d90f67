import type { ChildReport, Figure, FigureKey, Figures, OrgReport } from '../types';

/*
 * Hand-made reports for tests and previews of the charts and the documents (no database):
 * a school with figures, indicators with a trend over three rounds and roadmap execution,
 * and a municipality rolling up two schools (one signed, one not reported). Every number
 * is consistent with its numerator and denominator, so a test can print and compare them.
 */

const count = (value: number, formula: string, extra: Partial<Figure> = {}): Figure => ({ kind: 'count', value, numerator: value, formula, ...extra });
const pct = (numerator: number, denominator: number, formula: string, target?: number): Figure => ({
  kind: 'percent',
  value: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
  numerator,
  denominator,
  formula,
  ...(target === undefined ? {} : { target }),
});

export function sampleSchoolFigures(): Figures {
  return {
    participants: count(42, 'участники пар, работавших в периоде: 18 наставников + 24 наставляемых = 42'),
    pairs: count(20, 'пары (группы), работавшие в периоде: 20'),
    meetingsHeld: count(96, 'проведено 96 встреч из 120 ожидаемых по ритму пар', { denominator: 120 }),
    menteeSatisfaction: pct(628, 800, 'среднее оценок ÷ 10 × 100 %: 628 ÷ 800 × 100 % = 78,5 %', 70),
    mentorSatisfaction: pct(448, 700, 'среднее оценок ÷ 10 × 100 %: 448 ÷ 700 × 100 % = 64 %', 70),
    studentCoverage: { kind: 'percent', value: null, numerator: 15, formula: 'обучающиеся-наставляемые ÷ контингент обучающихся: контингент не внесён', target: 20 },
    youngSpecialistCoverage: pct(4, 4, 'молодые специалисты с наставником ÷ молодые специалисты: 4 ÷ 4 × 100 % = 100 %', 100),
    roadmapOnTime: pct(6, 8, 'выполнены в срок ÷ мероприятия со сроком до конца периода: 6 ÷ 8 × 100 % = 75 %'),
    mentors: count(18, 'наставники пар, работавших в периоде: 18'),
    mentees: count(24, 'наставляемые пар, работавших в периоде: 24'),
    pairsCompleted: count(3, 'пары, завершившие программу в периоде: 3'),
    pairsTerminated: count(1, 'пары, прекратившие работу досрочно: 1'),
    roadmapLate: count(1, 'мероприятия, выполненные после срока: 1'),
    roadmapOverdue: count(1, 'мероприятия, не выполненные к сроку: 1'),
  };
}

export function sampleSchoolReport(over: Partial<OrgReport> = {}): OrgReport {
  return {
    org: { id: 'org-school-5', name: 'МБОУ «Средняя школа № 5»', kind: 'organisation' },
    round: { key: '2024-12', from: '2024-07-01', to: '2024-12-31' },
    roundSource: { kind: 'default' },
    previousRounds: [
      { key: '2023-12', from: '2023-07-01', to: '2023-12-31' },
      { key: '2024-06', from: '2024-01-01', to: '2024-06-30' },
    ],
    asOf: '2024-12-31T20:59:59.999Z',
    figures: sampleSchoolFigures(),
    breakdown: {
      byForm: [
        { form: 'учитель – учитель', pairs: 6, mentors: 6, mentees: 6 },
        { form: 'ученик – ученик', pairs: 12, mentors: 10, mentees: 16 },
        { form: 'работодатель – ученик', pairs: 2, mentors: 2, mentees: 2 },
      ],
      byCategory: [
        { category: 'teacher', side: 'mentor', people: 6 },
        { category: 'student', side: 'mentor', people: 10 },
        { category: 'employer', side: 'mentor', people: 2 },
        { category: 'teacher', side: 'mentee', people: 6 },
        { category: 'student', side: 'mentee', people: 18 },
      ],
    },
    execution: {
      due: 8,
      onTime: 6,
      late: 1,
      overdue: 1,
      notDue: 2,
      items: [
        { boardId: 'b1', cardId: 'c1', title: 'Утвердить положение о наставничестве', due: '2024-09-15', status: 'done', doneAt: '2024-09-10T09:00:00.000Z', verdict: 'on_time' },
        { boardId: 'b1', cardId: 'c2', title: 'Сформировать базу наставников', due: '2024-10-01', status: 'done', doneAt: '2024-10-20T09:00:00.000Z', verdict: 'late' },
        { boardId: 'b1', cardId: 'c3', title: 'Провести анкетирование удовлетворённости', due: '2024-12-20', status: 'in_progress', doneAt: null, verdict: 'overdue' },
        { boardId: 'b1', cardId: 'c4', title: 'Итоговая конференция наставников', due: '2025-05-25', status: 'todo', doneAt: null, verdict: 'not_due' },
      ],
    },
    indicators: [
      {
        key: 'ys',
        title: 'Доля молодых специалистов с наставником',
        unit: '%',
        link: 'youngSpecialistCoverage',
        target: 100,
        actual: 100,
        note: null,
        status: 'on_track',
        trend: [
          { round: '2023-12', actual: 80, target: 100 },
          { round: '2024-06', actual: 100, target: 100 },
        ],
        conflict: null,
        guessed: false,
        origin: { kind: 'board', boardId: 'b1', boardTitle: 'Дорожная карта' },
      },
      {
        key: 'mentee-sat',
        title: 'Удовлетворённость наставляемых',
        unit: '%',
        link: 'menteeSatisfaction',
        target: 70,
        actual: 78.5,
        note: null,
        status: 'on_track',
        trend: [
          { round: '2023-12', actual: 60, target: 60 },
          { round: '2024-06', actual: 65, target: 70 },
        ],
        conflict: null,
        guessed: false,
        origin: { kind: 'board', boardId: 'b1', boardTitle: 'Дорожная карта' },
      },
      {
        key: 'mentor-sat',
        title: 'Удовлетворённость наставников',
        unit: '%',
        link: 'mentorSatisfaction',
        target: 70,
        actual: 64,
        note: null,
        status: 'at_risk',
        trend: [
          { round: '2023-12', actual: 55, target: 60 },
          { round: '2024-06', actual: 61, target: 70 },
        ],
        conflict: null,
        guessed: false,
        origin: { kind: 'board', boardId: 'b1', boardTitle: 'Дорожная карта' },
      },
      {
        key: 'students',
        title: 'Доля обучающихся, вовлечённых в наставничество',
        unit: '%',
        link: 'studentCoverage',
        target: 20,
        actual: null,
        note: null,
        status: 'no_data',
        trend: [
          { round: '2023-12', actual: 8.5, target: 10 },
          { round: '2024-06', actual: null, target: 20 },
        ],
        conflict: null,
        guessed: false,
        origin: { kind: 'board', boardId: 'b1', boardTitle: 'Дорожная карта' },
      },
      {
        key: 'employers',
        title: 'Доля работодателей, предоставивших наставников',
        unit: '%',
        link: 'manual',
        target: 10,
        actual: 5,
        note: 'по договорам о сотрудничестве',
        status: 'behind',
        trend: [
          { round: '2023-12', actual: null, target: null },
          { round: '2024-06', actual: 2, target: 10 },
        ],
        conflict: null,
        guessed: false,
        origin: { kind: 'board', boardId: 'b1', boardTitle: 'Дорожная карта' },
      },
    ],
    contingent: { students: null, teachers: 54, youngSpecialists: 4, studentsBand: '10–18 лет' },
    contingentOffered: null,
    satisfaction: { formula: 'mean', threshold: 7 },
    warnings: [{ code: 'CONTINGENT_MISSING', message: 'Не внесено число обучающихся: доля обучающихся не считается', figure: 'studentCoverage' }],
    signed: null,
    versions: [],
    conclusions: 'Программа реализуется по плану. Рекомендуется внести контингент обучающихся и провести анкетирование наставников до 20 января.',
    children: [],
    ...over,
  };
}

const emptyFigures = (): Figures => {
  const f = {} as Figures;
  for (const [k, v] of Object.entries(sampleSchoolFigures()) as [FigureKey, Figure][]) {
    f[k] = v.kind === 'percent' ? { kind: 'percent', value: null, numerator: 0, denominator: 0, formula: 'нет данных за период' } : { kind: 'count', value: 0, numerator: 0, formula: 'нет данных за период' };
  }
  return f;
};

export function sampleMunicipalityReport(over: Partial<OrgReport> = {}): OrgReport {
  const school5: ChildReport = {
    orgId: 'org-school-5',
    name: 'МБОУ «Средняя школа № 5»',
    kind: 'organisation',
    signed: { by: 'u-head-5', byName: 'Иванова Мария Петровна', at: '2025-01-10T08:00:00.000Z', version: 1 },
    reported: true,
    figures: sampleSchoolFigures(),
  };
  const gym: ChildReport = { orgId: 'org-gym-2', name: 'МАОУ «Гимназия № 2»', kind: 'organisation', signed: null, reported: false, figures: emptyFigures() };
  const school = sampleSchoolReport();
  const figures = sampleSchoolFigures();
  figures.studentCoverage = { ...figures.studentCoverage, missing: 2, formula: 'сумма по организациям: контингент обучающихся не внесён ни одной организацией (2)' };
  return {
    ...school,
    org: { id: 'org-mun-1', name: 'Управление образования Северного района', kind: 'municipality' },
    figures,
    execution: { due: 8, onTime: 6, late: 1, overdue: 1, notDue: 2, items: [] },
    signed: { by: 'u-head-mun', byName: 'Петров Сергей Иванович', at: '2025-01-15T12:30:00.000Z', version: 2 },
    versions: [
      { version: 1, signedAt: '2025-01-12T10:00:00.000Z', signedBy: 'u-head-mun', reopenedAt: '2025-01-14T09:00:00.000Z', reopenReason: 'уточнены данные школы № 5' },
      { version: 2, signedAt: '2025-01-15T12:30:00.000Z', signedBy: 'u-head-mun', reopenedAt: null, reopenReason: null },
    ],
    conclusions: '',
    children: [school5, gym],
    ...over,
  };
}
