// GET /api/boards/[id]/export?format=docx|xlsx – the roadmap board as a plan document.
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { roadmapForExport } from '@/db/queries/export';
import { AppError } from '@/lib/errors';
import { exportDocx } from '@/lib/export/docx';
import { exportXlsx } from '@/lib/export/xlsx';
import { apiError } from '../../../../_lib/api';
import { currentUser } from '../../../../_lib/session';

export const dynamic = 'force-dynamic';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A file name both old and new browsers save correctly, Cyrillic included (RFC 6266). */
function disposition(title: string, ext: string): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'roadmap';
  return `attachment; filename="roadmap.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
}

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const format = req.nextUrl.searchParams.get('format') ?? 'docx';
    if (format !== 'docx' && format !== 'xlsx') throw new AppError('INVALID_INPUT', 'format must be docx or xlsx', { fields: ['format'] });
    const { roadmap, title } = await roadmapForExport(getDb(), user.principal, (await params).id);
    const bytes = format === 'docx' ? await exportDocx(roadmap) : await exportXlsx(roadmap);
    return new Response(bytes as BodyInit, {
      headers: { 'content-type': TYPES[format], 'content-disposition': disposition(title, format), 'cache-control': 'no-store' },
    });
  } catch (err) {
    return apiError(err);
  }
}
