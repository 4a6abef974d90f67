// GET /api/orgs/<orgId>/preferences → [{personId, preferred: [personId, …] (ranked, first choice first)}]
// PUT /api/orgs/<orgId>/preferences {personId, preferred: [personId, …]} → 200 {personId, preferred}: whom a
//     person would prefer after a group meeting, entered by the curator (replaces the person's list).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { listPreferences, setPreferences } from '@/db/queries/pairs';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(_req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await listPreferences(getDb(), user.principal, (await params).orgId));
  } catch (err) {
    return apiError(err);
  }
}

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    return NextResponse.json(await setPreferences(getDb(), user.principal, orgId, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}
