// GET /api/boards – the boards the caller may read: [{id, title, kind, orgId}]
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { listReadableBoards } from '@/db/queries/boards';
import { AppError } from '@/lib/errors';
import { apiError } from '../../_lib/api';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const boards = await listReadableBoards(getDb(), user.principal);
    return NextResponse.json(boards.map(({ id, title, kind, orgId }) => ({ id, title, kind, orgId })));
  } catch (err) {
    return apiError(err);
  }
}
