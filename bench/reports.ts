// `npx tsx bench/reports.ts`: monitoring reports (issue 16). Server time of getOrgReport as the
// report page and the API call it (gathering as of the round's end, roadmap replay from the
// trail, roll-up, indicators and the four previous rounds for trends), on a scratch database
// (bench/scratch-db.ts: BENCH_DB=postgres by default, BENCH_DB=pglite for a quick check).
//   1. A school whose roadmap board has 1,000,000 audit events over a year (typing, status and
//      deadline changes): target p95 ≤ 300 ms.
//   2. A region of 1,000 schools (10 municipalities), each with a roadmap, 10 pairs, meetings,
//      surveys and a contingent: target p95 ≤ 1 s.
// BENCH_SCALE (1) scales the events and the schools (0.01 for a check that the bench works);
// BENCH_RUNS (20), BENCH_WARMUP (3). The checkpoint grid is filled first (fillCheckpoints, as the
// server's hourly upkeep does), since "as of" replays from the nearest checkpoint.
// Audit rows are generated in bulk SQL; their hashes are unique but do not chain (reports never read the chain).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { migrateDb } from '../db/migrate';
import { execRows } from '../db/rows';
import { fillCheckpoints } from '../db/queries/board-history';
import { getOrgReport } from '../db/queries/reports';
import * as Y from 'yjs';
import { boards, boardSnapshots, organisations } from '../db/schema';
import { buildBoardDoc } from '../lib/board/doc';
import type { Principal } from '../lib/permissions';
import { surveyTemplate } from '../lib/surveys';
import { BENCH_DB_KIND, openScratchDb } from './scratch-db';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SCHOOL_EVENTS = Math.max(1000, Math.round(1_000_000 * SCALE));
const SCHOOLS = Math.max(10, Math.round(1000 * SCALE));
const MUNIS = 10;
const CARDS = 40;
const ROUND = '2026-06';
const NOW = new Date('2026-11-30T12:00:00Z');

const arr = (xs: readonly (string | number)[]) => `{${xs.join(',')}}`;
const INDICATORS = [
  { title: 'Доля молодых специалистов, охваченных наставничеством', unit: '%', targets: { '2025': 100, '2026': 100 } },
  { title: 'Удовлетворённость наставляемых участием в программе наставничества', unit: '%', targets: { '2025': 60, '2026': 70 } },
];

function roadmapContent() {
  const cards: Record<string, unknown> = {};
  for (let i = 0; i < CARDS; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    cards[`c${i}`] = {
      columnId: 'col1',
      order: `a${String(i).padStart(3, '0')}`,
      title: `Мероприятие ${i + 1}`,
      description: '',
      status: 'todo',
      deadline: { text: `до 28.${month}.2026`, start: null, end: `2026-${month}-28`, recurrence: 'once' },
    };
  }
  return { meta: { title: 'Дорожная карта', kind: 'roadmap' }, columns: { col1: { title: 'Этап', order: 'a0', removed: false } }, cards };
}

async function insertOrgs(db: Db, rows: (typeof organisations.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(organisations).values(rows.slice(i, i + 500));
}

/** Schools with a roadmap board (created at the year's start) and a pairs board, people, pairs, meetings, surveys, contingent. */
async function populateSchools(db: Db, schoolIds: string[]) {
  const roadmaps = schoolIds.map((orgId) => ({ id: randomUUID(), orgId, kind: 'roadmap' as const, title: 'Дорожная карта', createdAt: new Date('2026-01-01T06:00:00Z') }));
  const pairBoards = schoolIds.map((orgId) => ({ id: randomUUID(), orgId, kind: 'pairs' as const, title: 'Пары', createdAt: new Date('2026-01-01T06:00:00Z') }));
  for (let i = 0; i < schoolIds.length; i += 500) await db.insert(boards).values([...roadmaps.slice(i, i + 500), ...pairBoards.slice(i, i + 500)]);
  const ids = arr(schoolIds);
  const pbs = arr(pairBoards.map((b) => b.id));
  await db.execute(sql`insert into people (org_id, number, full_name, name_key, category, experience_years)
    select s.id, g, 'Участник ' || g, 'участник ' || g, (case when g % 4 = 0 then 'teacher' else 'student' end)::person_category, case when g % 4 = 0 then g % 6 else null end
    from unnest(${ids}::uuid[]) s(id), generate_series(1, 20) g`);
  await db.execute(sql`insert into pairs (org_id, board_id, number, form, started_on, created_at)
    select s.id, s.pb, g, case when g % 2 = 0 then 'учитель – учитель' else 'ученик – ученик' end, date '2026-01-10' + g, timestamptz '2026-01-10 09:00+03' + g * interval '1 day'
    from unnest(${ids}::uuid[], ${pbs}::uuid[]) s(id, pb), generate_series(1, 10) g`);
  await db.execute(sql`insert into pair_members (pair_id, person_id, side)
    select p.id, pe.id, (case when pe.number = p.number * 2 - 1 then 'mentor' else 'mentee' end)::pair_side
    from pairs p join people pe on pe.org_id = p.org_id and pe.number in (p.number * 2 - 1, p.number * 2) where p.org_id = any(${ids}::uuid[])`);
  await db.execute(sql`insert into meetings (pair_id, kind, held_on, created_at)
    select p.id, 'regular', p.started_on + g * 14, (p.started_on + g * 14)::timestamptz + interval '15 hours' from pairs p, generate_series(0, 9) g where p.org_id = any(${ids}::uuid[])`);
  const answers = JSON.stringify(Object.fromEntries(surveyTemplate('mentee_satisfaction')!.items.filter((i) => i.kind === 'scale').map((i, k) => [i.id, 5 + (k % 5)])));
  await db.execute(sql`insert into survey_responses (org_id, template, person_id, answers, submitted_at)
    select pm_p.org_id, 'mentee_satisfaction', pm.person_id, ${answers}::jsonb, timestamptz '2026-05-20 12:00+03'
    from pairs pm_p join pair_members pm on pm.pair_id = pm_p.id and pm.side = 'mentee' where pm_p.org_id = any(${ids}::uuid[])`);
  await db.execute(sql`insert into report_contingents (org_id, round, students, teachers, young_specialists) select id, ${ROUND}, 500, 60, 6 from unnest(${ids}::uuid[]) s(id)`);
  // Each roadmap: created with its cards, then every card marked done on its first day (rows stamped in
  // the order of their ids, as the server writes them: the big school's year of typing follows).
  const content = JSON.stringify({ content: roadmapContent() });
  const rb = arr(roadmaps.map((b) => b.id));
  await db.execute(sql`insert into audit_events (at, org_id, board_id, type, entity_type, entity_id, before, after, hash)
    select timestamptz '2026-01-01 09:00+03', s.org, s.id, 'board.created', 'board', s.id::text, null, ${content}::jsonb, md5(random()::text || s.id::text)
    from unnest(${rb}::uuid[], ${ids}::uuid[]) s(id, org)`);
  await db.execute(sql`insert into audit_events (at, org_id, board_id, type, entity_type, entity_id, before, after, hash)
    select timestamptz '2026-01-01 10:00+03' + g * interval '10 minutes', s.org, s.id, 'card.updated', 'card', 'c' || g, '{"status":"todo"}', '{"status":"done"}', md5(random()::text || s.id::text || g)
    from unnest(${rb}::uuid[], ${ids}::uuid[]) s(id, org), generate_series(0, ${CARDS - 1}) g`);
  return roadmaps;
}

/** The big school's trail: mostly typing in descriptions, every 50th row a status or deadline change, spread over the year. */
async function bigTrail(db: Db, boardId: string, orgId: string) {
  const span = 365 * 24 * 3600;
  for (let from = 1; from <= SCHOOL_EVENTS; from += 100_000) {
    const to = Math.min(SCHOOL_EVENTS, from + 99_999);
    await db.execute(sql`insert into audit_events (at, org_id, board_id, type, entity_type, entity_id, before, after, hash)
      select timestamptz '2026-01-02 00:00+03' + (g::double precision / ${SCHOOL_EVENTS}::int * ${span}::int) * interval '1 second', ${orgId}::uuid, ${boardId}::uuid, 'card.updated', 'card', 'c' || (g % ${CARDS}::int),
        case when g % 50 = 0 then '{"status":"todo"}'::jsonb when g % 50 = 25 then '{"deadline":null}'::jsonb else jsonb_build_object('description', 'текст ' || (g - 1)) end,
        case when g % 50 = 0 then jsonb_build_object('status', case when g % 100 = 0 then 'done' else 'in_progress' end)
             when g % 50 = 25 then jsonb_build_object('deadline', jsonb_build_object('text', 'до 30.06.2026', 'start', null, 'end', '2026-06-30', 'recurrence', 'once'))
             else jsonb_build_object('description', 'текст ' || g) end,
        md5(random()::text || g || clock_timestamp()::text)
      from generate_series(${from}::int, ${to}::int) g`);
  }
}

/** Warm reads: the roadmaps' activities as of the round's end are kept; each read asks only whether the trail reached back since. */
async function time(label: string, target: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
  console.log(`${label}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${ms.at(-1)!.toFixed(1)} ms (target p95 ≤ ${target} ms${SCALE === 1 ? '' : `, at scale ${SCALE}`})`);
  return Number(p(0.95));
}

async function main() {
  const handle = await openScratchDb();
  const db = handle.db;
  try {
    await migrateDb(handle);
    console.log(`reports bench on ${handle.where} (${BENCH_DB_KIND}): ${SCHOOL_EVENTS} events for the school, ${SCHOOLS} schools in the region`);
    let t0 = performance.now();
    const region = randomUUID();
    const munis = Array.from({ length: MUNIS }, () => randomUUID());
    const schools = Array.from({ length: SCHOOLS }, () => randomUUID());
    const big = randomUUID();
    await insertOrgs(db, [
      { id: region, kind: 'region', name: 'Бенч-регион', slug: `r-${region}` },
      ...munis.map((id, i) => ({ id, parentId: region, kind: 'municipality' as const, name: `Округ ${i + 1}`, slug: `m-${id}` })),
      ...schools.map((id, i) => ({ id, parentId: munis[i % MUNIS], kind: 'organisation' as const, name: `Школа № ${i + 1}`, slug: `s-${id}` })),
      { id: big, parentId: munis[0], kind: 'organisation', name: 'Большая школа', slug: `b-${big}` },
    ]);
    await populateSchools(db, schools);
    const [bigRoadmap] = await populateSchools(db, [big]);
    await bigTrail(db, bigRoadmap.id, big);
    // The big school's and the region's roadmaps carry two indicators in their documents (as an import
    // leaves them), linked by their titles: the report then computes the trend over four earlier rounds.
    const regionRoadmap = { id: randomUUID(), orgId: region, kind: 'roadmap' as const, title: 'Региональная дорожная карта', createdAt: new Date('2026-01-01T06:00:00Z') };
    await db.insert(boards).values(regionRoadmap);
    for (const b of [bigRoadmap, regionRoadmap]) {
      const doc = buildBoardDoc({ title: b.title, kind: 'roadmap', period: null, columns: [], indicators: INDICATORS });
      await db.insert(boardSnapshots).values({ boardId: b.id, state: Y.encodeStateAsUpdate(doc) });
      doc.destroy();
    }
    if (BENCH_DB_KIND === 'postgres') await db.execute(sql`analyze`);
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await fillCheckpoints(db);
    console.log(`checkpoints filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const [{ n }] = await execRows<{ n: string | number }>(db, sql`select count(*) as n from audit_events where board_id = ${bigRoadmap.id}`);
    console.log(`the school's roadmap: ${n} audit events`);

    const curator: Principal = { id: randomUUID(), memberships: [{ orgId: big, role: 'curator' }] };
    const head: Principal = { id: randomUUID(), memberships: [{ orgId: region, role: 'head' }] };
    // Cold: the first reads in this process (nothing kept; the roadmaps are replayed from the trail).
    let c0 = performance.now();
    const school = await getOrgReport(db, curator, big, ROUND, { now: NOW });
    console.log(`a school's report, cold (the first read in this process): ${(performance.now() - c0).toFixed(1)} ms`);
    console.log(`school: ${school.figures.pairs.value} pairs, roadmap ${school.execution.onTime}/${school.execution.due} on time, indicators ${school.indicators.map((i) => `${i.link}:${i.actual}`).join(', ')}, trend over ${school.previousRounds.length} rounds`);
    c0 = performance.now();
    const all = await getOrgReport(db, head, region, ROUND, { now: NOW });
    console.log(`a region's report, cold (the first read in this process): ${(performance.now() - c0).toFixed(1)} ms`);
    console.log(`region: ${all.figures.pairs.value} pairs, ${all.children.length} municipalities, student coverage ${all.figures.studentCoverage.value} %, indicators ${all.indicators.length}`);
    await time(`a school's report (${n} events)`, 300, () => getOrgReport(db, curator, big, ROUND, { now: NOW }));
    await time(`a region of ${SCHOOLS + 1} schools`, 1000, () => getOrgReport(db, head, region, ROUND, { now: NOW }));
  } finally {
    await handle.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
