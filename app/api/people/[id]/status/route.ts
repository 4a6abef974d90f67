// POST /api/people/<id>/status {bank, status} → 200: e.g. approve into a bank (needs a processing consent in force).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setBankStatus } from '@/db/queries/people';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    const entry = await setBankStatus(getDb(), user.principal, id, await readJsonBody(req));
    return NextResponse.json({ bank: entry.bank, status: entry.status });
  } catch (err) {
    return apiError(err);
  }
}
