// POST   /api/orgs/<orgId>/report/indicators {title, unit?, targets: {YYYY: number}} → 201 {key}: an indicator added by hand.
// PUT    /api/orgs/<orgId>/report/indicators {key, link: <figure key>|'manual'|null} → {key, link}: an indicator's link.
// DELETE /api/orgs/<orgId>/report/indicators?key=<key> → {ok: true}: removes an indicator added by hand.
// All 'report.edit' (curator); 404 for an unknown indicator.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { addIndicator, removeIndicator, setIndicatorLink } from '@/db/queries/reports';
import { apiError, readJsonBody, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await addIndicator(getDb(), user.principal, (await params).orgId, await readJsonBody(req)), { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}

export async function PUT(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await setIndicatorLink(getDb(), user.principal, (await params).orgId, await readJsonBody(req)));
  } catch (err) {
    return apiError(err);
  }
}

export async function DELETE(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    await removeIndicator(getDb(), user.principal, (await params).orgId, req.nextUrl.searchParams.get('key'));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return apiError(err);
  }
}
