// POST /api/boards/import[?org=<id>] – create a roadmap board from a (previewed, edited) roadmap.
// Body: {orgId, roadmap, filename?} → 201 {id}. The verb authorises, validates and audits;
// the caller is authorised (on `org` when given) before the body is read, and the body is capped.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { authoriseImport, createBoardFromImport } from '@/db/queries/import';
import { AppError } from '@/lib/errors';
import { ImportError } from '@/lib/import/types';
import { apiError } from '../../../_lib/api';
import { readCappedBody } from '../../../_lib/body';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

// A roadmap as the preview sends it back: a long plan is a few hundred KB of JSON.
const MAX_ROADMAP_JSON = 4 * 1024 * 1024;
const tooLarge = () => new ImportError('IMPORT_TOO_LARGE', 'План слишком большой: больше 4 МБ. Разделите его на несколько досок.');

export async function POST(req: NextRequest) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const db = getDb();
    const org = req.nextUrl.searchParams.get('org');
    await authoriseImport(db, user.principal, org);
    const raw = await readCappedBody(req, MAX_ROADMAP_JSON, tooLarge);
    const body = parseJson(raw) as { orgId?: unknown; roadmap?: unknown; filename?: unknown } | null;
    if (!body || typeof body !== 'object') throw new AppError('INVALID_INPUT', 'expected a JSON object', { fields: ['(input)'] });
    if (org !== null && body.orgId !== undefined && body.orgId !== org) throw new AppError('INVALID_INPUT', 'orgId differs from ?org=', { fields: ['orgId'] });
    const filename = typeof body.filename === 'string' ? body.filename.slice(0, 255) : null;
    const board = await createBoardFromImport(db, user.principal, body.orgId ?? org, body.roadmap, { filename });
    return NextResponse.json({ id: board.id }, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}

function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return null;
  }
}
