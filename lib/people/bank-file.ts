import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, type ErrorCode } from '../errors';
import { inflateParts, InflateLimitError, isZip, listZip } from '../import/readers/zip';
import { ageOn, isMinor, parseIsoDate } from './age';
import { normaliseHeader, recogniseHeader, recogniseTwoLevel, type BankField } from './bank-columns';
import {
  CATEGORY_LABELS,
  cellText,
  isBlank,
  isEmail,
  readCategory,
  readConsentMark,
  readDate,
  readForms,
  readNumber,
  readSigner,
  SIGNER_LABELS,
  splitContacts,
  splitList,
  yearOf,
  type DateRead,
  type RawCell,
} from './bank-values';
import { cleanText, hasLetter, joinName, nameKey } from './names';
import type { Bank, BankStatus, Category, Contacts, IsoDate, Signer } from './types';

/*
 * Bulk import and export of a bank (issue 13, item 3), pure: the bytes of an Excel (.xlsx)
 * or CSV list as schools keep it → the people it holds, each row checked, with the row
 * numbers the user sees in Excel; and a filtered bank table → an .xlsx that reads back.
 * Nothing here touches the database: the caller shows the preview and saves all or nothing.
 */

export { BANK_FIELDS, type BankField } from './bank-columns';

/** The largest file accepted, and the most people in one file. */
export const MAX_BANK_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_BANK_ROWS = 60_000;
/** The header row is looked for among the first rows that are not empty. */
export const HEADER_SEARCH_ROWS = 10;
/**
 * What a workbook may inflate to before exceljs gets it (a zip bomb is stopped while
 * inflating): 60,000 rows of 20 columns are some 80 MB of XML and 3 million elements.
 */
const BANK_XLSX_LIMITS = { maxBytes: 150 * 1024 * 1024, maxElements: 5_000_000 };

// ---------------------------------------------------------------------------------------------
// Types

export type BankColumn = {
  /** The header as written (two-level headers as «Согласие на обработку ПДн: Дата»). */
  header: string;
  /** What Tropa reads from it; null when the header is not recognised (the column is not read). */
  field: BankField | null;
  /** The column's number in the sheet, 1 = A. */
  column: number;
};

export const ROW_ERROR_CODES = [
  'NAME_MISSING',
  'BIRTH_DATE_INVALID',
  'BIRTH_DATE_FUTURE',
  'AGE_ABSURD',
  'NUMBER_INVALID',
  'EMAIL_INVALID',
  'CONSENT_DATE_INVALID',
  'CONSENT_DATE_FUTURE',
  'SIGNER_INVALID',
  'GUARDIAN_REQUIRED',
  'GUARDIAN_NAME_MISSING',
  'DUPLICATE_IN_FILE',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** One problem in one row: the row number as Excel shows it, the column's header, a stable code, a Russian message. */
export type RowError = { row: number; column?: string; code: RowErrorCode; message: string };

export type ParsedConsent = {
  signer: Signer;
  /** The person (self) or the guardian who signed. */
  signerName: string;
  guardianRelation: string | null;
  /** Null when the file says «да» without a date. */
  signedOn: IsoDate | null;
  /** The paper's number («№ 15 от 01.09.2024» → «15»), when written. */
  documentRef: string | null;
};

export type ParsedBankRow = {
  row: number;
  fullName: string;
  birthDate: IsoDate | null;
  /** Under 18 at `today`; null when the birth date is not given. */
  minor: boolean | null;
  category: Category;
  positionOrClass: string | null;
  experienceYears: number | null;
  contacts: Contacts;
  forms: string[];
  tags: string[];
  requestText: string | null;
  /** Mentors only; null for mentees and when not given. */
  capacity: number | null;
  /** Present when the file records a processing consent as given. */
  consent?: ParsedConsent;
};

export type BankFileParse = {
  columns: BankColumn[];
  /** The valid rows. */
  rows: ParsedBankRow[];
  /** Every problem of the broken rows (a row with errors is not in `rows`). */
  errors: RowError[];
  /** Non-empty data rows in the file (valid + broken). */
  total: number;
  /** The worksheet read (null for CSV) and the header row's number. */
  sheet: string | null;
  headerRow: number;
};

/** Why a whole file is refused; `code` is the AppError code the API answers with. */
export const BANK_FILE_FAILURES = ['FILE_TOO_LARGE', 'TOO_MANY_ROWS', 'FILE_EMPTY', 'FILE_UNREADABLE', 'FILE_UNSUPPORTED', 'NO_HEADER'] as const;
export type BankFileFailure = (typeof BANK_FILE_FAILURES)[number];
const FAILURE_CODE: Record<BankFileFailure, ErrorCode> = {
  FILE_TOO_LARGE: 'IMPORT_TOO_LARGE',
  TOO_MANY_ROWS: 'IMPORT_TOO_LARGE',
  FILE_EMPTY: 'IMPORT_EMPTY',
  FILE_UNREADABLE: 'IMPORT_UNREADABLE',
  FILE_UNSUPPORTED: 'IMPORT_UNSUPPORTED',
  NO_HEADER: 'IMPORT_NO_TABLE',
};

/** A file refused as a whole: `reason` says why (stable), `code` is the generic import code. */
export class BankFileError extends AppError {
  constructor(
    readonly reason: BankFileFailure,
    message: string,
  ) {
    super(FAILURE_CODE[reason], message, { reason });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a file into sheets of cells

type Sheet = {
  name: string | null;
  /** Excel row number → cells (index 0 = column A). */
  rows: Map<number, RawCell[]>;
  /** "row:col" of every cell inside a horizontal merge → the merged (master) cell's text. */
  spanText: Map<string, string>;
};

const UNREADABLE_XLSX = 'Файл не является книгой Excel (.xlsx) или повреждён';

function isOleFile(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

async function readSheets(bytes: Uint8Array, fileName: string): Promise<Sheet[]> {
  if (bytes.length === 0) throw new BankFileError('FILE_EMPTY', 'Файл пуст');
  if (bytes.length > MAX_BANK_FILE_BYTES)
    throw new BankFileError('FILE_TOO_LARGE', `Файл больше ${MAX_BANK_FILE_BYTES / 1024 / 1024} МБ: разделите список на части.`);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (isZip(bytes)) {
    if (ext === 'ods' || ext === 'docx')
      throw new BankFileError('FILE_UNSUPPORTED', 'Этот формат не поддерживается: сохраните список как .xlsx или .csv.');
    return readWorkbook(bytes);
  }
  if (isOleFile(bytes) || ext === 'xls')
    throw new BankFileError('FILE_UNSUPPORTED', 'Старый формат Excel (.xls) не поддерживается: сохраните список как .xlsx или .csv.');
  if (ext === 'xlsx') throw new BankFileError('FILE_UNREADABLE', UNREADABLE_XLSX);
  return [readCsvSheet(decodeText(bytes))];
}

/** CSV bytes → text: UTF-16 by its mark, UTF-8 (with or without BOM) when valid, else Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

const DELIMITERS = [';', ',', '\t'] as const;

/** How many cells of one of the first rows are known headers, at best (for guessing the delimiter). */
function headerScore(rows: string[][]): number {
  let best = 0;
  for (const row of rows) best = Math.max(best, new Set(row.map(recogniseHeader).filter((f) => f !== null)).size);
  return best;
}

function readCsvSheet(text: string): Sheet {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) throw new BankFileError('FILE_EMPTY', 'Файл пуст');
  // The delimiter under which the header row reads best; Papa's own guess breaks a tie.
  let delimiter: string = Papa.parse<string[]>(source, { delimitersToGuess: [...DELIMITERS], preview: 30 }).meta.delimiter;
  let bestScore = -1;
  for (const d of [delimiter, ...DELIMITERS.filter((x) => x !== delimiter)]) {
    const score = headerScore(Papa.parse<string[]>(source, { delimiter: d, preview: 30 }).data);
    if (score > bestScore) [bestScore, delimiter] = [score, d];
  }
  const parsed = Papa.parse<string[]>(source, { delimiter, skipEmptyLines: false });
  const rows = new Map<number, RawCell[]>();
  // Papa's records are the rows Excel shows (a quoted field may hold line breaks): record i is row i + 1.
  parsed.data.forEach((fields, i) => {
    if (Array.isArray(fields) && fields.some((f) => String(f ?? '').trim())) rows.set(i + 1, fields.map((f) => String(f ?? '')));
  });
  return { name: null, rows, spanText: new Map() };
}

async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  const entries = listZip(bytes);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) throw new BankFileError('FILE_UNREADABLE', UNREADABLE_XLSX);
  try {
    inflateParts(bytes, () => true, BANK_XLSX_LIMITS, () => false);
  } catch (err) {
    if (err instanceof InflateLimitError)
      throw new BankFileError('FILE_TOO_LARGE', 'Книга Excel слишком большая после распаковки: оставьте в ней только список.');
    throw new BankFileError('FILE_UNREADABLE', UNREADABLE_XLSX);
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new BankFileError('FILE_UNREADABLE', UNREADABLE_XLSX);
  }
  const sheets: Sheet[] = [];
  workbook.eachSheet((ws) => {
    if (!ws.state || ws.state === 'visible') sheets.push(readWorksheet(ws));
  });
  return sheets;
}

type MergeBox = { top: number; left: number; bottom: number; right: number };

function sheetMerges(ws: ExcelJS.Worksheet): MergeBox[] {
  const raw = (ws as unknown as { _merges?: Record<string, Partial<MergeBox>> })._merges ?? {};
  const out: MergeBox[] = [];
  for (const m of Object.values(raw))
    if (m && typeof m.top === 'number' && typeof m.left === 'number' && typeof m.bottom === 'number' && typeof m.right === 'number')
      out.push({ top: m.top, left: m.left, bottom: m.bottom, right: m.right });
  return out;
}

/**
 * A worksheet's cells. A merged range: the cells below the master in its own column repeat
 * its value (a class merged over the rows of its pupils belongs to each); the cells beside
 * it are empty, and remember the master's text (a two-level header's parent).
 */
function readWorksheet(ws: ExcelJS.Worksheet): Sheet {
  const rows = new Map<number, RawCell[]>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const values = row.values as unknown[];
    const cells: RawCell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(rawValue(values[c]));
    rows.set(r, cells);
  });
  const spanText = new Map<string, string>();
  for (const m of sheetMerges(ws)) {
    const master = rows.get(m.top)?.[m.left - 1] ?? null;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (m.right > m.left && r === m.top) spanText.set(`${r}:${c}`, cellText(master));
        if (r === m.top && c === m.left) continue;
        const cells = rows.get(r);
        if (!cells) continue;
        cells[c - 1] = c === m.left ? master : null;
      }
    }
  }
  return { name: ws.name, rows, spanText };
}

/** An exceljs cell value → a raw cell: rich text joined, formulas → their result, links → their text. */
function rawValue(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return rawValue(v.result);
    if ('hyperlink' in v) return rawValue(v.text);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The header

type Header = { row: number; dataStart: number; columns: BankColumn[] };

function findHeader(sheet: Sheet): Header | null {
  const numbers = [...sheet.rows.keys()].sort((a, b) => a - b).filter((r) => !sheet.rows.get(r)!.every(isBlank));
  for (const r of numbers.slice(0, HEADER_SEARCH_ROWS)) {
    const cells = sheet.rows.get(r)!;
    const known = new Set(cells.map((c) => recogniseHeader(cellText(c))).filter((f) => f !== null));
    if (known.size >= 2) return headerAt(sheet, r);
  }
  return null;
}

/**
 * The columns of header row `r`. When the row below it holds sub-headers under merged parent
 * headers («Согласие на обработку ПДн» over «Дата» and «Кто подписал»), the two read together.
 */
function headerAt(sheet: Sheet, r: number): Header {
  const head = sheet.rows.get(r)!;
  const next = sheet.rows.get(r + 1) ?? [];
  const width = Math.max(head.length, next.length);
  const underSpan = (c: number) => sheet.spanText.has(`${r}:${c}`);
  let subs = 0;
  let twoLevel = next.length > 0;
  for (let c = 1; c <= width && twoLevel; c++) {
    const sub = cellText(next[c - 1] ?? null);
    if (!sub) continue;
    if (underSpan(c)) subs++;
    else if (sub !== cellText(head[c - 1] ?? null)) twoLevel = false; // a data row, not sub-headers
  }
  twoLevel &&= subs > 0;
  const columns: BankColumn[] = [];
  for (let c = 1; c <= width; c++) {
    const top = cellText(head[c - 1] ?? null);
    const sub = twoLevel && underSpan(c) ? cellText(next[c - 1] ?? null) : '';
    if (sub) {
      const parent = sheet.spanText.get(`${r}:${c}`)!;
      columns.push({ header: `${cleanText(parent)}: ${cleanText(sub)}`, field: recogniseTwoLevel(parent, sub), column: c });
    } else if (top) {
      columns.push({ header: cleanText(top), field: recogniseHeader(top), column: c });
    }
  }
  return { row: r, dataStart: r + (twoLevel ? 2 : 1), columns };
}

// ---------------------------------------------------------------------------------------------
// Parsing

export type BankFileOptions = { bank: Bank; today: IsoDate };

export const MIN_AGE = 5;
export const MAX_AGE = 100;
export const MAX_EXPERIENCE_YEARS = 80;
export const MAX_CAPACITY = 50;

/**
 * Reads a bank list (.xlsx, or .csv in UTF-8 / Windows-1251 / UTF-16 with `;` `,` or tab):
 * finds the header row, maps the columns by their Russian headers and checks every row.
 * Throws BankFileError when the file as a whole cannot be read (too large, over
 * MAX_BANK_ROWS people, unreadable, no header row with a name column).
 */
export async function parseBankFile(bytes: Uint8Array, fileName: string, opts: BankFileOptions): Promise<BankFileParse> {
  if (!parseIsoDate(opts.today)) throw new RangeError(`today is not an ISO date: ${opts.today}`);
  const sheets = await readSheets(bytes, fileName);
  for (const sheet of sheets) {
    const header = findHeader(sheet);
    if (!header) continue;
    if (!header.columns.some((c) => c.field === 'fullName' || c.field === 'lastName'))
      throw new BankFileError('NO_HEADER', 'В строке заголовков не найден столбец «ФИО» (или «Фамилия»).');
    return parseRows(sheet, header, opts);
  }
  throw new BankFileError(
    'NO_HEADER',
    `Не найдена строка заголовков: в первых ${HEADER_SEARCH_ROWS} строках нет хотя бы двух известных столбцов («ФИО», «Дата рождения», «Класс / должность», «Категория», …).`,
  );
}

type Value = { column: BankColumn; cell: RawCell; text: string };

/** A column-number row under the header («1 | 2 | 3 | …»), as many official forms have. */
function isNumberingRow(cells: RawCell[]): boolean {
  const filled = cells.map(cellText).filter(Boolean);
  return filled.length >= 3 && filled.every((t, i) => /^\d+$/.test(t) && Number(t) === Number(filled[0]) + i);
}

function parseRows(sheet: Sheet, header: Header, opts: BankFileOptions): BankFileParse {
  const read = header.columns.filter((c) => c.field !== null && c.field !== 'ignore');
  const nameColumns = read.filter((c) => c.field === 'fullName' || c.field === 'lastName');
  const requestColumn = read.some((c) => c.field === 'requestText');
  const rows: ParsedBankRow[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  let total = 0;
  const numbers = [...sheet.rows.keys()].filter((r) => r >= header.dataStart).sort((a, b) => a - b);
  for (const r of numbers) {
    const cells = sheet.rows.get(r)!;
    const values: Value[] = [];
    for (const column of read) {
      const cell = cells[column.column - 1] ?? null;
      const text = cellText(cell);
      if (text) values.push({ column, cell, text });
    }
    if (values.length === 0 || isNumberingRow(cells)) continue;
    // a header repeated on every printed page
    if (nameColumns.some((c) => normaliseHeader(cellText(cells[c.column - 1] ?? null)) === normaliseHeader(c.header))) continue;
    total++;
    if (total > MAX_BANK_ROWS)
      throw new BankFileError('TOO_MANY_ROWS', `В файле больше ${MAX_BANK_ROWS.toLocaleString('ru-RU')} человек: разделите список на части.`);
    const result = parseRow(r, values, opts, firstRowOf, requestColumn, nameColumns[0]!);
    if (result.errors.length) errors.push(...result.errors);
    else rows.push(result.row!);
  }
  return { columns: header.columns, rows, errors, total, sheet: sheet.name, headerRow: header.row };
}

function parseRow(
  r: number,
  values: Value[],
  opts: BankFileOptions,
  firstRowOf: Map<string, number>,
  requestColumn: boolean,
  nameColumn: BankColumn,
): { row?: ParsedBankRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (code: RowErrorCode, message: string, column?: BankColumn) =>
    errors.push(column ? { row: r, column: column.header, code, message } : { row: r, code, message });
  const all = (field: BankField) => values.filter((v) => v.column.field === field);
  const first = (field: BankField): Value | undefined => all(field)[0];
  const joined = (field: BankField) => cleanText(all(field).map((v) => v.text).join(', ')) || null;
  const year = yearOf(opts.today);

  // Name: one «ФИО» column, or «Фамилия» «Имя» «Отчество» joined.
  const fullName = first('fullName')
    ? cleanText(first('fullName')!.text)
    : joinName([first('lastName')?.text, first('firstName')?.text, first('middleName')?.text]);
  const nameOk = fullName !== '' && hasLetter(fullName);
  if (!nameOk) fail('NAME_MISSING', 'Не указаны фамилия, имя, отчество', nameColumn);

  // Birth date and age.
  let birthDate: IsoDate | null = null;
  let birthBroken = false;
  const birth = first('birthDate');
  if (birth) {
    const d = readDate(birth.cell, year);
    if (d && 'invalid' in d) {
      birthBroken = true;
      fail('BIRTH_DATE_INVALID', `Дата рождения «${birth.text}»: ${d.invalid}`, birth.column);
    } else if (d) {
      if (d.date > opts.today) {
        birthBroken = true;
        fail('BIRTH_DATE_FUTURE', `Дата рождения ${ru(d.date)} ещё не наступила`, birth.column);
      } else {
        const age = ageOn(d.date, opts.today);
        if (age < MIN_AGE || age > MAX_AGE) {
          birthBroken = true;
          fail('AGE_ABSURD', `Возраст ${age} ${years(age)} по дате рождения ${ru(d.date)}: допустимо от ${MIN_AGE} до ${MAX_AGE} лет`, birth.column);
        } else birthDate = d.date;
      }
    }
  }
  const minor = birthDate ? isMinor(birthDate, opts.today) : null;

  const positionOrClass = joined('positionOrClass');
  const category = readCategory(first('category')?.text ?? '', positionOrClass);

  const experienceYears = readBounded(first('experienceYears'), 0, MAX_EXPERIENCE_YEARS, false, 'Стаж', fail);
  const capacityRead = readBounded(first('capacity'), 0, MAX_CAPACITY, true, 'Количество наставляемых', fail);
  const capacity = opts.bank === 'mentor' ? capacityRead : null;

  // Contacts: «Телефон», «E-mail», or one «Контакты» cell holding both.
  let phone = joined('phone');
  let email: string | null = null;
  const emailCell = first('email');
  if (emailCell) {
    const e = emailCell.text.replace(/^mailto:/i, '').trim().toLowerCase();
    if (isEmail(e)) email = e;
    else fail('EMAIL_INVALID', `Адрес электронной почты «${emailCell.text}» не читается`, emailCell.column);
  }
  for (const v of all('contacts')) {
    const split = splitContacts(v.text);
    email ??= split.email;
    if (split.phone) phone = phone ? `${phone}, ${split.phone}` : split.phone;
  }

  const forms = all('forms').flatMap((v) => readForms(v.text));
  const tagCells = all('tags');
  const tags = splitList(tagCells.map((v) => v.text).join('\n'));
  // A «Текст запроса» column, even left empty in this row, is the request text; without one a
  // mentee's request is the requests cell as written.
  const requestText = requestColumn
    ? all('requestText').map((v) => v.text).join('\n') || null
    : opts.bank === 'mentee' && tagCells.length
      ? tagCells.map((v) => v.text).join('\n')
      : null;

  const consent = nameOk ? readConsent(values, fullName, minor, opts, fail) : undefined;

  // The same person twice in the file: the later row names the earlier.
  if (nameOk && !birthBroken) {
    const key = `${nameKey(fullName)}|${birthDate ?? ''}`;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined)
      fail(
        'DUPLICATE_IN_FILE',
        birthDate ? `Повтор строки ${earlier}: те же ФИО и дата рождения` : `Повтор строки ${earlier}: те же ФИО (дата рождения не указана)`,
      );
    else firstRowOf.set(key, r);
  }

  if (errors.length) return { errors };
  const row: ParsedBankRow = {
    row: r,
    fullName,
    birthDate,
    minor,
    category,
    positionOrClass,
    experienceYears,
    contacts: { phone, email },
    forms: [...new Set(forms)],
    tags,
    requestText,
    capacity,
  };
  if (consent) row.consent = consent;
  return { row, errors };
}

function readBounded(
  v: Value | undefined,
  min: number,
  max: number,
  integer: boolean,
  what: string,
  fail: (code: RowErrorCode, message: string, column?: BankColumn) => void,
): number | null {
  if (!v) return null;
  const n = readNumber(v.cell);
  if (n === null) return null;
  if ('invalid' in n) {
    fail('NUMBER_INVALID', `${what} «${v.text}»: ${n.invalid}`, v.column);
    return null;
  }
  if (n.value < min || n.value > max || (integer && !Number.isInteger(n.value))) {
    fail('NUMBER_INVALID', `${what} «${v.text}»: ожидается ${integer ? 'целое ' : ''}число от ${min} до ${max}`, v.column);
    return null;
  }
  return n.value;
}

/**
 * The processing consent the row records: given by the consent column («да», a date, «№ 15
 * от …»), or, without that column's value, by a consent date, number or signer. A minor's
 * consent must be signed by a guardian, and a guardian's name is required.
 */
function readConsent(
  values: Value[],
  fullName: string,
  minor: boolean | null,
  opts: BankFileOptions,
  fail: (code: RowErrorCode, message: string, column?: BankColumn) => void,
): ParsedConsent | undefined {
  const first = (field: BankField) => values.find((v) => v.column.field === field);
  const year = yearOf(opts.today);
  const markCell = first('consent');
  const dateCell = first('consentDate');
  const refCell = first('consentRef');
  const signerCell = first('consentSigner');
  const mark = markCell ? readConsentMark(markCell.cell, year) : null;
  const given = mark ? mark.given : Boolean(dateCell || refCell || signerCell);
  if (!given) return undefined;

  let signedOn: IsoDate | null = null;
  const date: DateRead = dateCell ? readDate(dateCell.cell, year) : mark?.given ? mark.date : null;
  const dateColumn = dateCell?.column ?? markCell?.column;
  if (date && 'invalid' in date) fail('CONSENT_DATE_INVALID', `Дата согласия: ${date.invalid}`, dateColumn);
  else if (date && date.date > opts.today) fail('CONSENT_DATE_FUTURE', `Дата согласия ${ru(date.date)} ещё не наступила`, dateColumn);
  else if (date) signedOn = date.date;

  const guardianName = first('guardianName') ? cleanText(first('guardianName')!.text) : null;
  const s = signerCell ? readSigner(signerCell.text) : null;
  if (s && 'invalid' in s) {
    fail('SIGNER_INVALID', `Кто подписал согласие — «${signerCell!.text}»: ${s.invalid}`, signerCell!.column);
    return undefined;
  }
  const signer: Signer = s ? s.signer : guardianName ? 'guardian' : 'self';
  if (signer === 'self') {
    if (minor) {
      fail(
        'GUARDIAN_REQUIRED',
        'Согласие за несовершеннолетнего подписывает законный представитель (родитель, опекун): укажите, кто подписал, и ФИО законного представителя',
        signerCell?.column ?? markCell?.column ?? dateCell?.column,
      );
      return undefined;
    }
    return { signer, signerName: fullName, guardianRelation: null, signedOn, documentRef: refOf(refCell, mark) };
  }
  if (!guardianName || !hasLetter(guardianName)) {
    fail('GUARDIAN_NAME_MISSING', 'Согласие подписал законный представитель, но его ФИО не указано', signerCell?.column ?? markCell?.column);
    return undefined;
  }
  const relation = first('guardianRelation') ? cleanText(first('guardianRelation')!.text) : s && 'signer' in s ? s.relation : null;
  return { signer, signerName: guardianName, guardianRelation: relation, signedOn, documentRef: refOf(refCell, mark) };
}

function refOf(refCell: Value | undefined, mark: ReturnType<typeof readConsentMark>): string | null {
  if (refCell) return cleanText(refCell.text).replace(/^№\s*/, '') || null;
  return mark?.given ? mark.ref : null;
}

const ru = (iso: IsoDate) => iso.split('-').reverse().join('.');
function years(n: number): string {
  const d = Math.abs(n) % 100;
  if (d >= 11 && d <= 14) return 'лет';
  return ['лет', 'год', 'года', 'года', 'года', 'лет', 'лет', 'лет', 'лет', 'лет'][d % 10]!;
}

// ---------------------------------------------------------------------------------------------
// Export

/** One row of a bank table as the curator filtered it (what bankXlsx writes). */
export type BankExportRow = {
  fullName: string;
  birthDate: IsoDate | null;
  minor: boolean;
  category: Category;
  positionOrClass: string | null;
  experienceYears: number | null;
  youngSpecialist: boolean;
  contacts: Contacts;
  forms: string[];
  tags: string[];
  requestText: string | null;
  capacity: number | null;
  status: BankStatus;
  /** The processing consent's state; null when none is recorded. */
  consent: {
    valid: boolean;
    signer: Signer;
    signerName: string | null;
    guardianRelation: string | null;
    signedOn: IsoDate | null;
    withdrawnOn: IsoDate | null;
    documentRef: string | null;
  } | null;
};

export type BankXlsxOptions = {
  bank: Bank;
  orgName: string;
  /** What the table was filtered by, in words («форма: ученик – ученик; без согласия»); '' for none. */
  filterSummary: string;
  generatedAt: Date;
  /** The organisation's time zone for the «сформировано» line. */
  timeZone?: string;
};

export const BANK_TITLES: Record<Bank, string> = { mentor: 'Банк наставников', mentee: 'Банк наставляемых' };
export const STATUS_LABELS: Record<BankStatus, string> = {
  candidate: 'кандидат',
  approved: 'одобрен',
  in_pair: 'в паре',
  left: 'выбыл',
};

type ExportColumn = { header: string; width: number; date?: boolean; value: (r: BankExportRow, i: number) => string | number | Date | null };

const yesNo = (b: boolean) => (b ? 'да' : 'нет');
const excelDate = (iso: IsoDate | null) => {
  const p = iso ? parseIsoDate(iso) : null;
  return p ? new Date(Date.UTC(p.y, p.m - 1, p.d)) : null;
};

/** The export's columns, with headers that parseBankFile recognises (so an export reads back). */
function exportColumns(bank: Bank, rows: BankExportRow[]): ExportColumn[] {
  const cols: (ExportColumn | false)[] = [
    { header: '№ п/п', width: 6, value: (_, i) => i + 1 },
    { header: 'ФИО', width: 34, value: (r) => r.fullName },
    { header: 'Дата рождения', width: 14, date: true, value: (r) => excelDate(r.birthDate) },
    { header: 'Несовершеннолетний', width: 10, value: (r) => yesNo(r.minor) },
    { header: 'Категория', width: 14, value: (r) => CATEGORY_LABELS[r.category] },
    { header: 'Класс / должность', width: 24, value: (r) => r.positionOrClass },
    { header: 'Педагогический стаж (лет)', width: 12, value: (r) => r.experienceYears },
    { header: 'Молодой специалист', width: 10, value: (r) => yesNo(r.youngSpecialist) },
    { header: 'Телефон', width: 18, value: (r) => r.contacts.phone ?? null },
    { header: 'E-mail', width: 26, value: (r) => r.contacts.email ?? null },
    { header: 'Форма наставничества', width: 26, value: (r) => r.forms.join('; ') || null },
    { header: bank === 'mentor' ? 'Компетенции' : 'Запрос', width: 30, value: (r) => r.tags.join('; ') || null },
    (bank === 'mentee' || rows.some((r) => r.requestText)) && { header: 'Текст запроса', width: 40, value: (r) => r.requestText },
    bank === 'mentor' && { header: 'Количество наставляемых', width: 12, value: (r) => r.capacity },
    { header: 'Статус', width: 12, value: (r) => STATUS_LABELS[r.status] },
    {
      header: 'Согласие на обработку ПДн',
      width: 12,
      value: (r) => (!r.consent ? 'нет' : r.consent.valid ? 'да' : r.consent.withdrawnOn ? 'отозвано' : 'недействительно'),
    },
    { header: 'Дата согласия', width: 14, date: true, value: (r) => excelDate(r.consent?.signedOn ?? null) },
    { header: '№ согласия', width: 12, value: (r) => r.consent?.documentRef ?? null },
    { header: 'Кто подписал', width: 22, value: (r) => (r.consent ? SIGNER_LABELS[r.consent.signer] : null) },
    {
      header: 'ФИО законного представителя',
      width: 34,
      value: (r) => (r.consent?.signer === 'guardian' ? r.consent.signerName : null),
    },
    { header: 'Степень родства', width: 14, value: (r) => (r.consent?.signer === 'guardian' ? r.consent.guardianRelation : null) },
    { header: 'Дата отзыва согласия', width: 14, date: true, value: (r) => excelDate(r.consent?.withdrawnOn ?? null) },
  ];
  return cols.filter((c): c is ExportColumn => c !== false);
}

function stamp(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(d)
    .replace(',', '');
}

/**
 * A filtered bank table as an Excel workbook: a title row (organisation and bank), a line
 * with the filter and when it was made, then the table under a frozen header with an
 * autofilter; dates are real Excel dates. parseBankFile reads it back.
 */
export async function bankXlsx(rows: BankExportRow[], opts: BankXlsxOptions): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Tropa';
  wb.created = opts.generatedAt;
  wb.title = `${BANK_TITLES[opts.bank]}: ${opts.orgName}`;
  const ws = wb.addWorksheet(BANK_TITLES[opts.bank]);
  const cols = exportColumns(opts.bank, rows);
  ws.columns = cols.map((c) => ({ width: c.width }));

  const title = ws.addRow([`${opts.orgName}. ${BANK_TITLES[opts.bank]}`]);
  title.getCell(1).font = { bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, cols.length);
  const filter = cleanText(opts.filterSummary) || 'все записи';
  const sub = ws.addRow([`Отбор: ${filter}. Записей: ${rows.length}. Сформировано ${stamp(opts.generatedAt, opts.timeZone ?? 'Europe/Moscow')}`]);
  ws.mergeCells(sub.number, 1, sub.number, cols.length);
  ws.addRow([]);

  const header = ws.addRow(cols.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const thin = { style: 'thin' as const };
  header.eachCell((cell) => {
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  });
  rows.forEach((r, i) => {
    const line = ws.addRow(cols.map((c) => c.value(r, i)));
    line.alignment = { vertical: 'top', wrapText: true };
    cols.forEach((c, j) => {
      if (c.date) line.getCell(j + 1).numFmt = 'dd.mm.yyyy';
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: header.number }];
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number + rows.length, column: cols.length } };
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
