import { asc, eq } from 'drizzle-orm';
import type { BoardPair } from '../../lib/board/pair-cards';
import type { PairAccount } from '../../lib/board/pairs';
import type { Db } from '../client';
import { pairMembers, pairs, people } from '../schema';

/** A pair of a board with the accounts of its mentor (people.user_id): who may touch its card. */
export type BoardPairRow = BoardPair & { mentorUserIds: string[] };

/**
 * Every pair of the board (any status) as the pairs table has it: its number, stage and number
 * of mentees (the card's title), and the linked accounts of its mentor. Reconciliation of the
 * board's cards and the live write filter's ownership map are both built from this.
 */
export async function loadBoardPairs(db: Db, boardId: string): Promise<BoardPairRow[]> {
  const rows = await db
    .select({ id: pairs.id, number: pairs.number, stage: pairs.stage, side: pairMembers.side, userId: people.userId })
    .from(pairs)
    .leftJoin(pairMembers, eq(pairMembers.pairId, pairs.id))
    .leftJoin(people, eq(people.id, pairMembers.personId))
    .where(eq(pairs.boardId, boardId))
    .orderBy(asc(pairs.number));
  const byId = new Map<string, BoardPairRow>();
  for (const r of rows) {
    let p = byId.get(r.id);
    if (!p) byId.set(r.id, (p = { id: r.id, number: r.number, stage: r.stage, menteeCount: 0, mentorUserIds: [] }));
    if (r.side === 'mentee') p.menteeCount++;
    if (r.side === 'mentor' && r.userId && !p.mentorUserIds.includes(r.userId)) p.mentorUserIds.push(r.userId);
  }
  return [...byId.values()];
}

/** Ownership of a pairs board's cards, from the database: pair id → the accounts of its mentor. */
export function pairOwners(rows: readonly BoardPairRow[]): Map<string, Set<string>> {
  return new Map(rows.map((r) => [r.id, new Set(r.mentorUserIds)]));
}

/** Every member of the board's pairs with its account (people.user_id), for ownPairPeople. */
export async function loadBoardPairAccounts(db: Db, boardId: string): Promise<PairAccount[]> {
  return db
    .select({ pairId: pairMembers.pairId, side: pairMembers.side, userId: people.userId })
    .from(pairMembers)
    .innerJoin(pairs, eq(pairs.id, pairMembers.pairId))
    .innerJoin(people, eq(people.id, pairMembers.personId))
    .where(eq(pairs.boardId, boardId));
}
