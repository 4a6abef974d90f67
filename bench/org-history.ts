// `npx tsx bench/org-history.ts` (add --expose-gc through NODE_OPTIONS for steadier memory figures):
// the organisation's history (issue 15) with 1,000,000 audit events over 500 boards in 100
// organisations (1 region, 9 municipalities, 90 schools) on real Postgres. Server time of
// listOrgAudit as the API calls it (query, personal values, names for the sentences; the HTTP
// and JSON around it excluded), first page (50 events), for each single filter, as the region's
// head, a municipality's head and a school's curator; target p95 ≤ 150 ms. Each twice: warm (the
// boards' names read before, as in a running server) and cold (as the first request after a
// restart: every board on the page parsed from its document). Then a streamed read of 100,000
// rows through streamOrgAudit with the process's memory sampled after every page.
//
//   BENCH_PG_URL   the server to make the bench database in (postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_DB_NAME  its name (tropa_bench_org_history); kept afterwards and reused when it already
//                  holds the events (BENCH_FRESH=1 drops and generates it again)
//   BENCH_RUNS (40), BENCH_WARMUP (5), BENCH_STREAM (100000)
//
// The events are generated in bulk SQL (INSERT … SELECT over generate_series), 100,000 a
// statement. Their hashes are unique but do NOT chain (prev_hash is null): the history's
// queries never read the chain; `npm run audit:verify` on this database would report every
// chain broken at its first row. Each board has a real document (7 columns, 200 cards) so that
// the names of columns and cards are read as in production; the events name those cards.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import * as Y from 'yjs';
import { openDb, type Db } from '../db/client';
import { migrateDb } from '../db/migrate';
import { execRows } from '../db/rows';
import { forgetBoardNames } from '../db/queries/org-audit-names';
import { listOrgAudit, streamOrgAudit } from '../db/queries/org-audit';
import { boards, boardSnapshots, memberships, organisations, users } from '../db/schema';
import { buildBoardDoc } from '../lib/board/doc';
import { STANDARD_STAGES } from '../lib/board/templates';
import type { Principal } from '../lib/permissions';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME ?? 'tropa_bench_org_history';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const STREAM_ROWS = Number(process.env.BENCH_STREAM ?? 100_000);
const EVENTS = 1_000_000;
const SCHOOLS = 90;
const MUNIS = 9;
const BOARDS = 500;
const CARDS = 200;
const USERS_PER_SCHOOL = 10;
const START = Date.UTC(2025, 11, 1); // the events span one year from 1 December 2025
const SPAN_MS = 365 * 24 * 3600 * 1000;

// ---------------------------------------------------------------- the data

async function generate(db: Db) {
  const t0 = performance.now();
  const region = { id: randomUUID(), name: 'Бенч-регион' };
  const munis = Array.from({ length: MUNIS }, (_, i) => ({ id: randomUUID(), name: `Округ ${i + 1}` }));
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({ id: randomUUID(), name: `Школа № ${i + 1}`, muni: Math.floor(i / (SCHOOLS / MUNIS)) }));
  await db.insert(organisations).values([
    { id: region.id, parentId: null, kind: 'region', name: region.name, slug: 'bench-region' },
    ...munis.map((m, i) => ({ id: m.id, parentId: region.id, kind: 'municipality' as const, name: m.name, slug: `bench-m${i}` })),
    ...schools.map((s, i) => ({ id: s.id, parentId: munis[s.muni].id, kind: 'organisation' as const, name: s.name, slug: `bench-s${i}` })),
  ]);
  const staff: { id: string; school: number; no: number }[] = [];
  schools.forEach((_, s) => {
    for (let n = 0; n < USERS_PER_SCHOOL; n++) staff.push({ id: randomUUID(), school: s, no: n });
  });
  const heads = [region, ...munis].map((o, i) => ({ id: randomUUID(), orgId: o.id, i }));
  await db.insert(users).values([
    ...staff.map((u) => ({ id: u.id, email: `s${u.school}u${u.no}@bench.tropa`, name: `Сотрудникова${u.school}-${u.no} Анна Петровна`, passwordHash: 'x' })),
    ...heads.map((h) => ({ id: h.id, email: `head${h.i}@bench.tropa`, name: `Руководитель ${h.i}`, passwordHash: 'x' })),
  ]);
  await db.insert(memberships).values([
    ...staff.map((u) => ({ userId: u.id, orgId: schools[u.school].id, role: u.no === 0 ? ('curator' as const) : ('member' as const) })),
    ...heads.map((h) => ({ userId: h.id, orgId: h.orgId, role: 'head' as const })),
  ]);
  // Boards: board b belongs to school b % 90; each a real document of 7 stages × 200 cards.
  await db.execute(sql`create table bench_boards (no int primary key, id uuid not null, org_id uuid not null, school int not null)`);
  await db.execute(sql`create table bench_cards (board int, no int, id uuid not null, column_id text not null, primary key (board, no))`);
  await db.execute(sql`create table bench_users (school int, no int, id uuid not null, primary key (school, no))`);
  for (let i = 0; i < staff.length; i += 1000) {
    await db.execute(sql`insert into bench_users values ${sql.join(staff.slice(i, i + 1000).map((u) => sql`(${u.school}, ${u.no}, ${u.id}::uuid)`), sql`, `)}`);
  }
  for (let b = 0; b < BOARDS; b++) {
    const school = b % SCHOOLS;
    const id = randomUUID();
    const columns = STANDARD_STAGES.map((title) => ({ id: randomUUID(), title, cards: [] as { id: string; title: string }[] }));
    const cards = Array.from({ length: CARDS }, (_, n) => ({ id: randomUUID(), title: `Мероприятие ${n + 1} доски ${b + 1}`, column: n % columns.length }));
    for (const c of cards) columns[c.column].cards.push({ id: c.id, title: c.title });
    const doc = buildBoardDoc({ title: `Дорожная карта ${b + 1}`, kind: 'roadmap', period: null, columns });
    await db.insert(boards).values({ id, orgId: schools[school].id, kind: 'roadmap', title: `Дорожная карта ${b + 1}` });
    await db.insert(boardSnapshots).values({ boardId: id, state: Y.encodeStateAsUpdate(doc), upToSeq: 0 });
    doc.destroy();
    await db.execute(sql`insert into bench_boards values (${b}, ${id}::uuid, ${schools[school].id}::uuid, ${school})`);
    await db.execute(sql`insert into bench_cards values ${sql.join(cards.map((c, n) => sql`(${b}, ${n}, ${c.id}::uuid, ${columns[c.column].id})`), sql`, `)}`);
  }
  console.log(`organisations, ${staff.length + heads.length} accounts, ${BOARDS} boards with documents: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The events: one in ten outside boards (banks, consents, pairs, roles), the rest on boards;
  // board, card, actor and type drawn independently (hashint8 of the row number); in time order
  // (one every 31.5 s over the year).
  const t1 = performance.now();
  const step = SPAN_MS / EVENTS / 1000;
  for (let from = 1; from <= EVENTS; from += 100_000) {
    const to = Math.min(EVENTS, from + 99_999);
    await db.execute(sql`
      with s as (
        select g,
          (hashint8(g + 1)::bigint + 2147483648) % 10 = 0 as outside,
          ((hashint8(g + 2)::bigint + 2147483648) % ${BOARDS})::int as board,
          ((hashint8(g + 3)::bigint + 2147483648) % ${CARDS})::int as card,
          ((hashint8(g + 4)::bigint + 2147483648) % ${USERS_PER_SCHOOL})::int as actor,
          ((hashint8(g + 5)::bigint + 2147483648) % 20)::int as kind
        from generate_series(${from}::bigint, ${to}::bigint) g
      )
      insert into audit_events (at, actor_id, org_id, board_id, type, entity_type, entity_id, before, after, prev_hash, hash)
      select
        to_timestamp(${START / 1000}::double precision + s.g * ${step}::double precision),
        u.id,
        b.org_id,
        case when s.outside then null else b.id end,
        case when s.outside then (array['person.created','consent.recorded','pair.created','meeting.recorded','membership.granted','person.updated','survey.answered','pair.stage_set','bank.entry_updated','meeting.rated'])[s.kind / 2 + 1]
             else (array['card.updated','card.updated','card.updated','card.updated','card.updated','card.updated','card.updated','card.updated',
                         'card.moved','card.moved','card.moved','card.moved','card.created','card.created','comment.added','comment.added',
                         'checklist.item_checked','card.deleted','column.renamed','board.updated'])[s.kind + 1] end,
        case when s.outside then (array['person','person','pair','meeting','user','person','survey','pair','person','meeting'])[s.kind / 2 + 1]
             when s.kind = 18 then 'column' when s.kind = 19 then 'board' else 'card' end,
        case when s.outside then md5('outside' || (s.g % 50000))::uuid::text
             when s.kind = 18 then c.column_id when s.kind = 19 then null else c.id::text end,
        case when s.outside then null
             when s.kind between 8 and 11 then jsonb_build_object('columnId', c.column_id, 'order', 'a0')
             when s.kind < 8 then jsonb_build_object('title', 'Мероприятие ' || s.card) else null end,
        case when s.outside then jsonb_build_object('n', s.g)
             when s.kind between 8 and 11 then jsonb_build_object('columnId', c.column_id, 'order', 'a1')
             when s.kind = 18 then to_jsonb('Этап ' || s.card)
             else jsonb_build_object('title', 'Мероприятие ' || s.card || ' (изм.)') end,
        null,
        md5(s.g::text) || md5((s.g + 1000000007)::text)
      from s
      join bench_boards b on b.no = s.board
      join bench_users u on u.school = b.school and u.no = s.actor
      join bench_cards c on c.board = s.board and c.no = s.card`);
    process.stdout.write(`\r${to.toLocaleString('en')} events…`);
  }
  const tInsert = performance.now() - t1;
  const t2 = performance.now();
  // What autovacuum does to a table that only grows: statistics, and the visibility map that
  // lets the period's index be read alone (an index-only scan).
  await db.execute(sql`vacuum analyze`);
  console.log(`\r${EVENTS.toLocaleString('en')} events in ${(tInsert / 1000).toFixed(1)} s (bulk SQL), vacuum analyze ${((performance.now() - t2) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- measuring

type Stat = { name: string; runs: number; p50: number; p95: number; max: number; events: number };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(name: string, cold: boolean, call: (i: number) => Promise<number>): Promise<Stat> {
  for (let i = 0; i < WARMUP; i++) await call(i + RUNS);
  const ms: number[] = [];
  let events = 0;
  for (let i = 0; i < RUNS; i++) {
    if (cold) forgetBoardNames();
    const t0 = performance.now();
    events = await call(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const s = { name, runs: RUNS, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: ms[ms.length - 1]!, events };
  console.log(`${name.padEnd(58)} ${s.p50.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)} ${s.max.toFixed(1).padStart(7)} ${String(events).padStart(6)}`);
  return s;
}

async function principalOf(db: Db, email: string): Promise<Principal> {
  const [u] = await execRows<{ id: string }>(db, sql`select id from users where email = ${email}`);
  const ms = await execRows<{ org_id: string; role: Principal['memberships'][number]['role'] }>(db, sql`select org_id, role from memberships where user_id = ${u.id}`);
  return { id: u.id, memberships: ms.map((m) => ({ orgId: m.org_id, role: m.role })) };
}

async function main() {
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  const url = new URL(PG_URL);
  url.pathname = `/${DB_NAME}`;
  if (process.env.BENCH_FRESH) await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const handle = await openDb({ databaseUrl: url.toString() });
  const db = handle.db;
  await migrateDb(handle);
  const [{ n }] = await execRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events`);
  if (n < EVENTS) {
    if (n > 0) throw new Error(`${DB_NAME} holds ${n} events, not ${EVENTS}: run with BENCH_FRESH=1`);
    await generate(db);
  } else console.log(`reusing ${DB_NAME}: ${n.toLocaleString('en')} events`);

  const orgs = await execRows<{ id: string; kind: string; parent_id: string | null }>(db, sql`select id, kind, parent_id from organisations where slug like 'bench-%' order by slug`);
  const region = orgs.find((o) => o.kind === 'region')!;
  const muni = orgs.find((o) => o.kind === 'municipality' && o.parent_id === region.id)!;
  const [school] = await execRows<{ id: string }>(db, sql`select org_id as id from bench_boards where no = 0`);
  const muniSchools = orgs.filter((o) => o.parent_id === muni.id).map((o) => o.id);
  const scopes = [
    { label: 'region head (100 orgs)', who: await principalOf(db, 'head0@bench.tropa'), orgId: region.id },
    { label: 'municipality head (11 orgs)', who: await principalOf(db, 'head1@bench.tropa'), orgId: muni.id },
    { label: 'school curator (1 org)', who: await principalOf(db, 's0u0@bench.tropa'), orgId: school.id },
  ];
  // Parameters for the filters, varied run by run within each scope.
  const boardsOf = async (orgIds: string[]) =>
    (await execRows<{ id: string; no: number }>(db, sql`select id, no from bench_boards where org_id in (${sql.join(orgIds.map((o) => sql`${o}::uuid`), sql`, `)}) order by no`)).map((b) => b);
  const allSchools = orgs.filter((o) => o.kind === 'organisation').map((o) => o.id);
  const stats: (Stat & { scope: string; cache: string })[] = [];
  console.log(`\n${'first page (50 events), server time in ms'.padEnd(58)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)} ${'events'.padStart(6)}`);
  for (const cache of ['warm', 'cold'] as const) {
    for (const scope of scopes) {
      const schoolIds = scope.orgId === region.id ? allSchools : scope.orgId === muni.id ? muniSchools : [scope.orgId];
      const bs = await boardsOf(schoolIds);
      const actors = await execRows<{ id: string }>(db, sql`select u.id from bench_users u join bench_boards b on b.school = u.school where b.org_id in (${sql.join(schoolIds.map((o) => sql`${o}::uuid`), sql`, `)}) group by u.id order by u.id`);
      const cardOf = async (i: number) => {
        const b = bs[i % bs.length];
        const [c] = await execRows<{ id: string }>(db, sql`select id::text as id from bench_cards where board = ${b.no} and no = ${(i * 37) % CARDS}`);
        return c.id;
      };
      const cards = await Promise.all(Array.from({ length: RUNS + WARMUP }, (_, i) => cardOf(i)));
      const month = (i: number) => {
        const m = i % 12;
        return { from: new Date(Date.UTC(2025, 11 + m, 1)).toISOString(), to: new Date(Date.UTC(2025, 12 + m, 1) - 1).toISOString() };
      };
      const filters: [string, (i: number) => Record<string, string>][] = [
        ['none', () => ({})],
        ['type card.moved', () => ({ type: 'card.moved' })],
        ['type group card.*', () => ({ type: 'card.*' })],
        ['type group person.*', () => ({ type: 'person.*' })],
        ['type board.updated (rare)', () => ({ type: 'board.updated' })],
        ['actor', (i) => ({ actorId: actors[i % actors.length].id })],
        ['board', (i) => ({ boardId: bs[i % bs.length].id })],
        ['card', (i) => ({ cardId: cards[i] })],
        ['org (a school below)', (i) => ({ org: schoolIds[i % schoolIds.length] })],
        ['period (one month)', (i) => month(i)],
      ];
      for (const [name, q] of filters) {
        const s = await measure(`${cache} ${scope.label}: ${name}`, cache === 'cold', async (i) => (await listOrgAudit(db, scope.who, scope.orgId, q(i))).events.length);
        stats.push({ ...s, scope: scope.label, cache });
      }
    }
  }
  // warm: the names of the boards' cards and columns were read before (a running server; edits
  // since are caught up from the audit rows); cold: every run as the first after a restart, each
  // board on the page parsed from its stored document.
  const worstOf = (cache: string) => Math.max(...stats.filter((s) => s.cache === cache).map((s) => s.p95));
  const worst = worstOf('warm');
  const worstCold = worstOf('cold');
  console.log(`\nworst p95 of a first page: ${worst.toFixed(1)} ms warm (target ≤ 150 ms) ${worst <= 150 ? 'OK' : 'OVER'}; ${worstCold.toFixed(1)} ms cold (${worstCold <= 150 ? 'OK' : 'OVER'})`);

  // The stream: 100,000 rows for the region's head, memory after every page.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  let rows = 0;
  let pages = 0;
  const t0 = performance.now();
  // With --expose-gc, the heap still in use after a collection every 10 pages: what the stream holds.
  let liveHeap = 0;
  for await (const page of streamOrgAudit(db, scopes[0].who, region.id, { limit: String(STREAM_ROWS) }, 1000)) {
    rows += page.events.length;
    pages++;
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    if (gc && pages % 10 === 0) {
      gc();
      liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
    }
  }
  const streamMs = performance.now() - t0;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  console.log(
    `stream: ${rows.toLocaleString('en')} rows in ${pages} pages, ${(streamMs / 1000).toFixed(1)} s (${Math.round(rows / (streamMs / 1000)).toLocaleString('en')} rows/s); ` +
      `heap ${mb(base.heapUsed)} → peak ${mb(peakHeap)} MB (+${mb(peakHeap - base.heapUsed)}), ` +
      (gc ? `live after gc at most ${mb(liveHeap)} MB (+${mb(liveHeap - base.heapUsed)}), ` : '(no --expose-gc) ') +
      `rss ${mb(base.rss)} → peak ${mb(peakRss)} MB`,
  );
  const [{ size }] = await execRows<{ size: string }>(db, sql`select pg_size_pretty(pg_total_relation_size('audit_events')) as size`);
  const out = {
    at: new Date().toISOString(),
    host: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    database: { name: DB_NAME, events: EVENTS, boards: BOARDS, organisations: orgs.length, auditEventsSize: size },
    runs: RUNS,
    stats,
    worstP95: { warm: worst, cold: worstCold },
    stream: { rows, pages, ms: streamMs, heapBase: base.heapUsed, heapPeak: peakHeap, heapLiveAfterGc: liveHeap, rssBase: base.rss, rssPeak: peakRss, gc: !!gc },
  };
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `org-history-${out.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`written ${path.relative(process.cwd(), file)}`);
  await handle.close();
}

await main();
