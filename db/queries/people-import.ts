import { and, inArray, isNull, eq } from 'drizzle-orm';
import { AppError, isAppError } from '../../lib/errors';
import { messagesFor } from '../../lib/i18n/messages';
import { mayEditPeople, type Principal } from '../../lib/permissions';
import type { BankColumn, BankFileParse, ParsedBankRow, RowError } from '../../lib/people/bank-file';
import type { NewPersonInput } from '../../lib/people/input';
import { isIsoDate, nameKey } from '../../lib/people/rules';
import type { Bank, BankStatus, IsoDate, Signer } from '../../lib/people/types';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { people } from '../schema';
import { insertPeople, lockOrgPeople, orgPeopleContext, validateNewPerson, type OrgPeopleContext } from './people';

/*
 * Bulk import of a bank from a parsed Excel / CSV list (issue 13, item 3). The file is
 * parsed in the import worker (lib/people/bank-file.ts via server/import-pool); here each
 * row is checked against the same rules as a person entered by hand (validateNewPerson)
 * and against the people already in the organisation. A preview saves nothing; a confirm
 * saves every row in one transaction, or nothing when any row is broken.
 */

/** A problem of one row: the parser's, a rule's (an AppError code), or a person already in the bank (a warning). */
export type ImportRowError = {
  row: number;
  column?: string;
  code: RowError['code'] | AppError['code'] | 'DUPLICATE_IN_BANK';
  message: string;
  /** A warning does not stop the import: that row is skipped (the person is already in the bank). */
  warning?: true;
};

/** A row of the file as it will be saved: the parsed row with its status and its consent as recorded. */
export type ImportPreviewRow = Omit<ParsedBankRow, 'consent'> & {
  /** approved when the row's processing consent is in force, else candidate. */
  status: BankStatus;
  consent: {
    signer: Signer;
    signerName: string;
    guardianRelation: string | null;
    signedOn: IsoDate;
    documentRef: string;
    /** The file gave no date: the curator's «date of consents without a date» (or, in a preview without it, today). */
    dateFromCurator: boolean;
  } | null;
};

export type BankImportResult = {
  columns: BankColumn[];
  /** The people that will be (preview) or were (confirm) created. */
  rows: ImportPreviewRow[];
  errors: ImportRowError[];
  /** Non-empty data rows in the file. */
  total: number;
  /** Rows whose consent is marked given without a date: the curator must give `consentDate`. */
  undatedConsents: number;
  sheet: string | null;
  headerRow: number;
  saved: boolean;
};

export type ImportBankOptions = {
  bank: Bank;
  confirm: boolean;
  /** The date for consents the file marks as given without a date («да»). */
  consentDate?: IsoDate | null;
  today: IsoDate;
  /** The uploaded file's name, for the audit row. */
  fileName?: string;
};

/**
 * Who may import into an organisation's banks: its own curator or admin (edit access).
 * The route calls this before it reads the upload.
 */
export async function authoriseBankImport(db: Db, principal: Principal | null, orgId: string): Promise<OrgPeopleContext> {
  const ctx = await orgPeopleContext(db, principal, orgId);
  if (!mayEditPeople(ctx.access)) throw new AppError('FORBIDDEN', 'only the organisation’s curator or admin imports a bank');
  return ctx;
}

const RU = messagesFor('ru');

const FIELD_LABELS: Record<string, string> = {
  fullName: 'ФИО',
  birthDate: 'дата рождения',
  category: 'категория',
  positionOrClass: 'класс / должность',
  experienceYears: 'педагогический стаж (от 0 до 70 лет)',
  'contacts.email': 'e-mail',
  'contacts.phone': 'телефон',
  forms: 'форма наставничества',
  tags: 'компетенции / запрос (не больше 30, каждое до 100 знаков)',
  requestText: 'текст запроса (до 2000 знаков)',
  capacity: 'количество наставляемых (от 1 до 30)',
  consent: 'согласие',
};
const fieldLabel = (path: string) => {
  const [a, b] = path.split('.');
  return FIELD_LABELS[`${a}.${b}`] ?? FIELD_LABELS[a!] ?? path;
};

const ruDate = (iso: IsoDate) => iso.split('-').reverse().join('.');

/** A rule's refusal of a row, in Russian (the messages the UI shows for the code). */
function rowMessage(err: AppError, source: ParsedBankRow, consentDate: IsoDate): string {
  // Adult now but not on the day the consent was signed: say which day the rule looked at.
  if (err.code === 'CONSENT_GUARDIAN_REQUIRED' && source.minor === false)
    return `На дату подписания согласия (${ruDate(source.consent?.signedOn ?? consentDate)}) участнику не было 18 лет: согласие подписывает родитель или законный представитель.`;
  const base = (RU.errors as Record<string, string>)[err.code] ?? err.message;
  const fields = (err.details?.fields as string[] | undefined) ?? [];
  if (err.code === 'UNPROCESSABLE' && fields.length) return `${base.replace(/\.$/, '')}: ${[...new Set(fields.map(fieldLabel))].join(', ')}`;
  return base;
}

/** A parsed row as the input a curator would give for the person by hand. */
function inputOf(r: ParsedBankRow, bank: Bank, consentDate: IsoDate): Record<string, unknown> {
  return {
    fullName: r.fullName,
    birthDate: r.birthDate,
    category: r.category,
    positionOrClass: r.positionOrClass,
    experienceYears: r.experienceYears,
    contacts: { email: r.contacts.email ?? null, phone: r.contacts.phone ?? null },
    bank,
    forms: r.forms,
    tags: r.tags,
    requestText: r.requestText,
    capacity: bank === 'mentor' ? r.capacity : null,
    consent: r.consent
      ? {
          purpose: 'pd_processing',
          signer: r.consent.signer,
          signerName: r.consent.signerName,
          guardianRelation: r.consent.guardianRelation,
          signedOn: r.consent.signedOn ?? consentDate,
          documentRef: r.consent.documentRef ?? '—',
        }
      : undefined,
  };
}

type Planned = { source: ParsedBankRow; data: NewPersonInput & { status: BankStatus } };

/** Each valid row checked by the rules; refusals become row errors. Pure. */
function checkRows(parse: BankFileParse, opts: ImportBankOptions): { planned: Planned[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = parse.errors.map((e) => ({ ...e }));
  const planned: Planned[] = [];
  const consentDate = opts.consentDate ?? opts.today;
  for (const source of parse.rows) {
    try {
      planned.push({ source, data: validateNewPerson(inputOf(source, opts.bank, consentDate), opts.today) });
    } catch (err) {
      if (!isAppError(err)) throw err;
      errors.push({ row: source.row, code: err.code, message: rowMessage(err, source, consentDate) });
    }
  }
  return { planned, errors };
}

const dupKey = (key: string, birthDate: IsoDate | null) => `${key}|${birthDate ?? ''}`;

/** People of the organisation (not erased) with the same name and birth date as a planned row → their numbers. */
async function existingNumbers(db: Db, orgId: string, planned: Planned[]): Promise<Map<string, number>> {
  const keys = [...new Set(planned.map((p) => nameKey(p.data.fullName)))];
  const found = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .select({ nameKey: people.nameKey, birthDate: people.birthDate, number: people.number })
      .from(people)
      .where(and(eq(people.orgId, orgId), inArray(people.nameKey, keys.slice(i, i + 1000)), isNull(people.erasedAt)));
    for (const r of rows) {
      const k = dupKey(r.nameKey, r.birthDate);
      if (!found.has(k) || found.get(k)! > r.number) found.set(k, r.number);
    }
  }
  return found;
}

/** Splits the planned rows into those to create and those already in the bank (warnings). */
async function withoutExisting(db: Db, orgId: string, planned: Planned[], errors: ImportRowError[]): Promise<Planned[]> {
  const existing = await existingNumbers(db, orgId, planned);
  const fresh: Planned[] = [];
  for (const p of planned) {
    const n = existing.get(dupKey(nameKey(p.data.fullName), p.data.birthDate));
    if (n === undefined) fresh.push(p);
    else errors.push({ row: p.source.row, code: 'DUPLICATE_IN_BANK', message: `Уже есть в банке: №${n} (совпадают ФИО и дата рождения), строка не загружается`, warning: true });
  }
  return fresh;
}

function previewRow(p: Planned): ImportPreviewRow {
  const { source, data } = p;
  return {
    row: source.row,
    fullName: data.fullName,
    birthDate: data.birthDate,
    minor: source.minor,
    category: data.category,
    positionOrClass: data.positionOrClass,
    experienceYears: data.experienceYears,
    contacts: data.contacts,
    forms: data.forms,
    tags: data.tags,
    requestText: data.requestText,
    capacity: data.capacity,
    status: data.status,
    consent: data.consent
      ? {
          signer: data.consent.signer,
          signerName: data.consent.signerName,
          guardianRelation: data.consent.guardianRelation,
          signedOn: data.consent.signedOn,
          documentRef: data.consent.documentRef ?? '—',
          dateFromCurator: !source.consent?.signedOn,
        }
      : null,
  };
}

const byRow = (a: ImportRowError, b: ImportRowError) => a.row - b.row;

/**
 * Imports a parsed bank list into the organisation's bank. The principal must be the
 * organisation's curator or admin. Preview (confirm false): what would be created and every
 * row's problem; nothing is written. Confirm: refused with BANK_FILE_INVALID (the errors in
 * its details) when any row is broken; otherwise every person (with the consent the file
 * records) is created in one transaction with one 'bank.imported' audit row — all or
 * nothing. Rows naming a person already in the organisation are warnings and are skipped.
 */
export async function importBank(db: Db, principal: Principal | null, orgId: string, parse: BankFileParse, opts: ImportBankOptions): Promise<BankImportResult> {
  await authoriseBankImport(db, principal, orgId);
  if (opts.consentDate != null && (!isIsoDate(opts.consentDate) || opts.consentDate > opts.today))
    throw new AppError('UNPROCESSABLE', 'invalid: consentDate', { fields: ['consentDate'] });
  const { planned, errors } = checkRows(parse, opts);
  const undatedConsents = parse.rows.filter((r) => r.consent && !r.consent.signedOn).length;
  const result = (rows: Planned[], saved: boolean): BankImportResult => ({
    columns: parse.columns,
    rows: rows.map(previewRow),
    errors: errors.sort(byRow),
    total: parse.total,
    undatedConsents,
    sheet: parse.sheet,
    headerRow: parse.headerRow,
    saved,
  });

  if (!opts.confirm) return result(await withoutExisting(db, orgId, planned, errors), false);

  if (errors.length > 0) {
    await withoutExisting(db, orgId, planned, errors); // the duplicates are named as well
    throw new AppError('BANK_FILE_INVALID', RU.errors.BANK_FILE_INVALID, { errors: errors.sort(byRow) });
  }
  if (undatedConsents > 0 && !opts.consentDate)
    throw new AppError('UNPROCESSABLE', 'consentDate is required: some consents in the file have no date', { fields: ['consentDate'] });

  const created = await db.transaction(async (tx) => {
    await lockOrgPeople(tx, orgId);
    // Decided again under the lock: someone may have added a person since the preview.
    const fresh = await withoutExisting(tx, orgId, planned, errors);
    if (fresh.length === 0) throw new AppError('IMPORT_EMPTY', 'В файле нет новых участников: все уже есть в банке.', { errors: errors.sort(byRow) });
    await insertPeople(tx, principal!, orgId, fresh.map((p) => p.data), opts.today);
    await appendAudit(tx, {
      actorId: principal!.id,
      orgId,
      boardId: null,
      type: 'bank.imported',
      entityType: 'organisation',
      entityId: orgId,
      after: { bank: opts.bank, count: fresh.length, fileName: opts.fileName ?? null },
    });
    return fresh;
  });
  return result(created, true);
}
