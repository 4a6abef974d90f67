// GET /api/pairs/<id>/journal?format=docx|xlsx – «Журнал наставника» of one pair (its meetings, plan,
// feedback): for the organisation's staff and the pair's own members.
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { pairJournalFor } from '@/db/queries/pair-documents';
import { apiError, requirePrincipal } from '../../../../_lib/api';
import { fileResponse } from '../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return fileResponse(await pairJournalFor(getDb(), user.principal, id, req.nextUrl.searchParams.get('format') ?? 'docx'));
  } catch (err) {
    return apiError(err);
  }
}
