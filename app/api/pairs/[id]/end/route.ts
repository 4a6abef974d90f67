// POST /api/pairs/<id>/end {outcome: 'completed'|'terminated', endedOn?, reason?} → 200 {status}: completed after the
//      final meeting (else 422 FINAL_MEETING_REQUIRED), terminated with a reason (else 422 REASON_REQUIRED); the
//      card goes to «Завершено» and the pair's people back to the banks' waiting lists.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { endPair } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await endPair(getDb(), user.principal, id, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
