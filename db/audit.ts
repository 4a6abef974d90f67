import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { chainHash, chainKey, type AuditFacts } from '../lib/audit/chain';
import type { Db } from './client';
import { auditEvents } from './schema';

export type AuditInput = Omit<AuditFacts, 'at' | 'before' | 'after'> & { at?: Date; before?: unknown; after?: unknown };

/**
 * Appends one audit row to its chain. Call it inside the transaction that applied the
 * change, so the change and its audit row commit together. The advisory lock serialises
 * writers of one chain: without it two writers could both link to the same previous row.
 */
export async function appendAudit(tx: Db, input: AuditInput) {
  const facts: AuditFacts = {
    ...input,
    at: (input.at ?? new Date()).toISOString(),
    before: input.before ?? null,
    after: input.after ?? null,
  };
  const key = chainKey(facts);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const scope = facts.boardId
    ? eq(auditEvents.boardId, facts.boardId)
    : and(isNull(auditEvents.boardId), facts.orgId ? eq(auditEvents.orgId, facts.orgId) : isNull(auditEvents.orgId));
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(scope)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const prevHash = last?.hash ?? null;
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...facts, at: new Date(facts.at), prevHash, hash: chainHash(prevHash, facts) })
    .returning();
  return row;
}
