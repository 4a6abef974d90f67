// POST /api/surveys {template, personId?, pairId?, round?, answers, source?: 'online'|'paper'} → 201 {id}
// A participant answers for itself; the curator enters a paper form for anyone of its organisation.
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { submitSurvey } from '@/db/queries/surveys';
import { apiError, readJsonBody, requirePrincipal } from '../../_lib/api';

export const dynamic = 'force-dynamic';

export async function POST(req: NextRequest) {
  try {
    const user = await requirePrincipal();
    return NextResponse.json(await submitSurvey(getDb(), user.principal, await readJsonBody(req)), { status: 201 });
  } catch (err) {
    return apiError(err);
  }
}
