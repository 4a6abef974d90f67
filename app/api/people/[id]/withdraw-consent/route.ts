// POST /api/people/<id>/withdraw-consent {consentId?, purpose?, withdrawnOn?} → 200 {stopped, eraseDueOn}
// Withdrawing the processing consent stops processing at once; erasure is due 30 days later.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { withdrawConsent } from '@/db/queries/people';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await withdrawConsent(getDb(), user.principal, id, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
