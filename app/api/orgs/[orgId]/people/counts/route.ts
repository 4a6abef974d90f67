// GET /api/orgs/<orgId>/people/counts – counts per organisation at and below (no personal data):
// what organisations above see. {orgs: [{orgId, name, mentors, mentees, approved, inPair, consented, minors}]}
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { peopleCounts } from '@/db/queries/people';
import { apiError, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgs } = await peopleCounts(getDb(), user.principal, (await params).orgId);
    return NextResponse.json({ orgs });
  } catch (err) {
    return apiError(err);
  }
}
