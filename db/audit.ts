import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { chainHash, chainKey, type AuditFacts } from '../lib/audit/chain';
import { storable, storableText } from '../lib/audit/sanitize';
import type { Db } from './client';
import { isDataError } from './errors';
import { auditEvents, type AuditEvent } from './schema';

export type AuditInput = Omit<AuditFacts, 'at' | 'before' | 'after'> & { at?: Date; before?: unknown; after?: unknown };

/**
 * The facts an audit row stores and hashes: every row is built here, and what users typed
 * is made storable (lib/audit/sanitize.ts) before it is hashed, so that no value can make
 * the insert fail or be stored other than as hashed.
 */
export function auditFacts(input: AuditInput): AuditFacts {
  const text = (v: string | null) => (v === null ? null : storableText(v));
  return {
    at: (input.at ?? new Date()).toISOString(),
    actorId: input.actorId,
    orgId: input.orgId,
    boardId: input.boardId,
    type: storableText(input.type),
    entityType: storableText(input.entityType),
    entityId: text(input.entityId),
    before: storable(input.before ?? null),
    after: storable(input.after ?? null),
  };
}

/**
 * Appends one audit row to its chain. Call it inside the transaction that applied the
 * change, so the change and its audit row commit together. The advisory lock serialises
 * writers of one chain: without it two writers could both link to the same previous row.
 */
export async function appendAudit(tx: Db, input: AuditInput) {
  const facts = auditFacts(input);
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

/** Takes the board chain's lock for the transaction and returns the hash of its last row. */
async function lockBoardChain(tx: Db, boardId: string, orgId: string | null): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${chainKey({ boardId, orgId })}, 0))`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.boardId, boardId))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return last?.hash ?? null;
}

type BoardAuditInput = Omit<AuditInput, 'boardId' | 'orgId'>;

/**
 * Appends several rows to one organisation's own chain (rows outside any board) in order,
 * inside the caller's transaction: one lock and one look-up of the chain's head for the
 * batch (a bank import of thousands of people), inserted 500 rows a statement.
 */
export async function appendOrgAuditBatch(tx: Db, orgId: string, inputs: BoardAuditInput[]) {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${chainKey({ boardId: null, orgId })}, 0))`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(and(isNull(auditEvents.boardId), eq(auditEvents.orgId, orgId)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  let prevHash = last?.hash ?? null;
  const values = inputs.map((input) => {
    const facts = auditFacts({ ...input, boardId: null, orgId });
    const hash = chainHash(prevHash, facts);
    const row = { ...facts, at: new Date(facts.at), prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < values.length; i += 500) await tx.insert(auditEvents).values(values.slice(i, i + 500));
}

/**
 * Appends several rows to one board's chain in order, inside the caller's transaction:
 * one lock and one look-up of the chain's head for the whole batch (the group commit).
 */
export async function appendAuditBatch(tx: Db, boardId: string, orgId: string | null, inputs: BoardAuditInput[]) {
  if (inputs.length === 0) return [];
  let prevHash = await lockBoardChain(tx, boardId, orgId);
  const values = inputs.map((input) => {
    const facts = auditFacts({ ...input, boardId, orgId });
    const hash = chainHash(prevHash, facts);
    const row = { ...facts, at: new Date(facts.at), prevHash, hash };
    prevHash = hash;
    return row;
  });
  return tx.insert(auditEvents).values(values).returning();
}

/**
 * The same, one row at a time, each in a savepoint: for a batch the database refused. A
 * row refused for its data (isDataError) is handed to `refused` (the quarantine) and the
 * chain links over it; any other error ends the transaction, to be retried whole.
 */
export async function appendAuditRowByRow(
  tx: Db,
  boardId: string,
  orgId: string | null,
  inputs: BoardAuditInput[],
  refused: (row: unknown, err: unknown) => Promise<void>,
): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  let prevHash = await lockBoardChain(tx, boardId, orgId);
  const stored: AuditEvent[] = [];
  for (const input of inputs) {
    let facts: AuditFacts;
    try {
      facts = auditFacts({ ...input, boardId, orgId });
    } catch (err) {
      await refused({ ...input, boardId, orgId }, err); // not even its facts could be built (an invalid date)
      continue;
    }
    const hash = chainHash(prevHash, facts);
    try {
      const [row] = await tx.transaction((sp) => sp.insert(auditEvents).values({ ...facts, at: new Date(facts.at), prevHash, hash }).returning());
      stored.push(row);
      prevHash = hash;
    } catch (err) {
      if (!isDataError(err)) throw err;
      await refused(facts, err);
    }
  }
  return stored;
}
