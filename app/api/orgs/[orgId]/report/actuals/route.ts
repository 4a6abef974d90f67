// PUT /api/orgs/<orgId>/report/actuals {round, key, value: number|null, note?} → {ok: true}: a manual indicator's actual.
// 'report.edit'; 409 REPORT_SIGNED.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { setIndicatorActual } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const body = obj(await readJsonBody(req));
    const { round, ...rest } = body;
    await setIndicatorActual(getDb(), user.principal, orgId, round, rest);
    return NextResponse.json({ ok: true });
  } catch (err) {
    return apiError(err);
  }
}
