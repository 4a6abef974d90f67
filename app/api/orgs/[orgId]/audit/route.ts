// GET /api/orgs/<orgId>/audit – the organisation's history: every audit event of the organisation
// and those below it, newest first → {events: HistoryEvent[], next: number|null, names: HistoryNames}
// Filters: type (one type, or a group 'card.*'), actorId, boardId, cardId, org (an organisation
// below), from, to (ISO times); paging: limit (1..500, default 50), before (the `next` of the
// previous page). 'audit.read' on the organisation (head, curator): 403, unknown or hidden 404.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { listOrgAudit } from '@/db/queries/org-audit';
import { apiError, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const page = await listOrgAudit(getDb(), user.principal, (await params).orgId, Object.fromEntries(req.nextUrl.searchParams));
    return NextResponse.json({ events: page.events, next: page.next, names: page.names });
  } catch (err) {
    return apiError(err);
  }
}
