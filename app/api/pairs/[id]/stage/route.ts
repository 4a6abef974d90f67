// POST /api/pairs/<id>/stage {stage, reason} → 200 {stage, moved}: moves the pair back (or on past a stage) without
//      a meeting; the reason is required. «done» only through /end.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setStage } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await setStage(getDb(), user.principal, id, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
