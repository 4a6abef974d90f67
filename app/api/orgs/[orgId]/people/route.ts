// GET  /api/orgs/<orgId>/people?bank=mentor|mentee → [{id, fullName, bank, category, minor, consent: {valid, signer}}]
//      filters q, form, tag, status, consent (valid|missing|withdrawn), minor (yes|no); paging limit (≤ 5000,
//      default 1000) and after (the X-Next-Cursor header of the previous page); X-Total-Count (at most
//      10,000; X-Total-Capped: true when more match).
// POST /api/orgs/<orgId>/people {fullName, birthDate?, category, bank, tags?, capacity?, consent?: {signer,
//      signerName, signedOn, ...}} → 201 {id, status}
// Personal data only for roles held in this organisation (curator, admin, head); each read is logged.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { createPerson, listBank } from '@/db/queries/people';
import { apiError, readJsonBody, requirePrincipal } from '../../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const query = { limit: '1000', ...Object.fromEntries(req.nextUrl.searchParams) };
    const page = await listBank(getDb(), user.principal, (await params).orgId, query, { view: 'api.people' });
    const body = page.rows.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      bank: r.bank,
      category: r.category,
      minor: r.minor,
      birthDate: r.birthDate,
      status: r.status,
      forms: r.forms,
      tags: r.tags,
      capacity: r.capacity,
      erased: r.erased,
      consent: { valid: r.consent.valid, signer: r.consent.signer, state: r.consent.state },
    }));
    const headers: Record<string, string> = { 'X-Total-Count': String(page.total) };
    if (page.totalCapped) headers['X-Total-Capped'] = 'true'; // more than X-Total-Count match
    if (page.next) headers['X-Next-Cursor'] = page.next;
    return NextResponse.json(body, { headers });
  } catch (err) {
    return apiError(err);
  }
}

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const created = await createPerson(getDb(), user.principal, orgId, await readJsonBody(req));
    return NextResponse.json({ id: created.id, status: created.status }, { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
