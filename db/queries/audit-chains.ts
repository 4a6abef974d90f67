import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { firstBrokenLink } from '../../lib/audit/chain';
import type { Principal } from '../../lib/permissions';
import type { Db } from '../client';
import { execRows } from '../rows';
import { auditChainChecks, auditEvents, boards, type AuditEvent } from '../schema';
import { orgAuditScope } from './org-audit';

/*
 * Whether each hash chain of an organisation's history verifies (issue 15, "Integrity shown"):
 * one chain per board, one per organisation for its rows outside boards (lib/audit/chain.ts).
 * Checked incrementally: audit_chain_checks keeps, per chain, the last row verified and its
 * hash; a check reads only the rows after it and links them to that hash. A chain found
 * broken keeps its first broken row and is reported broken from then on (the trail is
 * append-only, so nothing can mend it).
 *
 * What an incremental check cannot see: a row it verified before that is edited or deleted
 * afterwards, unless it is the one the next row links to. `npm run audit:verify` rereads every
 * chain from its first row.
 */

export type ChainStatus = {
  chain: string;
  boardId: string | null;
  orgId: string;
  /** Rows verified so far (up to the first broken one). */
  rows: number;
  /** Every row up to now was read and links: false while broken, or while rows wait for the next check. */
  verified: boolean;
  broken: null | { id: number; at: string; type: string };
};

export type Chain = { key: string; boardId: string | null; orgId: string };

/** Rows read per query of one chain, and at most per call across chains: a first check of a long history takes several calls. */
const BATCH = 2000;
export const DEFAULT_BUDGET = 200_000;

function scopeOf(chain: Chain) {
  return chain.boardId ? eq(auditEvents.boardId, chain.boardId) : and(isNull(auditEvents.boardId), eq(auditEvents.orgId, chain.orgId));
}

const brokenOf = (row: Pick<AuditEvent, 'id' | 'at' | 'type'>) => ({ id: row.id, at: row.at.toISOString(), type: row.type });

/**
 * Verifies the rows of one chain added since its last check, at most `budget` of them, and
 * records how far it got. Serialised per chain (an advisory lock), so that two checks at once
 * neither count rows twice nor move the mark backwards.
 */
async function checkChain(db: Db, chain: Chain, budget: number): Promise<{ status: ChainStatus; read: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit-check:${chain.key}`}, 0))`);
    const [mark] = await tx.select().from(auditChainChecks).where(eq(auditChainChecks.chain, chain.key));
    const status: ChainStatus = { chain: chain.key, boardId: chain.boardId, orgId: chain.orgId, rows: mark?.rows ?? 0, verified: false, broken: null };
    if (mark?.brokenId) {
      const [row] = await tx.select({ id: auditEvents.id, at: auditEvents.at, type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.id, mark.brokenId));
      status.broken = row ? brokenOf(row) : { id: mark.brokenId, at: mark.checkedAt.toISOString(), type: '' };
      return { status, read: 0 };
    }
    let lastId = mark?.lastId ?? 0;
    let lastHash = mark?.lastHash ?? null;
    let read = 0;
    let done = false;
    while (!done) {
      const limit = Math.min(BATCH, budget - read);
      if (limit <= 0) break;
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(and(scopeOf(chain), gt(auditEvents.id, lastId)))
        .orderBy(asc(auditEvents.id))
        .limit(limit);
      read += rows.length;
      const i = firstBrokenLink(
        rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        lastHash,
      );
      const good = i < 0 ? rows : rows.slice(0, i);
      if (good.length) {
        lastId = good[good.length - 1].id;
        lastHash = good[good.length - 1].hash;
        status.rows += good.length;
      }
      if (i >= 0) status.broken = brokenOf(rows[i]);
      done = i >= 0 || rows.length < limit;
    }
    status.verified = done && status.broken === null;
    if (read > 0 || !mark) {
      const values = { lastId, lastHash, rows: status.rows, brokenId: status.broken?.id ?? null, checkedAt: new Date() };
      await tx.insert(auditChainChecks).values({ chain: chain.key, ...values }).onConflictDoUpdate({ target: auditChainChecks.chain, set: values });
    }
    return { status, read };
  });
}

/** The chains of an organisation's history (its own and each one's below, each board's), for a reader of it. */
export async function orgChains(db: Db, principal: Principal | null, orgId: string): Promise<Chain[]> {
  const scope = await orgAuditScope(db, principal, orgId);
  const orgIds = [...scope.orgs.keys()];
  const boardRows = await db.select({ id: boards.id, orgId: boards.orgId }).from(boards).where(inArray(boards.orgId, orgIds)).orderBy(asc(boards.createdAt), asc(boards.id));
  return [
    ...orgIds.map((id) => ({ key: `org:${id}`, boardId: null, orgId: id })),
    ...boardRows.map((b) => ({ key: `board:${b.id}`, boardId: b.id, orgId: b.orgId })),
  ];
}

/** `{"a","b"}`: a Postgres array literal of uuids (one parameter, whatever the list's length). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * The id of each chain's latest row, in two statements whatever the number of chains (each
 * subquery reads one end of an index): what tells a chain with nothing new from one to check.
 */
async function chainHeads(db: Db, chains: Chain[]): Promise<Map<string, number>> {
  const heads = new Map<string, number>();
  const boardIds = chains.filter((c) => c.boardId).map((c) => c.boardId!);
  const orgIds = chains.filter((c) => !c.boardId).map((c) => c.orgId);
  if (boardIds.length) {
    const rows = await execRows<{ id: string; head: string | number | null }>(
      db,
      sql`select b.id, (select max(a.id) from audit_events a where a.board_id = b.id) as head from unnest(${uuidArray(boardIds)}::uuid[]) as b(id)`,
    );
    for (const r of rows) heads.set(`board:${r.id}`, Number(r.head ?? 0));
  }
  if (orgIds.length) {
    const rows = await execRows<{ id: string; head: string | number | null }>(
      db,
      sql`select o.id, (select max(a.id) from audit_events a where a.org_id = o.id and a.board_id is null) as head from unnest(${uuidArray(orgIds)}::uuid[]) as o(id)`,
    );
    for (const r of rows) heads.set(`org:${r.id}`, Number(r.head ?? 0));
  }
  return heads;
}

/**
 * Checks the given chains within one budget of rows read; `read` says how many were. A chain
 * whose latest row was verified already is answered from its mark, without a transaction: a
 * page view of a region's history does not lock and query hundreds of quiet chains.
 */
export async function checkChains(db: Db, chains: Chain[], budget = DEFAULT_BUDGET): Promise<{ chains: ChainStatus[]; read: number }> {
  const out: ChainStatus[] = [];
  let read = 0;
  const marks = new Map(
    chains.length ? (await db.select().from(auditChainChecks).where(inArray(auditChainChecks.chain, chains.map((c) => c.key)))).map((m) => [m.chain, m]) : [],
  );
  const heads = await chainHeads(db, chains);
  for (const chain of chains) {
    const mark = marks.get(chain.key);
    if (mark && mark.brokenId === null && (heads.get(chain.key) ?? 0) <= mark.lastId) {
      out.push({ chain: chain.key, boardId: chain.boardId, orgId: chain.orgId, rows: mark.rows, verified: true, broken: null });
      continue;
    }
    const r = await checkChain(db, chain, budget - read);
    out.push(r.status);
    read += r.read;
  }
  return { chains: out, read };
}

/**
 * The state of every chain of the organisation and those below it, checked up to now (at most
 * `budget` rows read in this call), for a reader of its history ('audit.read').
 */
export async function chainStatus(db: Db, principal: Principal | null, orgId: string, budget = DEFAULT_BUDGET): Promise<ChainStatus[]> {
  return (await checkChains(db, await orgChains(db, principal, orgId), budget)).chains;
}
