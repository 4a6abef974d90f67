// PUT /api/pairs/<id>/goals {goals: [{id?, text}]} → 200 Goal[]: the goals of the pair's plan (those named by id are
//     kept with their marks, the others replaced); the pair's mentor or a curator/admin.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setGoals } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function PUT(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    return NextResponse.json(await setGoals(getDb(), user.principal, id, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
