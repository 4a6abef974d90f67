import { createHash } from 'node:crypto';

/** What an audit row says; the hash covers all of it, so any edit breaks the chain. */
export type AuditFacts = {
  at: string; // ISO 8601, milliseconds
  actorId: string | null;
  orgId: string | null;
  boardId: string | null;
  type: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string | null, facts: AuditFacts): string {
  // Only the facts are hashed, whatever else the row object carries (id, hash, …).
  const { at, actorId, orgId, boardId, type, entityType, entityId, before, after } = facts;
  const canonical = canonicalJson({ at, actorId, orgId, boardId, type, entityType, entityId, before, after });
  return createHash('sha256').update(prevHash ?? '').update('\n').update(canonical).digest('hex');
}

/** A board's rows form one chain; rows outside any board chain per organisation. */
export function chainKey(facts: Pick<AuditFacts, 'boardId' | 'orgId'>): string {
  return facts.boardId ? `board:${facts.boardId}` : `org:${facts.orgId ?? 'none'}`;
}

/**
 * Returns the index of the first row whose hash or link does not hold, or -1. `prev` is the
 * hash the first row must link to: null for a chain's first row, or the last hash an earlier
 * check verified (an incremental check reads only the rows after it).
 */
export function firstBrokenLink(rows: readonly (AuditFacts & { prevHash: string | null; hash: string })[], prev: string | null = null): number {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.prevHash !== prev || chainHash(prev, row) !== row.hash) return i;
    prev = row.hash;
  }
  return -1;
}
