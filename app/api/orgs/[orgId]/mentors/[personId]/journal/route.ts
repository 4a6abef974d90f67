// GET /api/orgs/<orgId>/mentors/<personId>/journal?format=docx|xlsx – «Журнал наставника» of all the
// mentor's pairs in the organisation (each pair read as its page is: staff and the pair's members).
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { mentorJournalFor } from '@/db/queries/pair-documents';
import { apiError, requirePrincipal } from '../../../../../../_lib/api';
import { fileResponse } from '../../../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string; personId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId, personId } = await params;
    return fileResponse(await mentorJournalFor(getDb(), user.principal, orgId, personId, req.nextUrl.searchParams.get('format') ?? 'docx'));
  } catch (err) {
    return apiError(err);
  }
}
