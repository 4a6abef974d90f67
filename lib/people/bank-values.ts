import { parseIsoDate, toIsoDate, ymd, type Ymd } from './age';
import { cleanText } from './names';
import { DEFAULT_FORMS, type Category, type IsoDate, type Signer } from './types';

/*
 * The values of a bank list's cells as schools write them, read into Tropa's terms: dates
 * («15.03.2010», «15.03.10 г.», «2010-03-15», «15 марта 2010 г.», Excel date cells and
 * serial numbers), categories, forms of mentoring, tag lists, numbers («5 лет», «2,5»,
 * «12 л. 3 мес.»), consent marks and signers. Pure.
 */

/** One cell as read from a file: text (CSV, Excel text cells), number, boolean or date. */
export type RawCell = string | number | boolean | Date | null;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a reader sees (dates as DD.MM.YYYY), trimmed; '' when empty. */
export function cellText(c: RawCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.replace(/\u00a0/g, ' ').trim();
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (typeof c === 'boolean') return c ? 'да' : 'нет';
  if (Number.isNaN(c.getTime())) return '';
  return `${pad(c.getUTCDate())}.${pad(c.getUTCMonth() + 1)}.${c.getUTCFullYear()}`;
}

export const isBlank = (c: RawCell) => cellText(c) === '';

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function fromUtc(d: Date): Ymd | null {
  if (Number.isNaN(d.getTime())) return null;
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A two-digit year: this century unless that is after `pivotYear`. */
const fullYear = (y: number, pivotYear: number) => (y >= 100 ? y : 2000 + y <= pivotYear ? 2000 + y : 1900 + y);

export type DateRead = { date: IsoDate } | { invalid: string } | null;

/**
 * A date cell → an ISO date; null when empty; `{invalid}` with the reason when it cannot be
 * read. Two-digit years are read as not after `pivotYear` (today's year for birth dates).
 */
export function readDate(c: RawCell, pivotYear: number): DateRead {
  if (c === null) return null;
  if (c instanceof Date) {
    const p = fromUtc(c);
    return p ? { date: toIsoDate(p) } : { invalid: 'дата не читается' };
  }
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return { invalid: 'дата не читается' };
    if (Number.isInteger(c) && c >= 1000 && c <= 2100) return { invalid: 'указан только год, нужна полная дата (ДД.ММ.ГГГГ)' };
    // an Excel serial day number in a cell without a date format
    if (c > 2100 && c < 2958466) {
      const p = fromUtc(new Date(EXCEL_EPOCH + Math.floor(c) * 86_400_000));
      if (p) return { date: toIsoDate(p) };
    }
    return { invalid: 'дата не читается' };
  }
  if (typeof c === 'boolean') return { invalid: 'дата не читается' };
  const s = cleanText(c)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s*(г|год|года)\.?$/, '')
    .trim();
  if (!s) return null;
  let m = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})$/.exec(s);
  if (m) return dateOrInvalid(fullYear(Number(m[3]), pivotYear), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(s);
  if (m) return dateOrInvalid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([а-я]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const word = m[2]!;
    // «мая», «май», «марта»: «ма» alone stands for May only when it is not «мар…»
    const month = MONTHS.findIndex((p, i) => (i === 4 ? /^ма[йя]$/.test(word) : word.startsWith(p)));
    if (month >= 0) return dateOrInvalid(Number(m[3]), month + 1, Number(m[1]));
  }
  if (/^\d{4}$/.test(s)) return { invalid: 'указан только год, нужна полная дата (ДД.ММ.ГГГГ)' };
  return { invalid: 'дата не читается: ожидается ДД.ММ.ГГГГ' };
}

function dateOrInvalid(y: number, m: number, d: number): DateRead {
  const p = ymd(y, m, d);
  return p ? { date: toIsoDate(p) } : { invalid: 'такой даты нет в календаре' };
}

/** Today's year, from an ISO date. */
export const yearOf = (date: IsoDate) => parseIsoDate(date)?.y ?? new Date().getUTCFullYear();

const lower = (s: string) => cleanText(s).toLowerCase().replace(/ё/g, 'е');

/**
 * A category as written («обучающийся 8 класса», «педагог», «студент колледжа»,
 * «представитель предприятия») → Category; empty → guessed from the class or position
 * («8 «Б»» is a student, «учитель математики» a teacher), else 'other'.
 */
export function readCategory(text: string, positionOrClass: string | null): Category {
  const t = lower(text);
  if (t) {
    if (/студент|(^| )спо( |$)|колледж|техникум/.test(t)) return 'spo_student';
    if (/работодател|предприяти|представител|организаци|партнер|специалист (предприятия|организации)/.test(t)) return 'employer';
    if (/педагог|учител|преподавател|воспитател|методист|сотрудник|работник школ|психолог|логопед|дефектолог/.test(t)) return 'teacher';
    if (/учени[кц]|обучающ|школьни|учащ|воспитанни/.test(t)) return 'student';
    return 'other';
  }
  const p = lower(positionOrClass ?? '');
  if (!p) return 'other';
  if (/^\d{1,2}\s*[-«"'“]?\s*[а-я]?\s*[»"'”]?\s*(класс|кл)?\.?$|класс/.test(p)) return 'student';
  if (/учител|педагог|преподавател|воспитател|методист|психолог|логопед|дефектолог|директор|завуч/.test(p)) return 'teacher';
  return 'other';
}

/** Tropa's own words for a category, as the export writes them (readCategory reads them back). */
export const CATEGORY_LABELS: Record<Category, string> = {
  student: 'обучающийся',
  teacher: 'педагог',
  spo_student: 'студент',
  employer: 'работодатель',
  other: 'другое',
};

/** A list cell split on `,` `;` and new lines; items trimmed, empties and repeats (any case) dropped. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(/[,;\n\r]+/)) {
    const item = cleanText(part);
    const key = lower(item);
    if (!item || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** A form of mentoring as compared: lower case, ё → е, every dash (with or without spaces) → « – ». */
const formKey = (s: string) =>
  lower(s)
    .replace(/\s*[-‐‑‒–—−]+\s*/g, ' – ')
    .trim();
const DEFAULT_BY_KEY = new Map(DEFAULT_FORMS.map((f) => [formKey(f), f as string]));

/**
 * Forms of mentoring, one or several («ученик-ученик; учитель – учитель»): each matched to
 * DEFAULT_FORMS whatever its dashes, case and spacing; a local variant is kept as written.
 */
export function readForms(text: string): string[] {
  const out: string[] = [];
  for (const item of splitList(text)) {
    const form = DEFAULT_BY_KEY.get(formKey(item)) ?? item;
    if (!out.includes(form)) out.push(form);
  }
  return out;
}

export type NumberRead = { value: number } | { invalid: string } | null;

const NONE = /^(нет|-|–|—|отсутствует|не указан\S*)$/;

/**
 * A number as written: «5», «5 лет», «2,5», «до 3 чел.», «12 л. 3 мес.» (years and months),
 * «менее года» (0). Null when empty or «нет» / «—»; `{invalid}` when the text is no number or
 * holds several.
 */
export function readNumber(c: RawCell): NumberRead {
  if (c === null) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c } : { invalid: 'не число' };
  if (typeof c === 'boolean' || c instanceof Date) return { invalid: 'ожидается число' };
  const s = lower(c);
  if (!s || NONE.test(s)) return null;
  if (/^(менее|меньше|до) (1 )?года$/.test(s)) return { value: 0 };
  const ym = /^(\d+)\s*(?:г|л|год|года|лет)\.?\s*(\d+)\s*(?:м|мес|месяц\S*)\.?$/.exec(s);
  if (ym) return { value: Math.round((Number(ym[1]) + Number(ym[2]) / 12) * 10) / 10 };
  const numbers = s.match(/-?\d+(?:[.,]\d+)?/g) ?? [];
  if (numbers.length !== 1) return { invalid: numbers.length ? 'укажите одно число' : 'ожидается число' };
  const rest = s.replace(numbers[0]!, ' ');
  // what may stand around the number: units and «до» / «не более»
  if (!/^[\s.]*(до|не более|максимум|макс)?[\s.]*(лет|год|года|г|л|чел|человек|человека|наставляемых|наставляемого)?[\s.]*$/.test(rest))
    return { invalid: 'ожидается число' };
  return { value: Number(numbers[0]!.replace(',', '.')) };
}

export type ConsentMark = { given: false } | { given: true; date: DateRead; ref: string | null };

/**
 * The consent column («Согласие на обработку ПДн»): «да», «+», «есть», a date, «№ 15 от
 * 01.09.2024» → given (with the date and the paper's number when written); «нет», «—»,
 * «отозвано» → not given; empty → null.
 */
export function readConsentMark(c: RawCell, pivotYear: number): ConsentMark | null {
  if (c === null) return null;
  if (c instanceof Date) return { given: true, date: readDate(c, pivotYear), ref: null };
  if (typeof c === 'boolean') return c ? { given: true, date: null, ref: null } : { given: false };
  if (typeof c === 'number') return { given: true, date: null, ref: String(c) };
  const s = lower(c);
  if (!s) return null;
  if (/^(нет|не |-|–|—|0$|отсутств|отозван|отзыв|отказ|ложь|false|no$|не получен|не подписан|недейств)/.test(s) || s === 'не')
    return { given: false };
  const dateText = /\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}|\d{4}-\d{1,2}-\d{1,2}/.exec(s)?.[0] ?? null;
  const ref = /№\s*([^\s,;]+)/.exec(cleanText(c))?.[1] ?? null;
  return { given: true, date: dateText ? readDate(dateText, pivotYear) : null, ref };
}

export type SignerRead = { signer: Signer; relation: string | null } | { invalid: string } | null;

/**
 * Who signed («сам», «лично», «родитель», «мать», «законный представитель», «опекун») → the
 * signer and, for a guardian, the relation when the word names one.
 */
export function readSigner(text: string): SignerRead {
  const s = lower(text);
  if (!s) return null;
  if (/^(сам|лично|участник|наставник|наставляем|субъект|совершеннолетн|он сам|она сама)/.test(s)) return { signer: 'self', relation: null };
  const relations: [RegExp, string][] = [
    [/мать|мама/, 'мать'],
    [/отец|папа/, 'отец'],
    [/попечител/, 'попечитель'],
    [/опекун/, 'опекун'],
    [/родител/, 'родитель'],
  ];
  for (const [re, relation] of relations) if (re.test(s)) return { signer: 'guardian', relation };
  if (/представител|законн/.test(s)) return { signer: 'guardian', relation: null };
  return { invalid: 'кто подписал: «сам» или «законный представитель» (родитель, опекун)' };
}

/** Tropa's words for a signer, as the export writes them. */
export const SIGNER_LABELS: Record<Signer, string> = { self: 'сам', guardian: 'законный представитель' };

/** An e-mail address in a contacts cell, and what is left (taken as the phone). */
export function splitContacts(text: string): { email: string | null; phone: string | null } {
  const email = /[^\s,;<>()]+@[^\s,;<>()]+\.[^\s,;<>()]+/.exec(text)?.[0] ?? null;
  const rest = cleanText((email ? text.replace(email, ' ') : text).replace(/(e-?mail|эл\.?\s*почта|тел\.?|телефон)\s*:?/gi, ' '))
    .replace(/^[,;\s]+|[,;\s]+$/g, '')
    .trim();
  return { email: email ? email.toLowerCase() : null, phone: rest || null };
}

export const isEmail = (s: string) => /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/.test(s);
