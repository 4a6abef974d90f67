// `npx tsx bench/history-as-of.ts`: the board as of a date (issue 15: «a 1,000-card board with
// 200,000 events ≤ 500 ms»), db/queries/board-history.ts boardAsOf timed as the API calls it.
// The trail is made as the server makes it: a 1,000-card roadmap (createBoard, so board.created
// carries its content), then BENCH_EVENTS changes through lib/board/ops on a Y.Doc, projected by
// the BoardProjector into rows, appended to the board's chain 1,000 rows a batch, their times
// spread over a year; BENCH_NOISE rows of another board of the same organisation are interleaved
// (ids and times), as on a busy server. Mix: typing in titles and descriptions (one row per
// coalesced edit), moves, fields (status, responsible, deadline), comments, checklist items,
// cards added and deleted, columns renamed and moved.
// Measured, for random moments:
//   cold, no checkpoints, replay only (checkpointEvery = ∞)     — the replay from board.created;
//   cold, as a request does it: writing at most MAX_CHECKPOINT_WRITES checkpoints of the grid;
//   writeCheckpoints: every checkpoint of the grid (one every 2,000 rows), from nothing;
//   with checkpoints (the whole grid)                             — every later request.
// And checked: the board as of the end equals the live document.
//   BENCH_DB=postgres (default): a scratch database on BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres),
//     dropped afterwards (BENCH_KEEP=1 keeps it); BENCH_DB=pglite: PGlite in memory.
//   BENCH_EVENTS (200000), BENCH_CARDS (1000), BENCH_NOISE (50000), BENCH_RUNS (30), BENCH_COLD_RUNS (5).
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { appendAuditBatch } from '../db/audit';
import { BENCH_DB_KIND, openScratchDb } from './scratch-db';
import { migrateDb } from '../db/migrate';
import { execRows } from '../db/rows';
import { boardAsOf, CHECKPOINT_EVERY, MAX_CHECKPOINT_WRITES, writeCheckpoints } from '../db/queries/board-history';
import { createBoard, loadBoardLog } from '../db/queries/boards';
import { createOrganisation, SYSTEM } from '../db/queries/organisations';
import { createUser, loadPrincipal } from '../db/queries/users';
import { auditCheckpoints } from '../db/schema';
import { auditRow, type BoardAuditRow } from '../lib/audit/audit-row';
import { BoardProjector } from '../lib/audit/projector';
import type { BoardInit } from '../lib/board/doc';
import { addCard, addComment, moveCard, moveColumn, removeCard, renameColumn, setCardText, updateCard } from '../lib/board/ops';
import { STANDARD_STAGES } from '../lib/board/templates';
import { liveView } from '../lib/history/replay';

const KIND = BENCH_DB_KIND;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const CARDS = Number(process.env.BENCH_CARDS ?? 1000);
const NOISE = Number(process.env.BENCH_NOISE ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const BATCH = 1000;
const YEAR_MS = 365 * 24 * 3600 * 1000;

// A seeded generator: the same trail every run.
let seed = 15;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const WORDS = 'наставничество положение приказ анкетирование мониторинг встреча план отчёт совет школа педагог обучение формирование база пара итог программа'.split(' ');
const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');


function roadmap(): BoardInit {
  const per = Math.ceil(CARDS / STANDARD_STAGES.length);
  let n = 0;
  return {
    title: 'Дорожная карта',
    kind: 'roadmap',
    period: null,
    columns: STANDARD_STAGES.map((title, s) => ({
      id: `stage-${s}`,
      title,
      cards: Array.from({ length: Math.min(per, CARDS - s * per) }, () => {
        const i = n++;
        return { id: `card-${i}`, title: `${i + 1}. ${words(4)}`, description: words(20), fields: { status: 'todo', responsible: ['Куратор'], checklist: [], number: String(i + 1) } };
      }),
    })),
  };
}

/** One random change of the board, as a user makes it. */
function change(doc: Y.Doc, i: number) {
  const cards = [...doc.getMap<Y.Map<unknown>>('cards').keys()];
  const id = pick(cards);
  const columns = STANDARD_STAGES.map((_, s) => `stage-${s}`);
  const r = rand();
  if (r < 0.25) setCardText(doc, id, 'title', `${i}. ${words(4)}`);
  else if (r < 0.4) setCardText(doc, id, 'description', words(10 + Math.floor(rand() * 40)));
  else if (r < 0.6) moveCard(doc, id, pick(columns), Math.floor(rand() * 50));
  else if (r < 0.72) updateCard(doc, id, { status: pick(['todo', 'in_progress', 'done', 'cancelled']) });
  else if (r < 0.76) updateCard(doc, id, { responsible: [pick(['Куратор', 'Директор', 'Завуч', 'Педагог-психолог'])] });
  else if (r < 0.8) updateCard(doc, id, { deadline: { text: `до ${1 + (i % 28)}.05.2026`, start: null, end: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, recurrence: 'once' } });
  else if (r < 0.88) addComment(doc, id, { authorId: '00000000-0000-4000-8000-000000000001', at: new Date(i * 1000).toISOString(), text: words(8) });
  else if (r < 0.96) {
    const list = (doc.getMap<Y.Map<unknown>>('cards').get(id)!.get('checklist') ?? []) as { id: string; text: string; done: boolean }[];
    const next = list.length < 3 || rand() < 0.4 ? [...list, { id: `i${i}`, text: words(3), done: false }] : rand() < 0.5 ? list.map((c, k) => (k === 0 ? { ...c, done: !c.done } : c)) : list.slice(1);
    updateCard(doc, id, { checklist: next });
  } else if (r < 0.98) {
    if (cards.length > CARDS * 0.9 && rand() < 0.5) removeCard(doc, id);
    else addCard(doc, { id: `new-${i}`, columnId: pick(columns), title: words(4), fields: { status: 'todo', checklist: [] } });
  } else if (r < 0.99) renameColumn(doc, pick(columns), `${pick(STANDARD_STAGES)} (${i})`);
  else moveColumn(doc, pick(columns), Math.floor(rand() * columns.length));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { runs: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1]! };
};
const show = (name: string, s: ReturnType<typeof stats>) =>
  console.log(`${name.padEnd(58)} ${s.p50.toFixed(0).padStart(7)} ${s.p95.toFixed(0).padStart(7)} ${s.max.toFixed(0).padStart(7)}   (${s.runs} runs)`);

const handle = await openScratchDb();
const { db } = handle;
try {
  console.log(`board as of a date on ${handle.where}: ${CARDS} cards, ${EVENTS} events (+${NOISE} of another board), checkpoint every ${CHECKPOINT_EVERY}`);
  await migrateDb(handle);
  const school = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: 'Школа', slug: 'bench-school' });
  const head = await createUser(db, SYSTEM, { email: 'head@bench.tropa', name: 'Руководитель', password: 'password-1' }, { orgId: school.id, role: 'head' });
  const principal = (await loadPrincipal(db, head.id))!;
  const t0 = performance.now();
  const board = await createBoard(db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: 'Дорожная карта', periodFrom: null, periodTo: null }, roadmap());
  const noise = await createBoard(db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: 'Другая доска', periodFrom: null, periodTo: null });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadBoardLog(db, board.id)).state);
  const projector = new BoardProjector(doc);
  const start = Date.now() + 1000;
  let written = 0;
  let noiseWritten = 0;
  let pending: BoardAuditRow[] = [];
  for (let i = 0; written < EVENTS; i++) {
    const at = new Date(start + Math.floor(((written + pending.length) / EVENTS) * YEAR_MS));
    for (const e of projector.capture(() => change(doc, i))) pending.push(auditRow(head.id, at, e));
    if (pending.length >= BATCH || written + pending.length >= EVENTS) {
      const rows = pending;
      pending = [];
      await appendAuditBatch(db, board.id, school.id, rows);
      written += rows.length;
      // The other board's rows in between: the same times, other ids.
      const due = Math.floor((written / EVENTS) * NOISE) - noiseWritten;
      if (due > 0) {
        await appendAuditBatch(db, noise.id, school.id, Array.from({ length: due }, (_, k) => ({ actorId: head.id, at: rows[Math.min(k, rows.length - 1)]!.at, type: 'card.updated', entityType: 'card', entityId: `n${k % 50}`, before: { status: 'todo' }, after: { status: 'done' } })));
        noiseWritten += due;
      }
      if (written % 20_000 < rows.length) console.log(`  ${written} events written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  if (KIND === 'postgres') await db.execute(sql`vacuum analyze audit_events`);
  const end = new Date(start + YEAR_MS);
  console.log(`trail made in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${written} events, ${noiseWritten} of the other board`);

  const moment = () => new Date(start + Math.floor(rand() * YEAR_MS));
  const time = async (at: Date, opts?: { checkpointEvery?: number }) => {
    const s = performance.now();
    await boardAsOf(db, principal, board.id, at, opts);
    return performance.now() - s;
  };
  const clear = () => db.delete(auditCheckpoints).where(eq(auditCheckpoints.boardId, board.id));

  console.log(`\n${'boardAsOf (server time per request, ms)'.padEnd(58)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  await clear();
  const replayOnly: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) replayOnly.push(await time(moment(), { checkpointEvery: Infinity }));
  show('cold, no checkpoints: replay from board.created only', stats(replayOnly));
  const coldWriting: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await clear();
    coldWriting.push(await time(moment()));
  }
  show(`cold, writing ≤ ${MAX_CHECKPOINT_WRITES} checkpoints (a request's default)`, stats(coldWriting));
  await clear();
  const f0 = performance.now();
  await writeCheckpoints(db, principal, board.id, end);
  const fill = performance.now() - f0;
  const [{ n, bytes }] = await execRows<{ n: number; bytes: string }>(db, sql`select count(*)::int as n, coalesce(sum(pg_column_size(state)), 0)::bigint as bytes from audit_checkpoints where board_id = ${board.id}`);
  console.log(`${'writeCheckpoints: the whole grid, from nothing'.padEnd(58)} ${fill.toFixed(0).padStart(7)}   → ${n} checkpoints, ${(Number(bytes) / 1e6).toFixed(1)} MB of jsonb`);
  for (let i = 0; i < 3; i++) await time(moment()); // warm-up
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await time(moment()));
  const warmStats = stats(warm);
  show('with checkpoints', warmStats);

  const last = await boardAsOf(db, principal, board.id, end);
  const same = isDeepStrictEqual({ columns: last.columns }, liveView(doc));
  console.log(`\nthe board as of the end equals the live document: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `history-as-of-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ db: KIND, cards: CARDS, events: written, noise: noiseWritten, checkpointEvery: CHECKPOINT_EVERY, coldReplayOnly: stats(replayOnly), coldWriting: stats(coldWriting), fillAll: fill, checkpoints: n, checkpointBytes: Number(bytes), withCheckpoints: warmStats, correct: same }, null, 2),
  );
  console.log(`results: ${path.relative(process.cwd(), file)}`);
} finally {
  await handle.dispose();
}
