import type { HistoryNames } from '../../lib/history/sentence';
import { asc, desc, or, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { titleChange, TITLE_TYPES } from '../../lib/audit/titles';
import { mergeMany } from '../../lib/board/merge';
import { can, mayReadPeople, peopleAccess, type Principal, type Role } from '../../lib/permissions';
import type { Db } from '../client';
import { execRows } from '../rows';
import { boards, boardSnapshots, boardUpdates, memberships, people, users } from '../schema';
import type { HistoryEvent, OrgAuditScope } from './org-audit';
import { anyOf } from './any-of';
import { listOrganisations } from './organisations';

/*
 * Names for the history's sentences (lib/history/describe.ts), as they are now: organisations
 * and boards from their tables, columns and cards from each board's current document (a card
 * deleted since: from its card.deleted row), people only where the reader may see them.
 *
 * Whose name a reader sees (DESIGN.md, "Personal data"):
 * - a person of a bank: only a curator, admin or head of the person's own organisation;
 * - an account: its name is shown to every reader of the history (who did what is what the
 *   history is for), unless it is a bank person's account (a mentor's, a mentee's) holding no
 *   other role: then as that person's name. Absent from `people` means hidden.
 */
export type { HistoryNames } from '../../lib/history/sentence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BANK_ROLES: ReadonlySet<Role> = new Set(['mentor', 'mentee']);
const MAX_IDS_PER_EVENT = 200;

/** The ids an event mentions: where it happened, who did it, what it is about, and ids in its values. */
function idsOf(e: HistoryEvent, into: Set<string>) {
  let left = MAX_IDS_PER_EVENT;
  const add = (v: unknown) => typeof v === 'string' && UUID.test(v) && left-- > 0 && into.add(v.toLowerCase());
  const walk = (v: unknown, depth: number) => {
    if (left <= 0) return;
    if (typeof v === 'string') add(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v !== null && typeof v === 'object' && depth < 6) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  [e.orgId, e.boardId, e.actor.id, e.cardId, e.data.entityId].forEach(add);
  walk(e.data.before, 0);
  walk(e.data.after, 0);
}

// ---------------------------------------------------------------- boards' current documents

type DocNames = { version: number | null; columns: Map<string, string>; cards: Map<string, string> };
const docCache = new Map<string, DocNames>();
// About 30 KB a board of 200 cards: a region's thousand boards stay parsed for its exports.
const MAX_CACHED_DOCS = 1000;

/** Forgets the cached names of boards' documents (the bench measures a cold read with it). */
export function forgetBoardNames(): void {
  docCache.clear();
}

function namesOfDoc(parts: Uint8Array[], version: number | null): DocNames {
  const doc = new Y.Doc();
  try {
    if (parts.length) Y.applyUpdate(doc, parts.length === 1 ? parts[0] : mergeMany(parts));
    const columns = new Map<string, string>();
    const cards = new Map<string, string>();
    doc.getMap<Y.Map<unknown>>('columns').forEach((c, id) => c instanceof Y.Map && columns.set(id, String(c.get('title') ?? '')));
    doc.getMap<Y.Map<unknown>>('cards').forEach((c, id) => c instanceof Y.Map && cards.set(id, c.get('title')?.toString() ?? ''));
    return { version, columns, cards };
  } finally {
    doc.destroy();
  }
}

/** More new rows than this on a board since its names were cached: read its document again instead. */
const MAX_CATCH_UP = 2000;

/**
 * The column and card titles of each board as they are now. A board's document is read once,
 * then its names follow its later audit rows (lib/audit/titles.ts: every title change is
 * audited), so a page of the history costs one short query for the boards already seen, even
 * when they were edited since (the first page of an active organisation names exactly those).
 */
async function boardDocNames(db: Db, boardIds: string[]): Promise<Map<string, DocNames>> {
  const out = new Map<string, DocNames>();
  if (boardIds.length === 0) return out;
  const versions = await execRows<{ id: string; last: string | number | null }>(
    db,
    sql`select v.id::text as id, (select a.id from audit_events a where a.board_id = v.id order by a.id desc limit 1) as last
        from unnest(${`{${boardIds.join(',')}}`}::uuid[]) as v(id)`,
  );
  const missing: { id: string; version: number | null }[] = [];
  const behind: { id: string; version: number; names: DocNames }[] = [];
  for (const v of versions) {
    const version = v.last === null ? null : Number(v.last);
    const hit = docCache.get(v.id);
    if (hit) {
      docCache.delete(v.id); // most recently used last
      docCache.set(v.id, hit);
    }
    if (hit && hit.version === version) out.set(v.id, hit);
    else if (hit && hit.version !== null && version !== null && version > hit.version) behind.push({ id: v.id, version, names: hit });
    else missing.push({ id: v.id, version });
  }
  if (behind.length) {
    // The title rows each board gained since its names were cached, for all of them in one query.
    const rows = await execRows<{ board_id: string; type: string; entity_id: string | null; after: unknown }>(
      db,
      sql`select v.board::text as board_id, a.type, a.entity_id, a.after
          from (values ${sql.join(behind.map((b) => sql`(${b.id}::uuid, ${b.names.version}::bigint, ${b.version}::bigint)`), sql`, `)}) as v(board, lo, hi)
          cross join lateral (
            select id, type, entity_id, after from audit_events a
            where a.board_id = v.board and a.id > v.lo and a.id <= v.hi and a.type in (${sql.join(TITLE_TYPES.map((t) => sql`${t}`), sql`, `)})
            order by a.id limit ${MAX_CATCH_UP + 1}
          ) a
          order by v.board, a.id`,
    );
    const byBoard = new Map<string, typeof rows>();
    for (const r of rows) (byBoard.get(r.board_id) ?? byBoard.set(r.board_id, []).get(r.board_id)!).push(r);
    for (const b of behind) {
      const mine = byBoard.get(b.id) ?? [];
      if (mine.length > MAX_CATCH_UP) {
        missing.push({ id: b.id, version: b.version });
        continue;
      }
      for (const row of mine) {
        const change = titleChange({ type: row.type, entityId: row.entity_id, after: row.after });
        if (change) (change.kind === 'card' ? b.names.cards : b.names.columns).set(change.id, change.title);
      }
      b.names.version = b.version;
      out.set(b.id, b.names);
    }
  }
  if (missing.length === 0) return out;
  const ids = missing.map((m) => m.id);
  // One snapshot of the database for both reads, as loadBoardLog: a compaction committing in
  // between would leave an old snapshot beside a log it had emptied.
  const { snaps, logs } = await db.transaction(
    async (tx) => ({
      snaps: await tx
        .selectDistinctOn([boardSnapshots.boardId], { boardId: boardSnapshots.boardId, state: boardSnapshots.state })
        .from(boardSnapshots)
        .where(anyOf(boardSnapshots.boardId, ids, 'uuid'))
        .orderBy(boardSnapshots.boardId, desc(boardSnapshots.upToSeq), desc(boardSnapshots.id)),
      logs: await tx
        .select({ boardId: boardUpdates.boardId, update: boardUpdates.update })
        .from(boardUpdates)
        .where(anyOf(boardUpdates.boardId, ids, 'uuid'))
        .orderBy(asc(boardUpdates.seq)),
    }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const parts = new Map<string, Uint8Array[]>(ids.map((id) => [id, []]));
  for (const s of snaps) parts.get(s.boardId)!.push(s.state);
  for (const l of logs) parts.get(l.boardId)!.push(l.update);
  for (const m of missing) {
    const names = namesOfDoc(parts.get(m.id)!, m.version);
    docCache.set(m.id, names);
    out.set(m.id, names);
  }
  while (docCache.size > MAX_CACHED_DOCS) docCache.delete(docCache.keys().next().value!);
  return out;
}

/** Titles of cards no longer on their boards, from their last card.deleted (or card.created) row. */
async function deletedCardTitles(db: Db, wanted: { boardId: string; cardId: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const rows = await execRows<{ entity_id: string; type: string; before: unknown; after: unknown }>(
    db,
    sql`select distinct on (board_id, entity_id) entity_id, type, before, after from audit_events
        where ${anyOf(sql`board_id`, [...new Set(wanted.map((w) => w.boardId))], 'uuid')}
          and ${anyOf(sql`entity_id`, [...new Set(wanted.map((w) => w.cardId))], 'text')}
          and type in ('card.deleted', 'card.created')
        order by board_id, entity_id, (type = 'card.deleted') desc, id desc`,
  );
  for (const r of rows) {
    const plain = (r.type === 'card.deleted' ? r.before : r.after) as { title?: unknown } | null;
    if (plain && typeof plain.title === 'string') out.set(r.entity_id, plain.title);
  }
  return out;
}

// ---------------------------------------------------------------- the names

export async function collectNames(
  db: Db,
  principal: Principal,
  events: readonly HistoryEvent[],
  scope: OrgAuditScope | null,
): Promise<{ names: HistoryNames; shown: Map<string, Set<string>> }> {
  const names: HistoryNames = { orgs: {}, boards: {}, columns: {}, cards: {}, people: {} };
  const shown = new Map<string, Set<string>>();
  if (events.length === 0) return { names, shown };
  const ids = new Set<string>();
  for (const e of events) idsOf(e, ids);
  const idList = [...ids];

  // Organisations: those of the scope (or, without one, those the principal may see).
  const orgs = scope ? scope.orgs : new Map((await listOrganisations(db)).filter((o) => can(principal, 'org.read', { type: 'org', orgPath: o.path })).map((o) => [o.id, o]));
  const pathOf = (orgId: string) => orgs.get(orgId)?.path;
  for (const id of idList) {
    const org = orgs.get(id);
    if (org) names.orgs[id] = org.name;
  }

  const [boardRows, userRows, personRows] = await Promise.all([
    db.select({ id: boards.id, orgId: boards.orgId, title: boards.title, kind: boards.kind }).from(boards).where(anyOf(boards.id, idList, 'uuid')),
    db.select({ id: users.id, name: users.name }).from(users).where(anyOf(users.id, idList, 'uuid')),
    db
      .select({ id: people.id, orgId: people.orgId, fullName: people.fullName, userId: people.userId, erasedAt: people.erasedAt })
      .from(people)
      .where(or(anyOf(people.id, idList, 'uuid'), anyOf(people.userId, idList, 'uuid'))),
  ]);

  // Boards: titles from the table; columns and cards from the documents of the events' boards.
  const readableBoards = boardRows.filter((b) => {
    const path = pathOf(b.orgId);
    return !!path && can(principal, 'board.read', { type: 'board', orgPath: path, kind: b.kind });
  });
  for (const b of readableBoards) names.boards[b.id] = b.title;
  const readable = new Set(readableBoards.map((b) => b.id));
  const eventBoards = [...new Set(events.map((e) => e.boardId).filter((id): id is string => !!id && readable.has(id)))];
  const docs = await boardDocNames(db, eventBoards);
  const gone: { boardId: string; cardId: string }[] = [];
  for (const e of events) {
    const doc = e.boardId ? docs.get(e.boardId) : undefined;
    if (!doc) continue;
    const local = new Set<string>();
    idsOf(e, local);
    for (const id of local) {
      if (doc.columns.has(id)) names.columns[id] = doc.columns.get(id)!;
      if (doc.cards.has(id)) names.cards[id] = doc.cards.get(id)!;
    }
    if (e.cardId && !doc.cards.has(e.cardId) && !names.cards[e.cardId]) gone.push({ boardId: e.boardId!, cardId: e.cardId });
  }
  for (const [id, title] of await deletedCardTitles(db, gone)) names.cards[id] ??= title;

  // People of the banks: only for a curator, admin or head of the person's own organisation.
  const mayRead = (orgId: string) => {
    const path = pathOf(orgId);
    return !!path && mayReadPeople(peopleAccess(principal, path));
  };
  const note = (p: { id: string; orgId: string; erasedAt: Date | null }) => {
    if (!p.erasedAt) (shown.get(p.orgId) ?? shown.set(p.orgId, new Set()).get(p.orgId)!).add(p.id);
  };
  for (const p of personRows) {
    if (ids.has(p.id) && mayRead(p.orgId)) {
      names.people[p.id] = p.fullName;
      note(p);
    }
  }
  // Accounts: shown, unless an account is only a bank person's (no role but mentor or mentee).
  const accountIds = userRows.map((u) => u.id);
  const roles = accountIds.length
    ? await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(anyOf(memberships.userId, accountIds, 'uuid'))
    : [];
  const staff = new Set(roles.filter((r) => !BANK_ROLES.has(r.role)).map((r) => r.userId));
  for (const u of userRows) {
    const persons = personRows.filter((p) => p.userId === u.id);
    if (persons.length === 0 || staff.has(u.id)) {
      names.people[u.id] = u.name;
      continue;
    }
    const visible = persons.filter((p) => mayRead(p.orgId));
    if (visible.length) {
      names.people[u.id] = u.name;
      visible.forEach(note);
    }
  }
  return { names, shown };
}

