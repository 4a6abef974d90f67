/*
 * Monitoring reports: rounds, contingents, indicator links and actuals, sign-off, and the
 * report itself gathered as of a round's end (DESIGN.md, "Monitoring and reports").
 *
 * The database layer only GATHERS each organisation's ReportInputs (lib/reports/types.ts) as of
 * its round's end and hands them to the pure computations (computeFigures, rollUp, ...). For a
 * municipality or region every organisation of the subtree is gathered at once, by set-based
 * queries grouped by organisation (one statement per kind of row, whatever the number of
 * schools). "As of": rows created after the round's end are not counted (pairs.created_at,
 * meetings.created_at, survey_responses.submitted_at), and the roadmap boards are replayed from
 * their trail (nearest checkpoint + the rows after it up to asOf, lib/history/replay.ts), so a
 * December report reads the same in March. A signed round returns its frozen report.
 *
 * Every write: authenticate → authorise (can: 'report.edit' curator, 'report.sign' head) →
 * validate → apply → audit (the organisation's chain), in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { z } from 'zod';
import { readMeta } from '../../lib/board/doc';
import { AppError } from '../../lib/errors';
import { applyEvent, emptyBoard, stateFrom, type BoardState } from '../../lib/history/replay';
import { can, type Action, type Principal } from '../../lib/permissions';
import { isYoungSpecialist, todayIso } from '../../lib/people/rules';
import type { Category } from '../../lib/people/types';
import {
  FIGURE_KEYS,
  type Breakdown,
  type ChildReport,
  type Contingent,
  type FigureKey,
  type Figures,
  type OrgReport,
  type ReportApi,
  type ReportIndicator,
  type ReportInputs,
  type ReportWarning,
  type RoadmapActivity,
  type RoadmapExecution,
  type Round,
  type RoundKey,
  type RoundSource,
  type SatisfactionSetting,
  type SignOff,
} from '../../lib/reports/types';
import type { Deadline } from '../../lib/board/ops';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { execRows } from '../rows';
import { monitoringRounds, organisations, reportActuals, reportContingents, reportIndicators, reportSettings, reportSignoffs, reportTexts } from '../schema';
import { loadBoardState } from './boards';
import { orgPath } from './organisations';
import {
  asOfMoment,
  computeFigures,
  conflictWarnings,
  contingentWarnings,
  defaultKeyOf,
  dueOf,
  indicatorLines,
  mergeIndicators,
  moscowDate,
  parseRoundKey,
  previousRounds,
  rollUp,
  rollUpBreakdown,
  rollUpExecution,
  roundIsOpen,
  validateRound,
  withTargets,
  type BoardIndicators,
  type IndicatorLinks,
  type ManualActuals,
} from '../../lib/reports';

/** The default dates of a December or June round; another month has none until someone sets them. */
function defaultRound(key: RoundKey): Round | null {
  const parsed = parseRoundKey(key);
  return parsed.ok && /-(06|12)$/.test(parsed.round.key) ? parsed.round : null;
}
/** The n default round keys before `key`, newest first. */
const previousRoundKeys = (key: RoundKey, n: number): RoundKey[] =>
  previousRounds({ key, from: `${key}-01`, to: `${key}-01` }, [], n)
    .map((r) => r.key)
    .reverse();

export type RoundListItem = Round & { source: RoundSource; signed: boolean };
type OrgKind = 'region' | 'municipality' | 'organisation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_SATISFACTION: SatisfactionSetting = { formula: 'share', threshold: 7 };
const TREND_ROUNDS = 4;

/** `{"a","b"}`: a Postgres array literal (one parameter whatever the list's length). */
const arr = (xs: readonly (string | number)[]) => `{${xs.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------- access, rounds, tree

async function authorise(db: Db, principal: Principal | null, orgId: unknown, action: Action): Promise<{ orgId: string; path: string[] }> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const path = typeof orgId === 'string' && UUID.test(orgId) ? await orgPath(db, orgId) : [];
  if (path.length === 0 || !can(principal, 'org.read', { type: 'org', orgPath: path })) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!can(principal, action, { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
  return { orgId: orgId as string, path };
}

function roundKeyOf(round: unknown): RoundKey {
  const parsed = parseRoundKey(round);
  if (!parsed.ok) throw new AppError('ROUND_INVALID', parsed.message, { fields: ['round'] });
  return parsed.round.key;
}

type OrgNode = { id: string; name: string; kind: OrgKind; parentId: string | null; children: string[] };
type Tree = { root: string; path: string[]; nodes: Map<string, OrgNode>; order: string[]; ancestors: Map<string, { name: string }> };

/** The organisation and every one below it (parents before children), and the names of those above. */
async function loadTree(db: Db, orgId: string, path: string[]): Promise<Tree> {
  const rows = await execRows<{ id: string; parent_id: string | null; name: string; kind: OrgKind }>(db, sql`
    with recursive down(id, parent_id, name, kind, depth) as (
      select id, parent_id, name, kind, 0 from organisations where id = ${orgId}
      union all
      select o.id, o.parent_id, o.name, o.kind, down.depth + 1 from organisations o join down on o.parent_id = down.id where down.depth < 16
    )
    select id, parent_id, name, kind::text as kind from down order by depth, name, id`);
  const nodes = new Map<string, OrgNode>();
  for (const r of rows) {
    nodes.set(r.id, { id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, children: [] });
    if (r.parent_id && nodes.has(r.parent_id) && r.id !== orgId) nodes.get(r.parent_id)!.children.push(r.id);
  }
  const above = path.slice(0, -1);
  const names = above.length
    ? await execRows<{ id: string; name: string }>(db, sql`select id, name from organisations where id = any(${arr(above)}::uuid[])`)
    : [];
  return { root: orgId, path, nodes, order: rows.map((r) => r.id), ancestors: new Map(names.map((n) => [n.id, { name: n.name }])) };
}

type Resolved = { round: Round; source: RoundSource };

/** Each organisation's dates of round `key`: its own, else the nearest above set for below, else the default. */
async function resolveRounds(db: Db, tree: Tree, key: RoundKey): Promise<Map<string, Resolved | null>> {
  const ids = [...tree.path.slice(0, -1), ...tree.order];
  const rows = await db.select().from(monitoringRounds).where(and(eq(monitoringRounds.key, key), sql`${monitoringRounds.orgId} = any(${arr(ids)}::uuid[])`));
  const byOrg = new Map(rows.map((r) => [r.orgId, r]));
  const nameOf = (id: string) => tree.nodes.get(id)?.name ?? tree.ancestors.get(id)?.name ?? '';
  const parentOf = (id: string): string | null => {
    const n = tree.nodes.get(id);
    if (n && id !== tree.root) return n.parentId;
    const i = tree.path.indexOf(id);
    return i > 0 ? tree.path[i - 1] : null;
  };
  const out = new Map<string, Resolved | null>();
  for (const id of tree.order) {
    const own = byOrg.get(id);
    if (own) {
      out.set(id, { round: { key, from: own.from, to: own.to }, source: { kind: 'own' } });
      continue;
    }
    let found: Resolved | null = null;
    for (let up = parentOf(id); up && !found; up = parentOf(up)) {
      const r = byOrg.get(up);
      if (r?.forBelow) found = { round: { key, from: r.from, to: r.to }, source: { kind: 'inherited', orgId: up, orgName: nameOf(up) } };
    }
    const def = defaultRound(key);
    out.set(id, found ?? (def ? { round: def, source: { kind: 'default' } } : null));
  }
  return out;
}

/** The moment a round is read as of (lib/reports asOfMoment): its end, or now while it is open. */
const asOfFor = (round: Round, now: Date) => new Date(asOfMoment(round, now));

// ---------------------------------------------------------------- gathering inputs

type Target = { orgId: string; round: Round; asOf: Date };

/** Settings per organisation: its own, else the nearest above, else the default. */
async function settingsFor(db: Db, tree: Tree): Promise<Map<string, SatisfactionSetting>> {
  const ids = [...tree.path.slice(0, -1), ...tree.order];
  const rows = await db.select().from(reportSettings).where(sql`${reportSettings.orgId} = any(${arr(ids)}::uuid[])`);
  const own = new Map(rows.map((r) => [r.orgId, { formula: r.satisfactionFormula === 'mean' ? 'mean' : 'share', threshold: r.threshold } as SatisfactionSetting]));
  let inherited = DEFAULT_SATISFACTION;
  for (const id of tree.path.slice(0, -1)) inherited = own.get(id) ?? inherited;
  // One formula across a roll-up: every organisation of the tree is counted with the root's, so
  // the sums never mix a mean of ratings with a share of respondents.
  const rootSetting = own.get(tree.root) ?? inherited;
  return new Map(tree.order.map((id) => [id, rootSetting]));
}

/** Does an audit row set a card's status (its creation, a status change, a restored status)? */
const setsStatus = (type: string, after: unknown): boolean =>
  type === 'card.created' || type === 'card.restored' || (type === 'card.updated' && isObject(after) && 'status' in after) || (type === 'card.field_restored' && isObject(after) && after.field === 'status');

/*
 * Roadmap activities as of a moment stay the same while no row stamped at or before that moment
 * is added to the board's trail (the trail is append-only, and the server stamps a row with the
 * time it writes it). So they are kept per process with the board's last row id: a later read
 * asks one question per board — did rows after that id reach back to the moment (a backdated
 * import would)? — and replays only the boards where they did. An open round's moment is "now",
 * a new key each time: it is never served from here.
 */
const ACTIVITIES_KEPT = 20_000;
const keptActivities = new Map<string, { lastId: number; activities: RoadmapActivity[] }>();

async function roadmapActivities(db: Db, boards: { id: string; asOf: Date }[]): Promise<Map<string, RoadmapActivity[]>> {
  const out = new Map<string, RoadmapActivity[]>();
  if (!boards.length) return out;
  const keyOf = (b: { id: string; asOf: Date }) => `${b.id}|${b.asOf.toISOString()}`;
  const since = boards.map((b) => keptActivities.get(keyOf(b))?.lastId ?? -1);
  const marks = await execRows<{ n: string | number; last_id: string | number | null; moved: boolean }>(db, sql`
    select b.n, (select max(e.id) from audit_events e where e.board_id = b.id) as last_id,
      b.since < 0 or exists (select 1 from audit_events e where e.board_id = b.id and e.id > b.since and e.at <= b.as_of) as moved
    from unnest(${arr(boards.map((b) => b.id))}::uuid[], ${arr(since)}::bigint[], ${arr(boards.map((b) => b.asOf.toISOString()))}::timestamptz[])
      with ordinality as b(id, since, as_of, n)`);
  const mark = new Map(marks.map((m) => [Number(m.n) - 1, m]));
  const stale = boards.filter((_, i) => mark.get(i)?.moved !== false);
  const fresh = await replayActivities(db, stale);
  boards.forEach((b, i) => {
    const key = keyOf(b);
    const lastId = Number(mark.get(i)?.last_id ?? 0);
    const activities = fresh.get(b.id) ?? keptActivities.get(key)?.activities ?? [];
    out.set(b.id, activities);
    keptActivities.delete(key);
    keptActivities.set(key, { lastId, activities });
    if (keptActivities.size > ACTIVITIES_KEPT) keptActivities.delete(keptActivities.keys().next().value!);
  });
  return out;
}

/** The roadmap activities of boards as of each one's moment: replayed from the trail (checkpoint + rows after it). */
async function replayActivities(db: Db, boards: { id: string; asOf: Date }[]): Promise<Map<string, RoadmapActivity[]>> {
  const out = new Map<string, RoadmapActivity[]>();
  if (!boards.length) return out;
  const ids = arr(boards.map((b) => b.id));
  const asOfs = arr(boards.map((b) => b.asOf.toISOString()));
  // The nearest checkpoint of each board that serves its moment (format 1: db/queries/board-history.ts).
  const cps = await execRows<{ board_id: string; event_id: string | number; state: unknown }>(db, sql`
    select b.id as board_id, c.event_id, c.state from unnest(${ids}::uuid[], ${asOfs}::timestamptz[]) as b(id, as_of)
    cross join lateral (select event_id, state from audit_checkpoints where board_id = b.id and at <= b.as_of order by event_id desc limit 1) c`);
  const states = new Map<string, { state: BoardState; from: number }>();
  for (const c of cps) {
    const saved = c.state as { v?: unknown; content?: unknown } | null;
    if (saved?.v === 1) states.set(c.board_id, { state: stateFrom(saved.content), from: Number(c.event_id) });
  }
  for (const b of boards) if (!states.has(b.id)) states.set(b.id, { state: emptyBoard(), from: 0 });
  // Only the rows that change a card's existence, title, status or deadline (typing and comments change none of them).
  const rows = await execRows<{ board_id: string; id: string | number; at: unknown; type: string; entity_id: string | null; before: unknown; after: unknown }>(db, sql`
    select e.board_id, e.id, e.at, e.type, e.entity_id, e.before, e.after
    from unnest(${ids}::uuid[], ${arr(boards.map((b) => states.get(b.id)!.from))}::bigint[], ${asOfs}::timestamptz[]) as b(id, from_id, as_of)
    join audit_events e on e.board_id = b.id and e.id > b.from_id and e.at <= b.as_of
    where e.type in ('board.created', 'card.created', 'card.restored', 'card.deleted', 'card.updated', 'card.field_restored')
      and (e.type <> 'card.updated' or jsonb_exists_any(e.after, array['status', 'deadline', 'title']))
    order by e.board_id, e.id`);
  // When each card's status was last set, from the rows replayed (those before the checkpoint are asked for below).
  const key = (b: string, c: string) => `${b}\u0000${c}`;
  const statusAt = new Map<string, string>();
  const firstAt = new Map<string, string>();
  for (const r of rows) {
    applyEvent(states.get(r.board_id)!.state, { type: r.type, entityId: r.entity_id, before: r.before, after: r.after });
    if (states.get(r.board_id)!.from === 0 && !firstAt.has(r.board_id)) firstAt.set(r.board_id, iso(r.at));
    if (r.entity_id && setsStatus(r.type, r.after)) statusAt.set(key(r.board_id, r.entity_id), iso(r.at));
  }
  const done: { boardId: string; cardId: string; from: number }[] = [];
  for (const b of boards) {
    const list: RoadmapActivity[] = [];
    const { state, from } = states.get(b.id)!;
    for (const [cardId, card] of state.cards) {
      const status = (['todo', 'in_progress', 'done', 'cancelled'] as const).find((s) => s === card.status) ?? 'todo';
      const due = dueOf(isObject(card.deadline) ? (card.deadline as Partial<Deadline>) : null);
      const doneAt = status === 'done' ? (statusAt.get(key(b.id, cardId)) ?? null) : null;
      list.push({ boardId: b.id, cardId, title: String(card.title ?? ''), due, status, doneAt });
      if (status === 'done' && doneAt === null) done.push({ boardId: b.id, cardId, from });
    }
    out.set(b.id, list);
  }
  if (done.length) {
    // Done before the checkpoint: the last row that set the status at or before it (an index seek per card
    // on (board_id, entity_id, id), never a scan of the rows after the moment); a card that came with
    // the board and was never changed: the board's first row.
    const at = await execRows<{ board_id: string; card_id: string; at: unknown }>(db, sql`
      select b.board_id, b.card_id, coalesce(
        (select e.at from audit_events e where e.board_id = b.board_id and e.entity_id = b.card_id and e.id <= b.from_id
           and (e.type in ('card.created', 'card.restored') or (e.type = 'card.updated' and jsonb_exists(e.after, 'status'))
                or (e.type = 'card.field_restored' and e.after->>'field' = 'status'))
         order by e.id desc limit 1),
        (select e.at from audit_events e where e.board_id = b.board_id order by e.id limit 1)) as at
      from unnest(${arr(done.map((d) => d.boardId))}::uuid[], ${arr(done.map((d) => d.cardId))}::text[], ${arr(done.map((d) => d.from))}::bigint[]) as b(board_id, card_id, from_id)`);
    const when = new Map(at.map((r) => [key(r.board_id, r.card_id), r.at === null ? null : iso(r.at)]));
    for (const list of out.values()) for (const a of list) if (a.status === 'done' && a.doneAt === null) a.doneAt = when.get(key(a.boardId, a.cardId)) ?? firstAt.get(a.boardId) ?? null;
  }
  return out;
}

/** Every target organisation's inputs, gathered with one statement per kind of row. */
async function gatherInputs(db: Db, targets: Target[], settings: Map<string, SatisfactionSetting>): Promise<Map<string, ReportInputs>> {
  const out = new Map<string, ReportInputs>();
  if (!targets.length) return out;
  const key = targets[0].round.key;
  const r = sql`unnest(${arr(targets.map((t) => t.orgId))}::uuid[], ${arr(targets.map((t) => t.round.from))}::date[], ${arr(targets.map((t) => t.round.to))}::date[],
    ${arr(targets.map((t) => `${t.round.from}T00:00:00+03:00`))}::timestamptz[], ${arr(targets.map((t) => t.asOf.toISOString()))}::timestamptz[]) as r(org_id, f, t, start_at, as_of)`;
  const active = sql`p.started_on <= r.t and (p.ended_on is null or p.ended_on >= r.f) and p.created_at <= r.as_of`;
  const [members, meetingRows, surveyRows, contingents, boardRows] = [
    await execRows<{ id: string; org_id: string; form: string; status: string; started_on: unknown; ended_on: unknown; rhythm_days: number; t: unknown; person_id: string; side: 'mentor' | 'mentee'; category: Category; experience_years: number | null }>(
      db,
      sql`select p.id, p.org_id, p.form, p.status::text as status, p.started_on::text as started_on, p.ended_on::text as ended_on, p.rhythm_days, r.t::text as t,
            pm.person_id, pm.side::text as side, pe.category::text as category, pe.experience_years
          from ${r} join pairs p on p.org_id = r.org_id join pair_members pm on pm.pair_id = p.id join people pe on pe.id = pm.person_id
          where ${active} order by p.org_id, p.number, pm.side, pm.person_id`,
    ),
    await execRows<{ org_id: string; pair_id: string; held_on: unknown }>(
      db,
      sql`select p.org_id, m.pair_id, m.held_on::text as held_on from ${r} join pairs p on p.org_id = r.org_id join meetings m on m.pair_id = p.id
          where ${active} and m.held_on between r.f and r.t and m.created_at <= r.as_of`,
    ),
    await execRows<{ org_id: string; template: string; answers: unknown }>(
      db,
      sql`select s.org_id, s.template, s.answers from ${r} join survey_responses s on s.org_id = r.org_id
          where s.template in ('mentee_satisfaction', 'mentor_satisfaction') and s.submitted_at >= r.start_at and s.submitted_at <= r.as_of`,
    ),
    await db.select().from(reportContingents).where(and(eq(reportContingents.round, key), sql`${reportContingents.orgId} = any(${arr(targets.map((t) => t.orgId))}::uuid[])`)),
    await execRows<{ id: string; org_id: string; as_of: unknown }>(
      db,
      sql`select b.id, b.org_id, r.as_of from ${r} join boards b on b.org_id = r.org_id
          where b.kind = 'roadmap' and b.created_at <= r.as_of and (b.archived_at is null or b.archived_at > r.as_of)`,
    ),
  ];
  const activities = await roadmapActivities(
    db,
    boardRows.map((b) => ({ id: b.id, asOf: new Date(iso(b.as_of)) })),
  );
  for (const t of targets) {
    // An open round is counted up to today: expected meetings so far, activities due by today.
    const to = moscowDate(t.asOf) < t.round.to ? moscowDate(t.asOf) : t.round.to;
    out.set(t.orgId, { round: { ...t.round, to }, pairs: [], meetings: [], surveys: [], contingent: null, satisfaction: settings.get(t.orgId) ?? DEFAULT_SATISFACTION, activities: [] });
  }
  const pairsById = new Map<string, ReportInputs['pairs'][number]>();
  for (const m of members) {
    let pair = pairsById.get(m.id);
    if (!pair) {
      const ended = m.ended_on === null ? null : dateText(m.ended_on);
      const status = ended !== null && ended <= dateText(m.t) && (m.status === 'completed' || m.status === 'terminated') ? m.status : 'active';
      pair = { id: m.id, form: m.form, status, startedOn: dateText(m.started_on), endedOn: status === 'active' ? null : ended, rhythmDays: m.rhythm_days, members: [] };
      pairsById.set(m.id, pair);
      out.get(m.org_id)!.pairs.push(pair);
    }
    pair.members.push({ personId: m.person_id, side: m.side, category: m.category, youngSpecialist: isYoungSpecialist({ category: m.category, experienceYears: m.experience_years }) });
  }
  for (const m of meetingRows) out.get(m.org_id)!.meetings.push({ pairId: m.pair_id, heldOn: dateText(m.held_on) });
  for (const s of surveyRows) out.get(s.org_id)!.surveys.push({ template: s.template, answers: s.answers });
  for (const c of contingents) out.get(c.orgId)!.contingent = { students: c.students, teachers: c.teachers, youngSpecialists: c.youngSpecialists, studentsBand: c.studentsBand };
  for (const b of boardRows) out.get(b.org_id)!.activities.push(...(activities.get(b.id) ?? []));
  return out;
}

// ---------------------------------------------------------------- sign-offs

type SignRow = typeof reportSignoffs.$inferSelect & { byName: string | null };

/** The latest sign-off row of each organisation for the round (signed while not reopened). */
async function latestSignoffs(db: Db, orgIds: string[], key: RoundKey): Promise<Map<string, SignRow>> {
  if (!orgIds.length) return new Map();
  const rows = await execRows<{ id: string }>(db, sql`
    select distinct on (org_id) id from report_signoffs where round = ${key} and org_id = any(${arr(orgIds)}::uuid[]) order by org_id, version desc`);
  if (!rows.length) return new Map();
  const full = await execRows<Record<string, unknown>>(db, sql`
    select s.*, u.name as by_name from report_signoffs s left join users u on u.id = s.signed_by where s.id = any(${arr(rows.map((r) => r.id))}::uuid[])`);
  return new Map(
    full.map((s) => [
      String(s.org_id),
      {
        id: String(s.id),
        orgId: String(s.org_id),
        round: String(s.round),
        version: Number(s.version),
        report: s.report,
        chainHeads: s.chain_heads,
        signedBy: (s.signed_by as string | null) ?? null,
        signedAt: new Date(iso(s.signed_at)),
        reopenedBy: (s.reopened_by as string | null) ?? null,
        reopenedAt: s.reopened_at === null ? null : new Date(iso(s.reopened_at)),
        reopenReason: (s.reopen_reason as string | null) ?? null,
        byName: (s.by_name as string | null) ?? null,
      },
    ]),
  );
}

const signOffOf = (s: SignRow | undefined): SignOff | null =>
  s && !s.reopenedAt ? { by: s.signedBy ?? '', byName: s.byName, at: s.signedAt.toISOString(), version: s.version } : null;

// ---------------------------------------------------------------- computing a subtree

type Computed = { figures: Figures; breakdown: Breakdown; execution: RoadmapExecution; reported: boolean; signed: SignOff | null; inputs: ReportInputs | null };

const emptyExecution = (): RoadmapExecution => ({ due: 0, onTime: 0, late: 0, overdue: 0, notDue: 0, items: [] });
// Reported = the curator entered the round's contingent, or the round has pairs, meetings or surveys (a roadmap alone is not a report).
const hasData = (i: ReportInputs) => i.contingent !== null || i.pairs.length > 0 || i.meetings.length > 0 || i.surveys.length > 0;

/** Figures of every organisation of the tree for round `key`: signed ones frozen, the others gathered and rolled up bottom-up. */
async function computeTree(db: Db, tree: Tree, key: RoundKey, now: Date): Promise<{ rounds: Map<string, Resolved | null>; computed: Map<string, Computed> }> {
  const rounds = await resolveRounds(db, tree, key);
  const signoffs = await latestSignoffs(db, tree.order, key);
  // Organisations under a signed one contribute through its frozen figures: not gathered.
  const frozen = new Set<string>();
  const skip = new Set<string>();
  for (const id of tree.order) {
    const parent = tree.nodes.get(id)!.parentId;
    if (id !== tree.root && parent && (frozen.has(parent) || skip.has(parent))) skip.add(id);
    else if (signOffOf(signoffs.get(id)) && id !== tree.root) frozen.add(id);
  }
  const settings = await settingsFor(db, tree);
  const targets: Target[] = [];
  for (const id of tree.order) {
    const r = rounds.get(id);
    if (!r || frozen.has(id) || skip.has(id)) continue;
    targets.push({ orgId: id, round: r.round, asOf: asOfFor(r.round, now) });
  }
  const inputs = await gatherInputs(db, targets, settings);
  const computed = new Map<string, Computed>();
  for (const id of [...tree.order].reverse()) {
    if (skip.has(id)) continue;
    const node = tree.nodes.get(id)!;
    const sign = signoffs.get(id);
    if (frozen.has(id)) {
      const rep = sign!.report as OrgReport;
      computed.set(id, { figures: rep.figures, breakdown: rep.breakdown, execution: rep.execution, reported: true, signed: signOffOf(sign), inputs: null });
      continue;
    }
    const own = inputs.get(id);
    const ownResult = own ? computeFigures(own) : null;
    const kids = node.children.map((c) => computed.get(c)).filter((c): c is Computed => !!c);
    if (!kids.length) {
      const base = ownResult ?? { figures: rollUp([]), breakdown: { byForm: [], byCategory: [] }, execution: emptyExecution() };
      computed.set(id, { ...base, reported: !!own && hasData(own), signed: signOffOf(sign), inputs: own ?? null });
      continue;
    }
    const ownCounts = own && hasData(own) && ownResult ? [ownResult] : [];
    const parts = [...ownCounts.map((o) => o.figures), ...kids.map((k) => k.figures)];
    const execs = [...ownCounts.map((o) => o.execution), ...kids.map((k) => k.execution)];
    computed.set(id, {
      figures: rollUp(parts),
      breakdown: rollUpBreakdown([...ownCounts.map((o) => o.breakdown), ...kids.map((k) => k.breakdown)]),
      execution: rollUpExecution(execs),
      reported: (!!own && hasData(own)) || kids.some((k) => k.reported),
      signed: signOffOf(sign),
      inputs: own ?? null,
    });
  }
  return { rounds, computed };
}

// ---------------------------------------------------------------- indicators

/** The organisation's indicators: its roadmaps' (board meta) and those added by hand, with their links. */
async function orgIndicators(db: Db, orgId: string): Promise<ReportIndicator[]> {
  const boardRows = await execRows<{ id: string; title: string }>(db, sql`select id, title from boards where org_id = ${orgId} and kind = 'roadmap' and archived_at is null order by created_at, id`);
  const rows = await db.select().from(reportIndicators).where(eq(reportIndicators.orgId, orgId));
  // A link a person set (or cleared) stands; otherwise lib/reports guesses one from the title.
  const links: IndicatorLinks = Object.fromEntries(rows.filter((r) => r.linkSetBy !== null || r.link !== null).map((r) => [r.key, r.link as FigureKey | 'manual' | null]));
  const fromBoards: BoardIndicators[] = [];
  for (const b of boardRows) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, b.id));
    const meta = readMeta(doc);
    doc.destroy();
    const indicators = meta.indicators
      .filter((i) => isObject(i) && typeof i.title === 'string' && i.title.trim())
      .map((i) => ({ title: i.title, unit: typeof i.unit === 'string' ? i.unit : null, targets: isObject(i.targets) ? (i.targets as Record<string, number>) : {} }));
    fromBoards.push({ boardId: b.id, boardTitle: b.title, indicators });
  }
  const manual = rows.filter((r) => r.manual).map((r) => ({ key: r.key, title: r.title, unit: r.unit, targets: (r.targets ?? {}) as Record<string, number> }));
  return mergeIndicators(fromBoards, manual, links);
}

async function actualsOf(db: Db, orgId: string, keys: RoundKey[]): Promise<Map<RoundKey, Record<string, { value: number | null; note: string | null }>>> {
  const out = new Map(keys.map((k) => [k, {} as Record<string, { value: number | null; note: string | null }>]));
  if (!keys.length) return out;
  const rows = await db.select().from(reportActuals).where(and(eq(reportActuals.orgId, orgId), sql`${reportActuals.round} = any(${arr(keys)}::text[])`));
  for (const r of rows) {
    const byKey = out.get(r.round);
    if (byKey) byKey[r.indicatorKey] = { value: r.value, note: r.note };
  }
  return out;
}

// ---------------------------------------------------------------- reading

async function buildReport(db: Db, orgId: string, path: string[], key: RoundKey, now: Date): Promise<OrgReport> {
  const tree = await loadTree(db, orgId, path);
  const root = tree.nodes.get(orgId)!;
  const { rounds, computed } = await computeTree(db, tree, key, now);
  const own = rounds.get(orgId);
  if (!own) throw new AppError('ROUND_INVALID', `Периода ${key} у организации нет: задайте его даты.`, { fields: ['round'] });
  const mine = computed.get(orgId)!;

  // Previous rounds for trends: the organisation's own figures (frozen when signed).
  const prevKeys = previousRoundKeys(key, TREND_ROUNDS).reverse();
  const previous: { round: Round; figures: Figures | null }[] = [];
  const indicators = await orgIndicators(db, orgId);
  const needTrend = indicators.some((i) => i.link !== null && i.link !== 'manual');
  for (const k of prevKeys) {
    if (needTrend) {
      const t = await computeTree(db, tree, k, now);
      const r = t.rounds.get(orgId);
      const signed = (await latestSignoffs(db, [orgId], k)).get(orgId);
      const figures = signOffOf(signed) ? (signed!.report as OrgReport).figures : (t.computed.get(orgId)?.figures ?? null);
      if (r) previous.push({ round: r.round, figures });
    } else {
      const r = (await resolveRounds(db, { ...tree, order: [orgId] }, k)).get(orgId);
      if (r) previous.push({ round: r.round, figures: null });
    }
  }
  const actuals = await actualsOf(db, orgId, [key, ...prevKeys]);
  const lines = indicatorLines(
    indicators,
    mine.figures,
    actuals.get(key)! as ManualActuals,
    own.round,
    previous.map((p) => ({ round: p.round, figures: p.figures, actuals: actuals.get(p.round.key)! })),
  );
  const figures: Figures = withTargets(mine.figures, indicators, own.round);

  const contingentRows = await db.select().from(reportContingents).where(eq(reportContingents.orgId, orgId)).orderBy(desc(reportContingents.round));
  const cRow = contingentRows.find((c) => c.round === key);
  const asContingent = (c: typeof cRow): Contingent | null => (c ? { students: c.students, teachers: c.teachers, youngSpecialists: c.youngSpecialists, studentsBand: c.studentsBand } : null);
  const contingent = asContingent(cRow);
  const offered = contingent ? null : asContingent(contingentRows.find((c) => c.round < key));

  const asOf = asOfFor(own.round, now);
  const warnings: ReportWarning[] = [];
  if (root.kind === 'organisation' || mine.inputs?.pairs.length) warnings.push(...contingentWarnings(contingent, mine.figures));
  if (!mine.reported && !warnings.some((w) => w.code === 'NO_DATA')) warnings.push({ code: 'NO_DATA', message: 'За этот период нет данных: ни пар, ни встреч, ни анкет, ни контингента.' });
  warnings.push(...conflictWarnings(indicators));
  if (roundIsOpen(own.round, now)) warnings.push({ code: 'ROUND_OPEN', message: 'Период ещё не закончился: показатели на сегодня.' });

  const [settingRow] = (await settingsFor(db, { ...tree, order: [orgId] })).values();
  const [text] = await db.select().from(reportTexts).where(and(eq(reportTexts.orgId, orgId), eq(reportTexts.round, key)));
  // Each school is judged against this organisation's targets (a signed school's own targets are set aside).
  const children: ChildReport[] = root.children.map((c) => {
    const n = tree.nodes.get(c)!;
    const x = computed.get(c)!;
    const bare = Object.fromEntries(Object.entries(x.figures).map(([k, f]) => [k, { ...f, target: undefined }])) as Figures;
    return { orgId: c, name: n.name, kind: n.kind, signed: x.signed, reported: x.reported, figures: withTargets(bare, indicators, own.round) };
  });
  return {
    org: { id: orgId, name: root.name, kind: root.kind },
    round: own.round,
    roundSource: own.source,
    previousRounds: previous.map((p) => p.round),
    asOf: asOf.toISOString(),
    figures,
    breakdown: mine.breakdown,
    execution: mine.execution,
    indicators: lines,
    contingent,
    contingentOffered: offered,
    satisfaction: settingRow ?? DEFAULT_SATISFACTION,
    warnings,
    signed: null,
    versions: [],
    conclusions: text?.conclusions ?? '',
    children,
  };
}

async function versionsOf(db: Db, orgId: string, key: RoundKey): Promise<OrgReport['versions']> {
  const rows = await db.select().from(reportSignoffs).where(and(eq(reportSignoffs.orgId, orgId), eq(reportSignoffs.round, key))).orderBy(reportSignoffs.version);
  return rows.map((r) => ({ version: r.version, signedAt: r.signedAt.toISOString(), signedBy: r.signedBy, reopenedAt: r.reopenedAt?.toISOString() ?? null, reopenReason: r.reopenReason }));
}

/** The rounds an organisation reports on (defaults, own and inherited), newest first, and the current one. 'report.read'. */
export async function listRounds(db: Db, principal: Principal | null, orgId: string, today: string = todayIso()): Promise<{ rounds: RoundListItem[]; current: RoundKey }> {
  const { path } = await authorise(db, principal, orgId, 'report.read');
  const custom = await db.select({ key: monitoringRounds.key, orgId: monitoringRounds.orgId, forBelow: monitoringRounds.forBelow }).from(monitoringRounds).where(sql`${monitoringRounds.orgId} = any(${arr(path)}::uuid[])`);
  const cur = defaultKeyOf(today);
  const keys = new Set<RoundKey>([cur, ...previousRoundKeys(cur, 5)]);
  for (const c of custom) if (c.orgId === orgId || c.forBelow) keys.add(c.key);
  const tree: Tree = { root: orgId, path, nodes: new Map([[orgId, { id: orgId, name: '', kind: 'organisation', parentId: path.at(-2) ?? null, children: [] }]]), order: [orgId], ancestors: new Map() };
  const names = await execRows<{ id: string; name: string }>(db, sql`select id, name from organisations where id = any(${arr(path)}::uuid[])`);
  for (const n of names) if (n.id !== orgId) tree.ancestors.set(n.id, { name: n.name });
  const rounds: RoundListItem[] = [];
  for (const k of keys) {
    const r = (await resolveRounds(db, tree, k)).get(orgId);
    if (!r) continue;
    const signed = !!signOffOf((await latestSignoffs(db, [orgId], k)).get(orgId));
    rounds.push({ ...r.round, source: r.source, signed });
  }
  rounds.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const current = rounds.find((r) => r.from <= today && today <= r.to)?.key ?? cur;
  return { rounds, current };
}

/** The whole report for the page and the documents. 'report.read'. A signed round: its frozen report. */
export async function getOrgReport(db: Db, principal: Principal | null, orgId: string, round: unknown, opts: { now?: Date } = {}): Promise<OrgReport> {
  const { path } = await authorise(db, principal, orgId, 'report.read');
  const key = roundKeyOf(round);
  const signed = (await latestSignoffs(db, [orgId], key)).get(orgId);
  const versions = await versionsOf(db, orgId, key);
  if (signOffOf(signed)) return { ...(signed!.report as OrgReport), signed: signOffOf(signed), versions };
  const report = await buildReport(db, orgId, path, key, opts.now ?? new Date());
  return { ...report, versions };
}

const apiFigures = (f: Figures): ReportApi['figures'] =>
  Object.fromEntries(
    FIGURE_KEYS.filter((k) => f[k]).map((k) => {
      const { value, numerator, denominator, target } = f[k];
      return [k, { value, ...(numerator === undefined ? {} : { numerator }), ...(denominator === undefined ? {} : { denominator }), ...(target === undefined ? {} : { target }) }];
    }),
  );
const apiSigned = (s: SignOff | null) => (s ? { by: s.byName ?? s.by, at: s.at } : null);

/** DESIGN.md's stable shape. */
export async function reportApi(db: Db, principal: Principal | null, orgId: string, round: unknown): Promise<ReportApi> {
  const r = await getOrgReport(db, principal, orgId, round);
  return {
    orgId: r.org.id,
    round: { from: r.round.from, to: r.round.to },
    signed: apiSigned(r.signed),
    figures: apiFigures(r.figures),
    children: r.children.map((c) => ({ orgId: c.orgId, name: c.name, signed: apiSigned(c.signed), figures: apiFigures(c.figures) })),
  };
}

// ---------------------------------------------------------------- writing

const audit = (tx: Db, actor: Principal, orgId: string, type: string, entityId: string, before: unknown, after: unknown) =>
  appendAudit(tx, { actorId: actor.id, orgId, boardId: null, type, entityType: 'report', entityId, before, after });

async function assertNotSigned(tx: Db, orgId: string, key: RoundKey) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`report:${orgId}:${key}`}, 0))`);
  if (signOffOf((await latestSignoffs(tx, [orgId], key)).get(orgId))) throw new AppError('REPORT_SIGNED', 'Отчёт за этот период подписан: чтобы изменить его, откройте новую версию.');
}

function parse<T extends z.ZodType>(schema: T, input: unknown, code: 'INVALID_INPUT' | 'CONTINGENT_INVALID' | 'ROUND_INVALID' = 'INVALID_INPUT', message?: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = [...new Set(r.error.issues.map((i) => i.path.join('.') || '(input)'))];
  throw new AppError(code, message ?? `invalid: ${fields.join(', ')}`, { fields });
}

const RoundInput = z.object({ key: z.string(), from: z.string(), to: z.string(), forBelow: z.boolean().optional().default(false) }).strict();

/** Sets a round's dates for the organisation, and with `forBelow` for every organisation below it (a region or municipality). 'report.edit'. */
export async function setRound(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<Round> {
  await authorise(db, actor, orgId, 'report.edit');
  const v = parse(RoundInput, input, 'ROUND_INVALID', 'Период задан неверно: ключ ГГГГ-ММ и даты начала и конца.');
  // The dates' rules are lib/reports' (real dates, from ≤ to, ending in the key's month, at most a year).
  const checked = validateRound(v);
  if (!checked.ok) throw new AppError('ROUND_INVALID', checked.message, { fields: [checked.field ?? 'key'] });
  return db.transaction(async (tx) => {
    const [org] = await execRows<{ kind: OrgKind }>(tx as Db, sql`select kind::text as kind from organisations where id = ${orgId}`);
    if (v.forBelow && org.kind === 'organisation') throw new AppError('INVALID_INPUT', 'Задать период для организаций ниже может регион или муниципалитет.', { fields: ['forBelow'] });
    const [was] = await tx.select().from(monitoringRounds).where(and(eq(monitoringRounds.orgId, orgId), eq(monitoringRounds.key, v.key)));
    const values = { orgId, key: v.key, from: v.from, to: v.to, forBelow: v.forBelow, setBy: actor!.id, setAt: new Date() };
    await tx.insert(monitoringRounds).values(values).onConflictDoUpdate({ target: [monitoringRounds.orgId, monitoringRounds.key], set: { from: v.from, to: v.to, forBelow: v.forBelow, setBy: actor!.id, setAt: values.setAt } });
    await audit(tx as Db, actor!, orgId, 'report.round_set', v.key, was ? { from: was.from, to: was.to, forBelow: was.forBelow } : null, { round: v.key, from: v.from, to: v.to, forBelow: v.forBelow });
    return { key: v.key, from: v.from, to: v.to };
  });
}

const Count = z.number().int().min(0).max(10_000_000).nullable().optional();
const ContingentInput = z.object({ students: Count, teachers: Count, youngSpecialists: Count, studentsBand: z.string().trim().max(100).nullable().optional() }).strict();

/** {students?, teachers?, youngSpecialists?, studentsBand?} for a round. 'report.edit'; 409 REPORT_SIGNED when the round is signed. */
export async function setContingent(db: Db, actor: Principal | null, orgId: string, round: unknown, input: unknown): Promise<Contingent> {
  await authorise(db, actor, orgId, 'report.edit');
  const key = roundKeyOf(round);
  const v = parse(ContingentInput, input, 'CONTINGENT_INVALID', 'Контингент — целые числа не меньше нуля.');
  // A municipality's or region's contingent is the sum of its organisations': entered there, it would count twice.
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, orgId));
  if (org?.kind !== 'organisation') throw new AppError('CONTINGENT_INVALID', 'Контингент вносит каждая организация: у муниципалитета и региона он складывается из них.', { fields: ['kind'] });
  return db.transaction(async (tx) => {
    await assertNotSigned(tx as Db, orgId, key);
    const [was] = await tx.select().from(reportContingents).where(and(eq(reportContingents.orgId, orgId), eq(reportContingents.round, key)));
    const pick = <K extends keyof Contingent>(k: K): Contingent[K] => (v[k] !== undefined ? (v[k] as Contingent[K]) : ((was?.[k] ?? null) as Contingent[K]));
    const next: Contingent = { students: pick('students'), teachers: pick('teachers'), youngSpecialists: pick('youngSpecialists'), studentsBand: pick('studentsBand') || null };
    const at = new Date();
    await tx.insert(reportContingents).values({ orgId, round: key, ...next, enteredBy: actor!.id, at }).onConflictDoUpdate({ target: [reportContingents.orgId, reportContingents.round], set: { ...next, enteredBy: actor!.id, at } });
    const before = was ? { students: was.students, teachers: was.teachers, youngSpecialists: was.youngSpecialists, studentsBand: was.studentsBand } : null;
    await audit(tx as Db, actor!, orgId, 'report.contingent_set', key, before, { round: key, ...next });
    return next;
  });
}

const SettingInput = z.object({ formula: z.enum(['mean', 'share']), threshold: z.number().min(1).max(10).optional().default(7) }).strict();

/** {formula: 'mean'|'share', threshold}. 'report.edit'. */
export async function setSatisfactionSetting(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<SatisfactionSetting> {
  await authorise(db, actor, orgId, 'report.edit');
  const v = parse(SettingInput, input);
  return db.transaction(async (tx) => {
    const [was] = await tx.select().from(reportSettings).where(eq(reportSettings.orgId, orgId));
    const at = new Date();
    await tx.insert(reportSettings).values({ orgId, satisfactionFormula: v.formula, threshold: v.threshold, setBy: actor!.id, setAt: at }).onConflictDoUpdate({ target: reportSettings.orgId, set: { satisfactionFormula: v.formula, threshold: v.threshold, setBy: actor!.id, setAt: at } });
    await audit(tx as Db, actor!, orgId, 'report.setting_set', 'satisfaction', was ? { formula: was.satisfactionFormula, threshold: was.threshold } : null, { formula: v.formula, threshold: v.threshold });
    return { formula: v.formula, threshold: v.threshold };
  });
}

const LinkInput = z.object({ key: z.string().min(1).max(500), link: z.enum([...FIGURE_KEYS, 'manual']).nullable() }).strict();

/** {key, link: FigureKey|'manual'|null}. 'report.edit'. */
export async function setIndicatorLink(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<{ key: string; link: FigureKey | 'manual' | null }> {
  await authorise(db, actor, orgId, 'report.edit');
  const v = parse(LinkInput, input);
  const indicator = (await orgIndicators(db, orgId)).find((i) => i.key === v.key);
  if (!indicator) throw new AppError('NOT_FOUND', 'Такого показателя нет.');
  return db.transaction(async (tx) => {
    const at = new Date();
    await tx
      .insert(reportIndicators)
      .values({ orgId, key: v.key, title: indicator.title, unit: indicator.unit, targets: indicator.targets, manual: false, link: v.link, linkSetBy: actor!.id, at })
      .onConflictDoUpdate({ target: [reportIndicators.orgId, reportIndicators.key], set: { link: v.link, linkSetBy: actor!.id, at } });
    await audit(tx as Db, actor!, orgId, 'report.indicator_set', v.key, { title: indicator.title, link: indicator.link }, { title: indicator.title, link: v.link });
    return { key: v.key, link: v.link };
  });
}

const Targets = z.record(z.string().regex(/^\d{4}$/), z.number().finite().min(0).max(1e9));
const NewIndicator = z.object({ title: z.string().trim().min(1).max(500), unit: z.string().trim().max(50).nullable().optional(), targets: Targets.default({}) }).strict();

/** {title, unit?, targets: {year: number}}: an indicator added by hand. 'report.edit'. */
export async function addIndicator(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<{ key: string }> {
  await authorise(db, actor, orgId, 'report.edit');
  const v = parse(NewIndicator, input);
  const key = `m-${randomUUID().slice(0, 8)}`;
  return db.transaction(async (tx) => {
    await tx.insert(reportIndicators).values({ orgId, key, title: v.title, unit: v.unit ?? null, targets: v.targets, manual: true, link: null, linkSetBy: null });
    await audit(tx as Db, actor!, orgId, 'report.indicator_added', key, null, { title: v.title, unit: v.unit ?? null, targets: v.targets });
    return { key };
  });
}

/** Removes an indicator added by hand. 'report.edit'. */
export async function removeIndicator(db: Db, actor: Principal | null, orgId: string, key: unknown): Promise<void> {
  await authorise(db, actor, orgId, 'report.edit');
  const k = parse(z.string().min(1).max(500), key);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(reportIndicators).where(and(eq(reportIndicators.orgId, orgId), eq(reportIndicators.key, k), eq(reportIndicators.manual, true)));
    if (!row) throw new AppError('NOT_FOUND', 'Такого показателя, добавленного вручную, нет.');
    await tx.delete(reportIndicators).where(and(eq(reportIndicators.orgId, orgId), eq(reportIndicators.key, k)));
    await audit(tx as Db, actor!, orgId, 'report.indicator_removed', k, { title: row.title, unit: row.unit, targets: row.targets }, null);
  });
}

const ActualInput = z.object({ key: z.string().min(1).max(500), value: z.number().finite().min(-1e9).max(1e9).nullable(), note: z.string().trim().max(2000).nullable().optional() }).strict();

/** {key, value: number|null, note?}: the actual of a 'manual' indicator for a round. 'report.edit'; 409 REPORT_SIGNED. */
export async function setIndicatorActual(db: Db, actor: Principal | null, orgId: string, round: unknown, input: unknown): Promise<void> {
  await authorise(db, actor, orgId, 'report.edit');
  const key = roundKeyOf(round);
  const v = parse(ActualInput, input);
  const indicator = (await orgIndicators(db, orgId)).find((i) => i.key === v.key);
  if (!indicator) throw new AppError('NOT_FOUND', 'Такого показателя нет.');
  await db.transaction(async (tx) => {
    await assertNotSigned(tx as Db, orgId, key);
    const [was] = await tx.select().from(reportActuals).where(and(eq(reportActuals.orgId, orgId), eq(reportActuals.round, key), eq(reportActuals.indicatorKey, v.key)));
    const at = new Date();
    const note = v.note || null;
    await tx.insert(reportActuals).values({ orgId, round: key, indicatorKey: v.key, value: v.value, note, enteredBy: actor!.id, at }).onConflictDoUpdate({ target: [reportActuals.orgId, reportActuals.round, reportActuals.indicatorKey], set: { value: v.value, note, enteredBy: actor!.id, at } });
    await audit(tx as Db, actor!, orgId, 'report.actual_set', v.key, was ? { value: was.value, note: was.note } : null, { round: key, title: indicator.title, value: v.value, note });
  });
}

/** «Выводы и рекомендации» for a round. 'report.edit'; 409 REPORT_SIGNED. */
export async function setConclusions(db: Db, actor: Principal | null, orgId: string, round: unknown, text: unknown): Promise<void> {
  await authorise(db, actor, orgId, 'report.edit');
  const key = roundKeyOf(round);
  const t = parse(z.string().max(20_000), text);
  await db.transaction(async (tx) => {
    await assertNotSigned(tx as Db, orgId, key);
    const [was] = await tx.select().from(reportTexts).where(and(eq(reportTexts.orgId, orgId), eq(reportTexts.round, key)));
    const at = new Date();
    await tx.insert(reportTexts).values({ orgId, round: key, conclusions: t, updatedBy: actor!.id, at }).onConflictDoUpdate({ target: [reportTexts.orgId, reportTexts.round], set: { conclusions: t, updatedBy: actor!.id, at } });
    // Free text: its length only in the trail, as with meeting summaries.
    await audit(tx as Db, actor!, orgId, 'report.conclusions_set', key, was ? { length: was.conclusions.length } : null, { round: key, length: t.length });
  });
}

/** The head row (id, hash) of each audit chain of the subtree: the organisations' own and their boards'. */
async function chainHeadsOf(db: Db, orgIds: string[]): Promise<Record<string, { id: number; hash: string } | null>> {
  const out: Record<string, { id: number; hash: string } | null> = {};
  const orgs = await execRows<{ id: string; head: string | number | null; hash: string | null }>(db, sql`
    select o.id, h.id as head, h.hash from unnest(${arr(orgIds)}::uuid[]) as o(id)
    left join lateral (select a.id, a.hash from audit_events a where a.org_id = o.id and a.board_id is null order by a.id desc limit 1) h on true`);
  for (const r of orgs) out[`org:${r.id}`] = r.head === null ? null : { id: Number(r.head), hash: r.hash! };
  const bs = await execRows<{ id: string; head: string | number | null; hash: string | null }>(db, sql`
    select b.id, h.id as head, h.hash from boards b
    left join lateral (select a.id, a.hash from audit_events a where a.board_id = b.id order by a.id desc limit 1) h on true
    where b.org_id = any(${arr(orgIds)}::uuid[])`);
  for (const r of bs) out[`board:${r.id}`] = r.head === null ? null : { id: Number(r.head), hash: r.hash! };
  return out;
}

/** The head signs the round off: figures frozen with the audit chain heads. 'report.sign'; 409 REPORT_SIGNED if already signed. */
export async function signReport(db: Db, actor: Principal | null, orgId: string, round: unknown): Promise<SignOff> {
  const { path } = await authorise(db, actor, orgId, 'report.sign');
  const key = roundKeyOf(round);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as Db;
    await assertNotSigned(tx, orgId, key);
    const now = new Date();
    const report = await buildReport(tx, orgId, path, key, now);
    const tree = await loadTree(tx, orgId, path);
    const heads = await chainHeadsOf(tx, tree.order);
    const [last] = await tx.select({ version: reportSignoffs.version }).from(reportSignoffs).where(and(eq(reportSignoffs.orgId, orgId), eq(reportSignoffs.round, key))).orderBy(desc(reportSignoffs.version)).limit(1);
    const version = (last?.version ?? 0) + 1;
    const [me] = await execRows<{ name: string }>(tx, sql`select name from users where id = ${actor!.id}`);
    const signed: SignOff = { by: actor!.id, byName: me?.name ?? null, at: now.toISOString(), version };
    await tx.insert(reportSignoffs).values({ orgId, round: key, version, report: { ...report, signed, versions: [] }, chainHeads: heads, signedBy: actor!.id, signedAt: now });
    const values = Object.fromEntries(FIGURE_KEYS.map((k) => [k, report.figures[k]?.value ?? null]));
    await audit(tx, actor!, orgId, 'report.signed', key, null, { round: key, version, from: report.round.from, to: report.round.to, figures: values, chains: Object.keys(heads).length });
    return signed;
  });
}

/** Opens a new version of a signed round, with a reason (required). 'report.sign'; 409 REPORT_NOT_SIGNED. */
export async function reopenReport(db: Db, actor: Principal | null, orgId: string, round: unknown, reason: unknown): Promise<void> {
  await authorise(db, actor, orgId, 'report.sign');
  const key = roundKeyOf(round);
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (!why) throw new AppError('REASON_REQUIRED', 'Укажите причину, по которой открывается новая версия отчёта.', { fields: ['reason'] });
  if (why.length > 2000) throw new AppError('INVALID_INPUT', 'Причина длиннее 2000 знаков.', { fields: ['reason'] });
  await db.transaction(async (txRaw) => {
    const tx = txRaw as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`report:${orgId}:${key}`}, 0))`);
    const latest = (await latestSignoffs(tx, [orgId], key)).get(orgId);
    if (!signOffOf(latest)) throw new AppError('REPORT_NOT_SIGNED', 'Отчёт за этот период не подписан.');
    await tx.update(reportSignoffs).set({ reopenedBy: actor!.id, reopenedAt: new Date(), reopenReason: why }).where(eq(reportSignoffs.id, latest!.id));
    await audit(tx, actor!, orgId, 'report.reopened', key, { version: latest!.version }, { round: key, version: latest!.version, reason: why });
  });
}
