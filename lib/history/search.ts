import { dayEnd, dayStart } from './period';

/*
 * The history page's filter as it stands in the URL (strings, dates as YYYY-MM-DD), and the
 * query the audit API takes (ISO instants). Whatever is malformed in a hand-edited address is
 * dropped here rather than sent on. Pure.
 */
export type HistorySearch = {
  org?: string;
  boardId?: string;
  actorId?: string;
  cardId?: string;
  type?: string;
  from?: string;
  to?: string;
  before?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE = /^[a-z]+\.(\*|[a-z][a-zA-Z_]*)$/; // as the audit API takes it (db/queries/audit.ts TYPE_FILTER)
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9]\d{0,15}$/;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const when = (v: string | undefined, ok: (s: string) => boolean) => (v !== undefined && ok(v) ? v : undefined);

export function historySearch(sp: Record<string, string | string[] | undefined>): HistorySearch {
  const search: HistorySearch = {
    org: when(one(sp.org), (s) => UUID.test(s)),
    boardId: when(one(sp.boardId), (s) => UUID.test(s)),
    actorId: when(one(sp.actorId), (s) => UUID.test(s)),
    cardId: when(one(sp.cardId), (s) => s.length <= 100),
    type: when(one(sp.type), (s) => TYPE.test(s)),
    from: when(one(sp.from), (s) => DAY.test(s) && dayStart(s) !== undefined),
    to: when(one(sp.to), (s) => DAY.test(s) && dayEnd(s) !== undefined),
    before: when(one(sp.before), (s) => ID.test(s)),
  };
  return Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined)) as HistorySearch;
}

/** The audit API's query for the page's filter (GET /api/orgs/<orgId>/audit). */
export function historyQuery(search: HistorySearch) {
  const q = { ...search, from: dayStart(search.from), to: dayEnd(search.to) };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Omit<HistorySearch, 'from' | 'to'> & { from?: string; to?: string };
}
