// POST /api/people/<id>/erase → 200 {number}: destroys the person's personal data now (the curator's
// decision; the server also erases automatically when the 30 days after a withdrawal end).
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { erasePerson } from '@/db/queries/people';
import { apiError, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const res = await erasePerson(getDb(), user.principal, (await params).id, 'curator');
    return NextResponse.json({ number: res.number, alreadyErased: res.alreadyErased });
  } catch (err) {
    return apiError(err);
  }
}
