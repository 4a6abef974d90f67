// GET /api/orgs/<orgId>/audit/chains – whether each audit hash chain of the organisation and those
// below it verifies → {chains: [{chain, boardId, orgId, rows, verified, broken: null | {id, at, type}}]}
// Checked incrementally (db/queries/audit-chains.ts); a full check is `npm run audit:verify`.
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { chainStatus } from '@/db/queries/audit-chains';
import { apiError, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json({ chains: await chainStatus(getDb(), user.principal, (await params).orgId) });
  } catch (err) {
    return apiError(err);
  }
}
