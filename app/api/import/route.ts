// POST /api/import – parse a roadmap document into the normalised roadmap; touches no database.
// Body: multipart/form-data with `file` (DOCX, XLSX, CSV, text) or `text` (a pasted table),
// or the raw file itself (`?filename=` names it). → {roadmap} or {error:{code, message}}.
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { importRoadmap, importRoadmapText, MAX_IMPORT_BYTES } from '@/lib/import';
import { ImportError } from '@/lib/import/types';
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
    const body = await readCappedBody(req, MAX_IMPORT_BYTES + ENVELOPE);
    const type = req.headers.get('content-type') ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body as BodyInit, { headers: { 'content-type': type } }).formData();
      const file = form.get('file');
      const text = form.get('text');
      if (file instanceof Blob && file.size > 0) {
        const name = 'name' in file && typeof file.name === 'string' ? file.name : undefined;
        return NextResponse.json({ roadmap: await importRoadmap(new Uint8Array(await file.arrayBuffer()), name) });
      }
      if (typeof text === 'string') return NextResponse.json({ roadmap: importRoadmapText(text) });
      throw new ImportError('IMPORT_EMPTY', 'Выберите файл или вставьте таблицу.');
    }
    const filename = req.nextUrl.searchParams.get('filename') ?? undefined;
    return NextResponse.json({ roadmap: await importRoadmap(body, filename) });
  } catch (err) {
    return apiError(err);
  }
}
