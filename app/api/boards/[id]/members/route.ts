// GET /api/boards/[id]/members – people of the board's organisation (and above): [{id, name}]
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { listBoardPeople } from '@/db/queries/users';
import { AppError } from '@/lib/errors';
import { apiError } from '../../../../_lib/api';
import { currentUser } from '../../../../_lib/session';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    return NextResponse.json(await listBoardPeople(getDb(), user.principal, (await params).id));
  } catch (err) {
    return apiError(err);
  }
}
