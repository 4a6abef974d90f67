// POST /api/import[?org=<id>] – parse a roadmap document into the normalised roadmap; touches
// no database. Only someone who may create a board (in `org`, or anywhere) may upload.
// Body: multipart/form-data with `file` (DOCX, XLSX, CSV, text) or `text` (a pasted table),
// or the raw file itself (`?filename=` names it). → {roadmap} or {error:{code, message}}.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { authoriseImport } from '@/db/queries/import';
import { AppError } from '@/lib/errors';
import { MAX_IMPORT_BYTES } from '@/lib/import/types';
import { getImportPool } from '@/server/import-pool/registry';
import { apiError } from '../../_lib/api';
import { readCappedBody } from '../../_lib/body';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

// Room for the multipart envelope around a file of the largest accepted size.
const ENVELOPE = 64 * 1024;

export async function POST(req: NextRequest) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    await authoriseImport(getDb(), user.principal, req.nextUrl.searchParams.get('org'));
    const body = await readCappedBody(req, MAX_IMPORT_BYTES + ENVELOPE);
    // Parsed in a worker thread (server/import-pool): limits on its memory and time.
    const roadmap = await getImportPool().run(
      { body, contentType: req.headers.get('content-type') ?? '', filename: req.nextUrl.searchParams.get('filename') ?? undefined },
      user.id,
    );
    return NextResponse.json({ roadmap });
  } catch (err) {
    return apiError(err);
  }
}
