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

/**
 * Appends several rows to one board's chain in order, inside the caller's transaction:
 * one lock and one look-up of the chain's head for the whole batch (the group commit).
 */
export async function appendAuditBatch(tx: Db, boardId: string, orgId: string | null, inputs: (Omit<AuditInput, 'boardId' | 'orgId'>)[]) {
  if (inputs.length === 0) return [];
  const key = chainKey({ boardId, orgId });
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.boardId, boardId))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  let prevHash = last?.hash ?? null;
  const values = inputs.map((input) => {
    const facts: AuditFacts = {
      ...input,
      boardId,
      orgId,
      at: (input.at ?? new Date()).toISOString(),
      before: input.before ?? null,
      after: input.after ?? null,
    };
    const hash = chainHash(prevHash, facts);
    const row = { ...facts, at: new Date(facts.at), prevHash, hash };
    prevHash = hash;
    return row;
  });
  return tx.insert(auditEvents).values(values).returning();
}
