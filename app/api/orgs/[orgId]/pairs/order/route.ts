// POST /api/orgs/<orgId>/pairs/order {number, date, pairIds} → 200 {updated}: the number and date of
//      «Приказ о закреплении наставнических пар (групп)» kept on the listed pairs (a curator or admin).
// GET  /api/orgs/<orgId>/pairs/order?number=&date=&pairIds=a,b → the order as DOCX (all active pairs
//      when none is listed); for the organisation's curator, admin and head (it names people).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { pairsOrderFor } from '@/db/queries/pair-documents';
import { setOrder } from '@/db/queries/pairs';
import { fileResponse } from '../../../../../_lib/file-response';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    return NextResponse.json(await setOrder(getDb(), user.principal, orgId, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const q = req.nextUrl.searchParams;
    const pairIds = (q.get('pairIds') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return fileResponse(await pairsOrderFor(getDb(), user.principal, orgId, { number: q.get('number'), date: q.get('date') || null, pairIds }));
  } catch (err) {
    return apiError(err);
  }
}
