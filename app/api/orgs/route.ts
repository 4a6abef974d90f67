// GET /api/orgs – the organisations the caller may read: [{id, name, kind, parentId}]
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { apiError, requirePrincipal } from '../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const user = await requirePrincipal();
    const orgs = await visibleOrganisations(getDb(), user.principal);
    return NextResponse.json(orgs.map(({ id, name, kind, parentId }) => ({ id, name, kind, parentId })));
  } catch (err) {
    return apiError(err);
  }
}
