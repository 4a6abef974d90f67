// GET   /api/people/<id> – one person's record with bank entries and consents (logged as a view)
// PATCH /api/people/<id> {fullName?, birthDate?, category?, positionOrClass?, experienceYears?, contacts?}
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { getPerson, updatePerson } from '@/db/queries/people';
import { apiError, readJsonBody, requirePrincipal } from '../../../_lib/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const d = await getPerson(getDb(), user.principal, (await params).id, { view: 'api.person' });
    const p = d.person;
    return NextResponse.json({
      id: p.id,
      orgId: p.orgId,
      number: p.number,
      fullName: p.fullName,
      birthDate: p.birthDate,
      minor: d.minor,
      category: p.category,
      positionOrClass: p.positionOrClass,
      experienceYears: p.experienceYears,
      youngSpecialist: d.youngSpecialist,
      contacts: { email: p.email, phone: p.phone },
      erased: p.erasedAt !== null,
      eraseDueOn: p.eraseDueOn,
      entries: d.entries.map(({ bank, forms, tags, requestText, capacity, status, registeredOn }) => ({ bank, forms, tags, requestText, capacity, status, registeredOn })),
      consents: d.consents.map(({ id, purpose, signer, signerName, guardianRelation, signedOn, validUntil, withdrawnOn, documentRef, textVersion }) => ({
        id, purpose, signer, signerName, guardianRelation, signedOn, validUntil, withdrawnOn, documentRef, textVersion,
      })),
      consent: d.consent,
    });
  } catch (err) {
    return apiError(err);
  }
}

export async function PATCH(req: NextRequest, { params }: Ctx) {
  try {
    const user = await requirePrincipal();
    const { id } = await params;
    await updatePerson(getDb(), user.principal, id, await readJsonBody(req));
    return NextResponse.json({ id });
  } catch (err) {
    return apiError(err);
  }
}
