// POST /api/orgs/<orgId>/people/import?bank=mentor|mentee&confirm=0|1&consentDate=YYYY-MM-DD&filename=…
// Body: multipart/form-data with `file` (.xlsx or .csv), or the raw file itself (`?filename=` names it).
// confirm=0 → 200 {columns, rows, errors, total, undatedConsents, sheet, headerRow, saved: false}: nothing saved.
// confirm=1 → 201 {…, saved: true} with every row created in one transaction, or
//   422 {error: {code: 'BANK_FILE_INVALID', message, errors: [{row, column?, code, message, warning?}]}}: nothing saved.
// A file refused as a whole: 400/413/415/422 IMPORT_* with `reason`. Only the organisation's curator or admin,
// checked before the upload is read. The file is parsed in the import worker pool (server/import-pool).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { authoriseBankImport, importBank } from '@/db/queries/people-import';
import { AppError } from '@/lib/errors';
import { BankFileError, MAX_BANK_FILE_BYTES } from '@/lib/people/bank-file';
import { isIsoDate, todayIso } from '@/lib/people/rules';
import { getImportPool } from '@/server/import-pool/registry';
import { apiError, requirePrincipal } from '../../../../../_lib/api';
import { readCappedBody } from '../../../../../_lib/body';

export const dynamic = 'force-dynamic';

// Room for the multipart envelope around a file of the largest accepted size.
const ENVELOPE = 64 * 1024;

type Ctx = { params: Promise<{ orgId: string }> };

function options(q: URLSearchParams) {
  const bank = q.get('bank');
  const confirm = q.get('confirm') ?? '0';
  const consentDate = q.get('consentDate') || null;
  const bad = [
    ...(bank === 'mentor' || bank === 'mentee' ? [] : ['bank']),
    ...(confirm === '0' || confirm === '1' ? [] : ['confirm']),
    ...(consentDate === null || isIsoDate(consentDate) ? [] : ['consentDate']),
  ];
  if (bad.length) throw new AppError('UNPROCESSABLE', `invalid: ${bad.join(', ')}`, { fields: bad });
  return { bank: bank as 'mentor' | 'mentee', confirm: confirm === '1', consentDate, filename: q.get('filename') ?? undefined };
}

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const db = getDb();
    await authoriseBankImport(db, user.principal, orgId);
    const opts = options(req.nextUrl.searchParams);
    const today = todayIso();
    const body = await readCappedBody(
      req,
      MAX_BANK_FILE_BYTES + ENVELOPE,
      () => new BankFileError('FILE_TOO_LARGE', `Файл больше ${MAX_BANK_FILE_BYTES / 1024 / 1024} МБ: разделите список на части.`),
    );
    const upload = await getImportPool().runBankFile(
      { body, contentType: req.headers.get('content-type') ?? '', filename: opts.filename },
      { bank: opts.bank, today },
      user.id,
    );
    const result = await importBank(db, user.principal, orgId, upload.parse, { ...opts, today, fileName: upload.fileName });
    return NextResponse.json({ ...result, fileName: upload.fileName }, { status: result.saved ? 201 : 200 });
  } catch (err) {
    return apiError(err);
  }
}
