/** A member of a pair with its account, as the database has it (pair_members + people.user_id). */
export type PairAccount = { pairId: string; side: 'mentor' | 'mentee'; userId: string | null };

/**
 * The accounts a mentor may know by name on a pairs board (DESIGN.md, "Personal data": the
 * pair's own members): itself, and the accounts of the people in the pairs whose mentor it is.
 * Decided from the database (pair_members and people.user_id), never from anything a client
 * wrote on a card: another pair's card holds only its pair's id and tells a mentor nothing.
 */
export function ownPairPeople(members: readonly PairAccount[], mentorUserId: string): Set<string> {
  const mine = new Set(members.filter((m) => m.side === 'mentor' && m.userId === mentorUserId).map((m) => m.pairId));
  const ids = new Set([mentorUserId]);
  for (const m of members) if (mine.has(m.pairId) && m.userId) ids.add(m.userId);
  return ids;
}
