import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMenteesSchool, MENTEES_SCHOOL_FILE, MENTEES_SCHOOL_TODAY } from '../../tests/fixtures/banks/make';
import { isMinor } from './age';
import { BankFileError, bankXlsx, MAX_BANK_FILE_BYTES, MAX_BANK_ROWS, parseBankFile, type BankExportRow, type ParsedBankRow } from './bank-file';
import { joinName, nameKey } from './names';
import { BANK_STATUSES, CATEGORIES, DEFAULT_FORMS, type Bank } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1251 bytes of a text (Cyrillic, ASCII and the few signs the tests use). */
function cp1251(s: string): Uint8Array {
  const extra: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...s].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (ch in extra) return extra[ch]!;
    throw new Error(`no cp1251 for ${ch}`);
  }));
}

const errorsOf = (r: { errors: { row: number; code: string }[] }) => r.errors.map((e) => [e.row, e.code]);

async function refusal(p: Promise<unknown>): Promise<BankFileError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BankFileError);
    return err as BankFileError;
  }
  throw new Error('the file was not refused');
}

describe('parseBankFile: a school’s mentee list in Excel (tests/fixtures/banks)', () => {
  const opts = { bank: 'mentee' as const, today: MENTEES_SCHOOL_TODAY };

  it('finds the header under the title rows, reads the two-level consent header and reports an unknown column', async () => {
    const r = await parseBankFile(await buildMenteesSchool(), 'база наставляемых.xlsx', opts);
    expect(r.sheet).toBe('Наставляемые');
    expect(r.headerRow).toBe(4);
    expect(r.columns.map((c) => [c.header, c.field])).toEqual([
      ['№ п/п', 'ignore'],
      ['Фамилия, имя, отчество', 'fullName'],
      ['Дата рождения', 'birthDate'],
      ['Класс', 'positionOrClass'],
      ['Категория', 'category'],
      ['Форма наставничества', 'forms'],
      ['Запрос наставляемого', 'tags'],
      ['Телефон', 'phone'],
      ['Согласие на обработку ПДн: Дата', 'consentDate'],
      ['Согласие на обработку ПДн: Кто подписал', 'consentSigner'],
      ['Согласие на обработку ПДн: ФИО законного представителя', 'guardianName'],
      ['Согласие на обработку ПДн: Степень родства', 'guardianRelation'],
      ['Примечание', null],
    ]);
  });

  it('names every broken row by its Excel row number, and skips the blank one', async () => {
    const r = await parseBankFile(await buildMenteesSchool(), 'база.xlsx', opts);
    expect(errorsOf(r)).toEqual([
      [8, 'GUARDIAN_REQUIRED'],
      [10, 'NAME_MISSING'],
      [11, 'BIRTH_DATE_INVALID'],
      [12, 'BIRTH_DATE_FUTURE'],
      [13, 'DUPLICATE_IN_FILE'],
      [15, 'AGE_ABSURD'],
    ]);
    expect(r.total).toBe(10);
    const byRow = new Map(r.errors.map((e) => [e.row, e]));
    expect(byRow.get(8)!.message.toLowerCase()).toContain('согласие за несовершеннолетнего подписывает законный представитель');
    expect(byRow.get(8)!.column).toBe('Согласие на обработку ПДн: Кто подписал');
    expect(byRow.get(13)!.message).toContain('строки 6');
    expect(byRow.get(11)).toMatchObject({ column: 'Дата рождения', message: expect.stringContaining('31.02.2010') });
  });

  it('reads the valid rows: dates from date cells and text, the merged class, forms normalised, guardian consents', async () => {
    const r = await parseBankFile(await buildMenteesSchool(), 'база.xlsx', opts);
    expect(r.rows.map((p) => p.row)).toEqual([6, 7, 14, 16]);
    const [anna, petr, alena, ksenia] = r.rows as [ParsedBankRow, ParsedBankRow, ParsedBankRow, ParsedBankRow];
    expect(anna).toEqual({
      row: 6,
      fullName: 'Смирнова Анна Сергеевна',
      birthDate: '2011-03-15',
      minor: true,
      category: 'student',
      positionOrClass: '7 «А»',
      experienceYears: null,
      contacts: { phone: '+7 900 111-22-33', email: null },
      forms: ['ученик – ученик'],
      tags: ['Математика', 'подготовка к олимпиаде'],
      requestText: 'Математика, подготовка к олимпиаде',
      capacity: null,
      consent: { signer: 'guardian', signerName: 'Смирнова Елена Викторовна', guardianRelation: 'мать', signedOn: '2024-09-02', documentRef: null },
    });
    expect(petr).toMatchObject({
      birthDate: '2011-11-02',
      positionOrClass: '7 «А»', // the class cell is merged over rows 6 and 7
      forms: ['ученик – ученик', 'студент – ученик'],
      consent: { signer: 'guardian', signerName: 'Кузнецов Андрей Иванович', guardianRelation: 'отец', signedOn: '2024-09-03' },
    });
    expect(alena).toMatchObject({ minor: false, category: 'student', consent: { signer: 'self', signerName: 'Фёдорова Алёна Дмитриевна' } });
    expect(ksenia.consent).toBeUndefined();
    expect(ksenia.minor).toBe(true);
  });

  it('the committed sample reads exactly as the script that makes it builds it', async () => {
    const committed = await parseBankFile(new Uint8Array(readFileSync(MENTEES_SCHOOL_FILE)), 'mentees-school.xlsx', opts);
    const fresh = await parseBankFile(await buildMenteesSchool(), 'mentees-school.xlsx', opts);
    expect(committed).toEqual(fresh);
  });
});

describe('parseBankFile: CSV', () => {
  it('reads a Windows-1251 list with `;`, a title line and quoted commas (a mentor bank)', async () => {
    const text = [
      'Список наставников МБОУ «СОШ № 5», 2024 год;;;;;;;',
      '№ п/п;ФИО;Дата рождения;Должность;Педагогический стаж (лет);Компетенции;Количество наставляемых;Согласие на обработку ПДн',
      '1;Иванова Мария Петровна;12.04.1980;учитель математики;20;ОГЭ, олимпиады;3;№ 7 от 02.09.2024',
      '2;Сидоров Олег Ильич;1975-11-30;учитель физики;много;робототехника;2;да',
      '3;Алексеева Ольга;05.05.1990;педагог-психолог;5;;-1;да',
      '4;"Петров Пётр, мл.";01.01.1985;учитель истории;12 л. 6 мес.;;;нет',
      '',
    ].join('\r\n');
    const bytes = cp1251(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const r = await parseBankFile(bytes, 'наставники.csv', { bank: 'mentor', today: '2025-01-15' });
    expect(r.headerRow).toBe(2);
    expect(r.columns.map((c) => c.field)).toEqual(['ignore', 'fullName', 'birthDate', 'positionOrClass', 'experienceYears', 'tags', 'capacity', 'consent']);
    expect(errorsOf(r)).toEqual([
      [4, 'NUMBER_INVALID'],
      [5, 'NUMBER_INVALID'],
    ]);
    expect(r.errors[0]).toMatchObject({ column: 'Педагогический стаж (лет)', message: expect.stringContaining('много') });
    expect(r.errors[1]).toMatchObject({ column: 'Количество наставляемых' });
    expect(r.rows).toEqual([
      {
        row: 3,
        fullName: 'Иванова Мария Петровна',
        birthDate: '1980-04-12',
        minor: false,
        category: 'teacher',
        positionOrClass: 'учитель математики',
        experienceYears: 20,
        contacts: { phone: null, email: null },
        forms: [],
        tags: ['ОГЭ', 'олимпиады'],
        requestText: null,
        capacity: 3,
        consent: { signer: 'self', signerName: 'Иванова Мария Петровна', guardianRelation: null, signedOn: '2024-09-02', documentRef: '7' },
      },
      expect.objectContaining({ row: 6, fullName: 'Петров Пётр, мл.', experienceYears: 12.5 }),
    ]);
    expect('consent' in r.rows[1]!).toBe(false);
  });

  it('reads a UTF-8 list with BOM and `;`: separate name columns, contacts in one cell, multi-line cells, the consent rules', async () => {
    const text =
      '\uFEFF' +
      [
        'Фамилия;Имя;Отчество;Дата рождения;Класс;Контакты;Запрос;Согласие на обработку ПДн;Кто подписал;ФИО законного представителя',
        'Орлова;Вера;Игоревна;03.03.2012;6 «А»;+7 912 000-00-01, Orlova@mail.ru;"чтение;\nматематика";да;мама;Орлова Инна Петровна',
        'Зуев;Глеб;;2012-07-07;6 «А»;;;да;сам;',
        'Зуева;Ася;;2012-07-08;6 «А»;;;да;законный представитель;',
        ';;;;;;;;;',
        'Орлова ;Вера;Игоревна;03.03.2012;6 «Б»;;;;;',
        'Ким;Ли;;2012-01-01;6 «Б»;;;да;сосед;Ким Ан',
        'Ершов;Артём;;2007-01-15;11 «А»;;;;;', // 18 today
      ].join('\n');
    const r = await parseBankFile(utf8(text), 'mentees.csv', { bank: 'mentee', today: '2025-01-15' });
    expect(r.headerRow).toBe(1);
    // Row numbers are Excel's: the quoted two-line cell of row 2 is one row, not two.
    expect(errorsOf(r)).toEqual([
      [3, 'GUARDIAN_REQUIRED'],
      [4, 'GUARDIAN_NAME_MISSING'],
      [6, 'DUPLICATE_IN_FILE'],
      [7, 'SIGNER_INVALID'],
    ]);
    expect(r.errors.find((e) => e.code === 'DUPLICATE_IN_FILE')!.message).toContain('строки 2');
    expect(r.total).toBe(6);
    const [vera, artem] = r.rows;
    expect(vera).toEqual({
      row: 2,
      fullName: 'Орлова Вера Игоревна',
      birthDate: '2012-03-03',
      minor: true,
      category: 'student',
      positionOrClass: '6 «А»',
      experienceYears: null,
      contacts: { phone: '+7 912 000-00-01', email: 'orlova@mail.ru' },
      forms: [],
      tags: ['чтение', 'математика'],
      requestText: 'чтение;\nматематика',
      capacity: null,
      consent: { signer: 'guardian', signerName: 'Орлова Инна Петровна', guardianRelation: 'мать', signedOn: null, documentRef: null },
    });
    expect(artem).toMatchObject({ row: 8, fullName: 'Ершов Артём', minor: false });
  });

  it('reads a comma-separated UTF-8 list and a tab-separated one alike', async () => {
    const rows = [
      ['ФИО', 'Дата рождения', 'Категория'],
      ['Лебедев Иван', '01.02.1990', 'педагог'],
    ];
    for (const sep of [',', '\t']) {
      const r = await parseBankFile(utf8(rows.map((x) => x.join(sep)).join('\n')), 'list.csv', { bank: 'mentor', today: '2025-01-15' });
      expect(r.rows).toEqual([expect.objectContaining({ row: 2, fullName: 'Лебедев Иван', birthDate: '1990-02-01', category: 'teacher' })]);
    }
  });
});

describe('parseBankFile: files refused as a whole', () => {
  const opts = { bank: 'mentee' as const, today: '2025-01-15' };

  it('over 10 MB', async () => {
    const err = await refusal(parseBankFile(new Uint8Array(MAX_BANK_FILE_BYTES + 1).fill(0x41), 'big.csv', opts));
    expect([err.reason, err.code, err.status]).toEqual(['FILE_TOO_LARGE', 'IMPORT_TOO_LARGE', 413]);
  });

  it(`over ${MAX_BANK_ROWS} people`, async () => {
    const lines = ['ФИО;Дата рождения'];
    for (let i = 0; i <= MAX_BANK_ROWS; i++) lines.push(`Участник ${i};`);
    const err = await refusal(parseBankFile(utf8(lines.join('\n')), 'many.csv', opts));
    expect([err.reason, err.code]).toEqual(['TOO_MANY_ROWS', 'IMPORT_TOO_LARGE']);
  });

  it('exactly the limit is read', async () => {
    const lines = ['ФИО;Дата рождения'];
    for (let i = 0; i < MAX_BANK_ROWS; i++) lines.push(`Участник ${i};`);
    const r = await parseBankFile(utf8(lines.join('\n')), 'many.csv', opts);
    expect([r.total, r.rows.length, r.errors.length]).toEqual([MAX_BANK_ROWS, MAX_BANK_ROWS, 0]);
  });

  it('empty, old .xls, a broken .xlsx, and a list without a header row', async () => {
    expect((await refusal(parseBankFile(new Uint8Array(), 'a.csv', opts))).reason).toBe('FILE_EMPTY');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(parseBankFile(ole, 'база.xls', opts))).reason).toBe('FILE_UNSUPPORTED');
    expect((await refusal(parseBankFile(utf8('not a workbook'), 'база.xlsx', opts))).reason).toBe('FILE_UNREADABLE');
    const noHeader = await refusal(parseBankFile(utf8('Иванов Иван;01.01.2010\nПетров Пётр;02.02.2010'), 'a.csv', opts));
    expect([noHeader.reason, noHeader.code]).toEqual(['NO_HEADER', 'IMPORT_NO_TABLE']);
    const noName = await refusal(parseBankFile(utf8('Дата рождения;Класс\n01.01.2010;5 «А»'), 'a.csv', opts));
    expect(noName.message).toContain('ФИО');
  });
});

// ---------------------------------------------------------------------------------------------
// Export

const TODAY = '2025-06-01';
const iso = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const word = fc.stringMatching(/^[А-ЯЁ][а-яё]{1,9}$/);
const personName = fc.tuple(word, word, fc.option(word, { nil: undefined })).map(joinName);
const oneLine = (re: RegExp) => fc.stringMatching(re).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '');

function exportRow(bank: Bank): fc.Arbitrary<BankExportRow> {
  return fc
    .record({
      fullName: personName,
      birthDate: fc.option(iso('1925-06-02', '2020-06-01'), { nil: null }),
      category: fc.constantFrom(...CATEGORIES),
      positionOrClass: fc.option(oneLine(/^[0-9А-Яа-я «»-]{1,24}$/), { nil: null }),
      experienceYears: fc.option(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 600 }).map((n) => n / 10)), { nil: null }),
      youngSpecialist: fc.boolean(),
      phone: fc.option(fc.stringMatching(/^\+7 9\d{2} \d{3}-\d{2}-\d{2}$/), { nil: null }),
      email: fc.option(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}@[a-z]{1,8}\.ru$/), { nil: null }),
      forms: fc.subarray([...DEFAULT_FORMS, 'педагог – молодой специалист']),
      tags: fc.uniqueArray(oneLine(/^[А-Яа-яA-Za-z0-9 ]{1,16}$/), { maxLength: 4, selector: (t) => t.toLowerCase() }),
      requestText: fc.option(fc.stringMatching(/^[А-Яа-я0-9][А-Яа-я0-9 ,.;\n]{0,60}[А-Яа-я0-9.]$/), { nil: null }),
      capacity: bank === 'mentor' ? fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }) : fc.constant(null),
      status: fc.constantFrom(...BANK_STATUSES),
      consent: fc.option(
        fc.record({
          valid: fc.boolean(),
          guardian: fc.boolean(),
          guardianName: personName,
          guardianRelation: fc.option(fc.constantFrom('мать', 'отец', 'опекун'), { nil: null }),
          signedOn: fc.option(iso('2020-01-01', TODAY), { nil: null }),
          withdrawn: fc.option(iso('2024-01-01', TODAY), { nil: null }),
          documentRef: fc.option(fc.stringMatching(/^[1-9]\d{0,3}(\/20\d\d)?$/), { nil: null }),
        }),
        { nil: null },
      ),
    })
    .map((g): BankExportRow => {
      const minor = g.birthDate !== null && isMinor(g.birthDate, TODAY);
      const guardian = g.consent !== null && (g.consent.guardian || minor);
      return {
        fullName: g.fullName,
        birthDate: g.birthDate,
        minor,
        category: g.category,
        positionOrClass: g.positionOrClass,
        experienceYears: g.experienceYears,
        youngSpecialist: g.youngSpecialist,
        contacts: { phone: g.phone, email: g.email },
        forms: g.forms,
        tags: g.tags,
        requestText: g.requestText,
        capacity: g.capacity,
        status: g.status,
        consent: g.consent && {
          valid: g.consent.valid && !g.consent.withdrawn,
          signer: guardian ? 'guardian' : 'self',
          signerName: guardian ? g.consent.guardianName : g.fullName,
          guardianRelation: guardian ? g.consent.guardianRelation : null,
          signedOn: g.consent.signedOn,
          withdrawnOn: g.consent.valid ? null : g.consent.withdrawn,
          documentRef: g.consent.documentRef,
        },
      };
    });
}

/** What parseBankFile should give back for an exported row (a consent only when valid). */
function expected(r: BankExportRow, row: number): ParsedBankRow {
  const p: ParsedBankRow = {
    row,
    fullName: r.fullName,
    birthDate: r.birthDate,
    minor: r.birthDate ? r.minor : null,
    category: r.category,
    positionOrClass: r.positionOrClass,
    experienceYears: r.experienceYears,
    contacts: { phone: r.contacts.phone ?? null, email: r.contacts.email ?? null },
    forms: r.forms,
    tags: r.tags,
    requestText: r.requestText,
    capacity: r.capacity,
  };
  if (r.consent?.valid)
    p.consent = {
      signer: r.consent.signer,
      signerName: r.consent.signerName!,
      guardianRelation: r.consent.guardianRelation,
      signedOn: r.consent.signedOn,
      documentRef: r.consent.documentRef,
    };
  return p;
}

const uniqueRows = (bank: Bank) =>
  fc.uniqueArray(exportRow(bank), { maxLength: 8, selector: (r) => `${nameKey(r.fullName)}|${r.birthDate ?? ''}` });

describe('bankXlsx', () => {
  const sample: BankExportRow = {
    fullName: 'Иванова Мария Петровна',
    birthDate: '1980-04-12',
    minor: false,
    category: 'teacher',
    positionOrClass: 'учитель математики',
    experienceYears: 20,
    youngSpecialist: false,
    contacts: { phone: '+7 900 000-00-00', email: 'ivanova@school5.ru' },
    forms: ['учитель – учитель'],
    tags: ['ОГЭ', 'олимпиады'],
    requestText: null,
    capacity: 3,
    status: 'approved',
    consent: { valid: true, signer: 'self', signerName: 'Иванова Мария Петровна', guardianRelation: null, signedOn: '2024-09-02', withdrawnOn: null, documentRef: '7' },
  };

  it('writes a title, the filter, a frozen header with an autofilter and real dates', async () => {
    const bytes = await bankXlsx([sample], {
      bank: 'mentor',
      orgName: 'МБОУ «СОШ № 5»',
      filterSummary: 'форма: учитель – учитель; согласие есть',
      generatedAt: new Date('2025-01-15T09:30:00Z'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.getWorksheet('Банк наставников')!;
    expect(ws.getCell('A1').value).toBe('МБОУ «СОШ № 5». Банк наставников');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(String(ws.getCell('A2').value)).toBe('Отбор: форма: учитель – учитель; согласие есть. Записей: 1. Сформировано 15.01.2025 12:30');
    expect(ws.getRow(4).getCell(2).value).toBe('ФИО');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBeTruthy();
    const birth = ws.getRow(5).getCell(3);
    expect(birth.value).toEqual(new Date(Date.UTC(1980, 3, 12)));
    expect(birth.numFmt).toBe('dd.mm.yyyy');
    const headers = (ws.getRow(4).values as unknown[]).slice(1);
    expect(headers).toContain('Количество наставляемых');
    expect(headers).not.toContain('Текст запроса');
  });

  it('says «отозвано» for a withdrawn consent, and the re-import sees no consent', async () => {
    const withdrawn: BankExportRow = { ...sample, consent: { ...sample.consent!, valid: false, withdrawnOn: '2025-01-10' } };
    const bytes = await bankXlsx([withdrawn], { bank: 'mentor', orgName: 'Школа', filterSummary: '', generatedAt: new Date() });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const row = wb.worksheets[0]!.getRow(5).values as unknown[];
    expect(row).toContain('отозвано');
    const back = await parseBankFile(bytes, 'bank.xlsx', { bank: 'mentor', today: TODAY });
    expect(back.rows[0]!.consent).toBeUndefined();
  });

  for (const bank of ['mentor', 'mentee'] as const)
    it(`round trip (${bank}s): random valid rows → bankXlsx → parseBankFile give the same people`, async () => {
      await fc.assert(
        fc.asyncProperty(uniqueRows(bank), fc.constantFrom('', 'ФИО, дата рождения: все', 'форма наставничества: ученик – ученик'), async (rows, filterSummary) => {
          const bytes = await bankXlsx(rows, { bank, orgName: 'МБОУ «СОШ № 5»', filterSummary, generatedAt: new Date('2025-06-01T08:00:00Z') });
          const back = await parseBankFile(bytes, 'bank.xlsx', { bank, today: TODAY });
          expect(back.errors).toEqual([]);
          expect(back.columns.filter((c) => c.field === null)).toEqual([]);
          expect(back.rows).toEqual(rows.map((r, i) => expected(r, back.headerRow + 1 + i)));
        }),
        { numRuns: 25 },
      );
    });
});
