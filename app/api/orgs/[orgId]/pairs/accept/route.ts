// POST /api/orgs/<orgId>/pairs/accept {pairs: [{mentorId, menteeIds, form, roleModel?, rhythmDays?}]} → 201
//      {created: [{id, cardId}], errors: [{index, code, message}]}: several pairs at once (suggestions as the
//      curator accepted or changed them), each formed on its own; a refused one is reported by its index.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { acceptSuggestions } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const result = await acceptSuggestions(getDb(), user.principal, orgId, await readJsonBody(req, 512 * 1024));
    return NextResponse.json(result, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
