import { FIGURE_KEYS } from '../reports/types';
import { num, obj, Sentence, str, V } from './sentence';
import { formatValue, NONE } from './values';

/*
 * The sentences of monitoring reports (db/queries/reports.ts): rounds, contingents, the
 * satisfaction formula, indicators and their links and actuals, conclusions, sign-off and a new
 * version. All on the organisation's own chain; a round is named by the month it ends
 * («период, оканчивающийся в декабре 2026 г.» reads long: «отчёт за декабрь 2026 г.»).
 */

type Handler = (s: Sentence) => void;

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-12' → «декабрь 2026 г.» / “December 2026”; anything else as it is. */
export function roundName(key: unknown, ru: boolean): string {
  const m = typeof key === 'string' ? /^(\d{4})-(\d{2})$/.exec(key) : null;
  const i = m ? Number(m[2]) - 1 : -1;
  if (!m || i < 0 || i > 11) return typeof key === 'string' ? key : '—';
  return ru ? `${MONTHS_RU[i]} ${m[1]} г.` : `${MONTHS_EN[i]} ${m[1]}`;
}

const FIGURE_RU: Record<string, string> = {
  participants: 'участники',
  pairs: 'пары',
  meetingsHeld: 'проведённые встречи',
  menteeSatisfaction: 'удовлетворённость наставляемых',
  mentorSatisfaction: 'удовлетворённость наставников',
  studentCoverage: 'охват обучающихся',
  youngSpecialistCoverage: 'охват молодых специалистов',
  roadmapOnTime: 'мероприятия в срок',
  mentors: 'наставники',
  mentees: 'наставляемые',
  pairsCompleted: 'завершённые пары',
  pairsTerminated: 'прекращённые пары',
  roadmapLate: 'мероприятия с опозданием',
  roadmapOverdue: 'просроченные мероприятия',
};
const FIGURE_EN: Record<string, string> = {
  participants: 'participants',
  pairs: 'pairs',
  meetingsHeld: 'meetings held',
  menteeSatisfaction: 'mentee satisfaction',
  mentorSatisfaction: 'mentor satisfaction',
  studentCoverage: 'student coverage',
  youngSpecialistCoverage: 'young specialist coverage',
  roadmapOnTime: 'activities on time',
  mentors: 'mentors',
  mentees: 'mentees',
  pairsCompleted: 'pairs completed',
  pairsTerminated: 'pairs terminated',
  roadmapLate: 'activities done late',
  roadmapOverdue: 'activities overdue',
};

function linkName(v: unknown, ru: boolean): string {
  if (v === null || v === undefined) return ru ? 'не связан' : 'not linked';
  if (v === 'manual') return ru ? 'вводится вручную' : 'entered by hand';
  return (typeof v === 'string' && (ru ? FIGURE_RU : FIGURE_EN)[v]) || String(v);
}

const n = (v: unknown) => (num(v) === null ? NONE : String(v).replace('.', ','));
const dates = (o: Record<string, unknown>, ru: boolean) => (str(o.from) && str(o.to) ? `${formatValue(o.from, ru ? 'ru' : 'en')} – ${formatValue(o.to, ru ? 'ru' : 'en')}` : NONE);
const title = (s: Sentence) => s.q(str(s.after.title) ?? str(s.before.title) ?? s.e.data.entityId ?? '—');
const round = (s: Sentence) => roundName(s.after.round ?? s.e.data.entityId, s.ru);

const REPORTS: Record<string, Handler> = {
  'report.round_set': (s) => {
    const below = s.after.forBelow === true;
    if (s.ru) s.say(' ', s.v(V('задал')), ` даты периода мониторинга «${round(s)}»`, below ? ' для всех организаций ниже' : '');
    else s.say(` set the dates of the monitoring round “${round(s)}”`, below ? ' for every organisation below' : '');
    s.value(s.ru ? 'даты' : 'dates', dates(s.before, s.ru), dates(s.after, s.ru));
  },
  'report.contingent_set': (s) => {
    if (s.ru) s.say(' ', s.v(V('ввёл', 'ввела')), ` контингент за ${round(s)}`);
    else s.say(` entered the contingent for ${round(s)}`);
    const labels: [string, string, string][] = [
      ['students', 'обучающиеся', 'students'],
      ['teachers', 'педагоги', 'teachers'],
      ['youngSpecialists', 'молодые специалисты', 'young specialists'],
    ];
    for (const [k, ru, en] of labels) if (n(s.before[k]) !== n(s.after[k])) s.value(s.ru ? ru : en, n(s.before[k]), n(s.after[k]));
    if ((str(s.before.studentsBand) ?? NONE) !== (str(s.after.studentsBand) ?? NONE)) s.value(s.ru ? 'возраст обучающихся' : 'age band', str(s.before.studentsBand) ?? NONE, str(s.after.studentsBand) ?? NONE);
  },
  'report.setting_set': (s) => {
    const formula = (o: Record<string, unknown>) =>
      o.formula === 'mean' ? (s.ru ? 'средняя оценка' : 'mean score') : o.formula === 'share' ? (s.ru ? `доля оценок не ниже ${n(o.threshold)}` : `share at or above ${n(o.threshold)}`) : NONE;
    if (s.ru) s.say(' ', s.v(V('изменил')), ' формулу удовлетворённости');
    else s.say(' changed the satisfaction formula');
    s.value(s.ru ? 'формула' : 'formula', formula(s.before), formula(s.after));
  },
  'report.indicator_set': (s) => {
    if (s.ru) s.say(' ', s.v(V('связал')), ' показатель ', title(s));
    else s.say(' linked the indicator ', title(s));
    s.value(s.ru ? 'связь' : 'link', linkName(s.before.link, s.ru), linkName(s.after.link, s.ru));
  },
  'report.indicator_added': (s) => {
    if (s.ru) s.say(' ', s.v(V('добавил')), ' показатель ', title(s));
    else s.say(' added the indicator ', title(s));
    const targets = Object.entries(obj(s.after.targets)).map(([y, v]) => `${y}: ${n(v)}`).join('; ');
    if (targets) s.value(s.ru ? 'целевые значения' : 'targets', NONE, targets);
  },
  'report.indicator_removed': (s) => {
    if (s.ru) s.say(' ', s.v(V('удалил')), ' показатель ', title(s));
    else s.say(' removed the indicator ', title(s));
  },
  'report.actual_set': (s) => {
    if (s.ru) s.say(' ', s.v(V('ввёл', 'ввела')), ' фактическое значение показателя ', title(s), ` за ${round(s)}`);
    else s.say(' entered the actual value of the indicator ', title(s), ` for ${round(s)}`);
    s.value(s.ru ? 'значение' : 'value', n(s.before.value), n(s.after.value));
    const note = str(s.after.note);
    if (note) s.text(s.ru ? 'примечание' : 'note', s.before.note ?? '', note);
  },
  'report.conclusions_set': (s) => {
    if (s.ru) s.say(' ', s.v(V('изменил')), ` выводы и рекомендации за ${round(s)}`);
    else s.say(` edited the conclusions and recommendations for ${round(s)}`);
  },
  'report.signed': (s) => {
    const version = num(s.after.version);
    if (s.ru) s.say(' ', s.v(V('подписал')), ` отчёт за ${round(s)}`, version && version > 1 ? ` (версия ${version})` : '');
    else s.say(` signed the report for ${round(s)}`, version && version > 1 ? ` (version ${version})` : '');
    const figures = obj(s.after.figures);
    for (const k of FIGURE_KEYS.slice(0, 8)) if (k in figures) s.value(s.ru ? FIGURE_RU[k] : FIGURE_EN[k], NONE, n(figures[k]));
  },
  'report.reopened': (s) => {
    if (s.ru) s.say(' ', s.v(V('открыл')), ` новую версию отчёта за ${round(s)}`);
    else s.say(` opened a new version of the report for ${round(s)}`);
    const reason = str(s.after.reason);
    if (reason) s.value(s.ru ? 'причина' : 'reason', NONE, reason);
  },
};

export const REPORTS_HANDLERS = REPORTS;
