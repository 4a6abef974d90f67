import { ru } from './figures';
import { conflictWarnings } from './indicators';
import { roundIsOpen, ruDate } from './rounds';
import type { Contingent, Figures, ReportIndicator, ReportWarning, Round } from './types';

/*
 * The contingent: the denominators no bank knows (students in the age band, teachers, young
 * specialists), entered by the curator per round. A number is a whole number from 0 to
 * 10,000,000 or nothing (not entered). Implausible input is a warning, never a refusal:
 * a contingent smaller than the people counted is shown with a message, so the curator sees
 * it at once and the figures are not silently capped.
 */

export const CONTINGENT_MAX = 10_000_000;
export const BAND_MAX_LENGTH = 100;
const NUMBER_FIELDS = ['students', 'teachers', 'youngSpecialists'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

const FIELD_NAMES: Record<NumberField, string> = { students: 'Обучающиеся', teachers: 'Педагоги', youngSpecialists: 'Молодые специалисты' };

export type ContingentResult =
  | { ok: true; contingent: Contingent }
  | { ok: false; code: 'CONTINGENT_INVALID'; errors: Partial<Record<keyof Contingent | 'contingent', string>> };

function readCount(v: unknown): { ok: true; value: number | null } | { ok: false } {
  if (v === null || v === undefined) return { ok: true, value: null };
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.replace(/[\s\u00a0\u202f]/g, '');
    if (s === '') return { ok: true, value: null };
    if (!/^\d+$/.test(s)) return { ok: false };
    n = Number(s);
  } else return { ok: false };
  return Number.isInteger(n) && n >= 0 && n <= CONTINGENT_MAX ? { ok: true, value: n } : { ok: false };
}

/** Checks a contingent from a form or the API: {students?, teachers?, youngSpecialists?, studentsBand?}. */
export function validateContingent(input: unknown): ContingentResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, code: 'CONTINGENT_INVALID', errors: { contingent: 'Контингент не передан.' } };
  }
  const o = input as Record<string, unknown>;
  const errors: Partial<Record<keyof Contingent | 'contingent', string>> = {};
  const out: Contingent = { students: null, teachers: null, youngSpecialists: null, studentsBand: null };
  for (const f of NUMBER_FIELDS) {
    const r = readCount(o[f]);
    if (r.ok) out[f] = r.value;
    else errors[f] = `${FIELD_NAMES[f]}: нужно целое число от 0 до 10 000 000 или пустое поле.`;
  }
  const band = o.studentsBand;
  if (typeof band === 'string') {
    const t = band.trim();
    if (t.length > BAND_MAX_LENGTH) errors.studentsBand = `Возрастная группа: не длиннее ${BAND_MAX_LENGTH} символов.`;
    else out.studentsBand = t === '' ? null : t;
  } else if (band !== null && band !== undefined) errors.studentsBand = 'Возрастная группа: нужен текст, например «10–18 лет».';
  return Object.keys(errors).length ? { ok: false, code: 'CONTINGENT_INVALID', errors } : { ok: true, contingent: out };
}

const COVERAGE = [
  { figure: 'studentCoverage', field: 'students', counted: 'Наставляемых-обучающихся', entered: 'обучающихся в контингенте', name: 'число обучающихся', label: 'охват обучающихся' },
  { figure: 'youngSpecialistCoverage', field: 'youngSpecialists', counted: 'Наставляемых — молодых специалистов', entered: 'молодых специалистов в контингенте', name: 'число молодых специалистов', label: 'охват молодых специалистов' },
] as const;

/** CONTINGENT_MISSING, CONTINGENT_TOO_SMALL and NO_DATA, in Russian. */
export function contingentWarnings(contingent: Contingent | null, figures: Figures): ReportWarning[] {
  const out: ReportWarning[] = [];
  for (const c of COVERAGE) {
    const f = figures[c.figure];
    const num = f.numerator ?? 0;
    const den = f.denominator;
    if (den === undefined) {
      out.push({
        code: 'CONTINGENT_MISSING',
        figure: c.figure,
        message: contingent === null || contingent[c.field] === undefined ? `Контингент за период не введён: ${c.label} — «нет данных».` : `Не введено ${c.name}: ${c.label} — «нет данных».`,
      });
    } else if (num > den) {
      out.push({
        code: 'CONTINGENT_TOO_SMALL',
        figure: c.figure,
        message: `${c.counted} (${ru(num)}) больше, чем ${c.entered} (${ru(den)}): проверьте контингент — ${c.label} не может превышать 100 %.`,
      });
    }
  }
  if (contingent && contingent.youngSpecialists !== null && contingent.teachers !== null && contingent.youngSpecialists > contingent.teachers) {
    out.push({
      code: 'CONTINGENT_TOO_SMALL',
      figure: 'youngSpecialistCoverage',
      message: `Молодых специалистов (${ru(contingent.youngSpecialists)}) больше, чем педагогов (${ru(contingent.teachers)}): проверьте контингент.`,
    });
  }
  const surveys = (figures.menteeSatisfaction.denominator ?? 0) + (figures.mentorSatisfaction.denominator ?? 0);
  if ((figures.pairs.value ?? 0) === 0 && (figures.meetingsHeld.value ?? 0) === 0 && surveys === 0) {
    out.push({ code: 'NO_DATA', message: 'За период нет данных: ни действующих пар, ни встреч, ни анкет. Проверьте даты периода или внесите пары.' });
  }
  return out;
}

/** Every warning of a report: an open round, the contingent, data, conflicting targets. */
export function reportWarnings(p: { round: Round; now?: Date | string; contingent: Contingent | null; figures: Figures; indicators?: readonly ReportIndicator[] }): ReportWarning[] {
  const open: ReportWarning[] = roundIsOpen(p.round, p.now)
    ? [{ code: 'ROUND_OPEN', message: `Период ещё не закончился: цифры могут измениться до ${ruDate(p.round.to)}.` }]
    : [];
  return [...open, ...contingentWarnings(p.contingent, p.figures), ...conflictWarnings(p.indicators ?? [])];
}
