import type { FigureKey, RoundKey } from '../types';

/*
 * The Russian words the documents print (the справка and the workbook are Russian-only; the
 * page's words live in lib/i18n/messages.ts, m.reports). Kept here so the documents read
 * the same whatever the UI's language.
 */

export const NO_DATA = 'нет данных';

export const FIGURE_LABELS: Record<FigureKey, string> = {
  participants: 'Участники программы',
  pairs: 'Пары (группы) наставничества',
  meetingsHeld: 'Проведено встреч (из ожидаемых)',
  menteeSatisfaction: 'Удовлетворённость наставляемых, %',
  mentorSatisfaction: 'Удовлетворённость наставников, %',
  studentCoverage: 'Доля обучающихся, вовлечённых в наставничество, %',
  youngSpecialistCoverage: 'Доля молодых специалистов с наставником, %',
  roadmapOnTime: 'Мероприятия дорожной карты, выполненные в срок, %',
  mentors: 'Наставники',
  mentees: 'Наставляемые',
  pairsCompleted: 'Пары, завершившие программу',
  pairsTerminated: 'Пары, прекратившие работу досрочно',
  roadmapLate: 'Мероприятия, выполненные с опозданием',
  roadmapOverdue: 'Просроченные мероприятия',
};

// The page's words for statuses and verdicts (lib/reports), so the справка says what the page says.
export { STATUS_LABELS } from '../status';
export { VERDICT_LABELS } from '../roadmap';

export const CATEGORY_LABELS: Record<string, string> = {
  student: 'обучающийся',
  teacher: 'педагог',
  spo_student: 'студент СПО',
  employer: 'представитель работодателя',
  other: 'другое',
};

export const SIDE_LABELS = { mentor: 'наставники', mentee: 'наставляемые' } as const;

export const ORG_KIND_LABELS = { region: 'регион', municipality: 'муниципалитет', organisation: 'образовательная организация' } as const;


const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** 'YYYY-MM' → «декабрь 2024»; anything else as given. */
export function roundLabel(key: RoundKey): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : key;
}

/** A number as Russian print: up to one decimal, a decimal comma; null → «нет данных». */
export function ruNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_DATA;
  return String(Math.round(x * 10) / 10).replace('.', ',');
}

/** A value with its unit: «85 %», «12»; null → «нет данных». */
export function withUnit(x: number | null | undefined, unit: string | null | undefined): string {
  const n = ruNumber(x);
  if (n === NO_DATA || !unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}
