// GET /api/orgs/<orgId>/pairs/suggestions → {suggestions: [{mentorId, menteeId, form, score, reasons: [{code, text}],
//     mentorName, menteeName}], unmatched: [{menteeId, reason, menteeName}], excludedMentors: [{mentorId, reason,
//     mentorName}]}: a globally optimal assignment of everyone waiting in the banks (lib/matching), for the
//     organisation's curator, admin and head (names logged).
// GET /api/orgs/<orgId>/pairs/suggestions?mentorId=&menteeId= → {suggestion: {…} | null}: one pair picked by hand,
//     scored and explained as a suggestion would be (null: they cannot be paired).
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { describeCandidatePair, suggestPairs } from '@/db/queries/pairs';
import { apiError, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const q = req.nextUrl.searchParams;
    const mentorId = q.get('mentorId');
    const menteeId = q.get('menteeId');
    if (mentorId !== null || menteeId !== null) {
      return NextResponse.json({ suggestion: await describeCandidatePair(getDb(), user.principal, orgId, mentorId ?? '', menteeId ?? '') });
    }
    return NextResponse.json(await suggestPairs(getDb(), user.principal, orgId));
  } catch (err) {
    return apiError(err);
  }
}
