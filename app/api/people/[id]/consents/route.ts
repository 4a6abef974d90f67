// POST /api/people/<id>/consents {purpose?, signer, signerName, guardianRelation?, signedOn, validUntil?,
// documentRef?, textVersion?} → 201 {id}: records one signed consent document.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { recordConsent } from '@/db/queries/people';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    const c = await recordConsent(getDb(), user.principal, id, await readJsonBody(req));
    return NextResponse.json({ id: c.id }, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
