// PUT /api/orgs/<orgId>/report/settings {formula: 'mean'|'share', threshold?} → the satisfaction setting. 'report.edit'.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setSatisfactionSetting } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    return NextResponse.json(await setSatisfactionSetting(getDb(), user.principal, orgId, body));
  } catch (err) {
    return apiError(err);
  }
}
