// Cold load of a big board: 1,000 cards and a 100,000-update history, seeded straight into
// the database with the project's own db layer (not through 100,000 websocket messages).
//   Tropa, in this process: the room's load path (server/yjs/rooms.ts open(): latest
//   snapshot + remaining log from loadBoardForRoom, applied to a Y.Doc, audit projector
//   attached), before and after compaction (BoardPersistence.compact). Then, end to end
//   through the running server: connect → all 1,000 cards in the client's document.
//   Hocuspocus and y-websocket keep no update history (Hocuspocus stores the whole state at
//   each store, y-leveldb merges its updates as it reads them), so they are given the same
//   document as one compacted state in their own storage (hocuspocus_documents in Postgres;
//   LevelDB for y-websocket) and measured end to end the same way.
//   Server time to open: a raw websocket sends an empty SyncStep1 as soon as it is open, and
//   the time until the first SyncStep2 comes back is the server's (loopback): Tropa after
//   compaction and on the full log, y-websocket on its stored state. Hocuspocus is not
//   measured so (its messages carry the document name and need an Auth message first).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
// @ts-expect-error y-leveldb ships no types
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { openDb, type DbHandle } from '../../db/client';
import { createBoard, loadBoardState } from '../../db/queries/boards';
import { SYSTEM } from '../../db/queries/organisations';
import { boardUpdates, organisations } from '../../db/schema';
import { moveCard, updateCard } from '../../lib/board/ops';
import { BoardPersistence } from '../../server/yjs/persistence';
import { createScratchDatabase } from '../../tests/helpers/db';
import { signIn, startServer } from '../../tests/helpers/server';
import { tsx } from '../proc';
import { hocuspocus, listening, yWebsocket } from '../servers';
import { adminUrl, median, sleep, type Row, type ScenarioResult } from './common';
import { loadPath } from './cold-path';

const CARDS = 1000;
const COLUMNS = 10;

/**
 * How the history was made. `typing`: as people edit — a session (its own Yjs client, as a
 * browser tab is) types a few words into one card at its end or somewhere inside, one
 * update per keystroke, sometimes erasing the last letters; cards are moved and their
 * status set between. `scattered`: the worst case for Yjs — single letters typed or erased
 * at random places of random cards by one client, so almost no two letters merge.
 */
export type HistoryKind = 'typing' | 'scattered';
export const HISTORY_KINDS: HistoryKind[] = ['typing', 'scattered'];

/** A history of `n` single updates made on the board (typing mostly). */
function history(initState: Uint8Array, n: number, kind: HistoryKind): { updates: Uint8Array[]; finalState: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initState);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  const ids = [...cards.keys()];
  const columns = [...doc.getMap('columns').keys()];
  let seed = 42;
  const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k);
  const statuses = ['todo', 'in_progress', 'done'];
  const words = 'план наставник встреча наставляемый отчёт этап мероприятие сроки результат анкета пара программа'.split(' ');
  while (updates.length < n) {
    const id = ids[rand(ids.length)];
    const op = rand(100);
    const t = cards.get(id)!.get('description') as Y.Text;
    if (kind === 'scattered' && op < 80) t.insert(rand(t.length + 1), 'абвгдежзик '[rand(11)]);
    else if (kind === 'scattered' && op < 90) {
      if (t.length) t.delete(rand(t.length), 1);
    } else if (kind === 'typing' && op < 85) {
      doc.clientID = 1 + rand(2 ** 30); // a new session
      let at = rand(2) ? t.length : rand(t.length + 1);
      for (const ch of `${words[rand(words.length)]} ${words[rand(words.length)]} `) t.insert(at++, ch);
      if (rand(4) === 0) for (let k = 0; k < 3; k++) t.delete(--at, 1);
    } else if (op < 97) moveCard(doc, id, columns[rand(columns.length)], rand(100));
    else updateCard(doc, id, { status: statuses[rand(3)] });
  }
  return { updates, finalState: Y.encodeStateAsUpdate(doc) };
}

/** One load in a child process, given up after `limitMs` (then null). */
function loadInChild(databaseUrl: string, boardId: string, limitMs: number): Promise<Awaited<ReturnType<typeof loadPath>> | null> {
  return new Promise((resolve) => {
    const proc = tsx('bench/scenarios/cold-load-once.ts', [databaseUrl, boardId]);
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), limitMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? JSON.parse(out.trim().split('\n').at(-1)!) : null);
    });
  });
}

/** Connect → every card in the client's document; the room unloads between runs. */
async function endToEnd(peer: { name: string; open(boardId: string): { doc: Y.Doc; close(): void } }, boardId: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c = peer.open(boardId);
    const cards = c.doc.getMap('cards');
    for (const until = t0 + 120_000; cards.size < CARDS; ) {
      if (performance.now() > until) throw new Error(`${peer.name}: board not loaded in 120 s`);
      await Promise.race([new Promise<void>((r) => c.doc.once('update', () => r())), sleep(500)]);
    }
    times.push(performance.now() - t0);
    c.close();
    await sleep(1500); // the server unloads the document (and writes it, if it changed)
  }
  return times;
}

/** An empty client's SyncStep1, as the stock provider sends it first. */
function emptySyncStep1(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // sync
  encoding.writeVarUint(enc, 0); // SyncStep1
  encoding.writeVarUint8Array(enc, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(enc);
}

/**
 * Server time to open: a raw websocket's open → the first SyncStep2 it receives (message bytes
 * 0, 1), `runs` times, the document unloaded between runs; a run given up after `limitMs` is
 * left out.
 */
async function firstSync(url: string, headers: Record<string, string>, runs: number, limitMs = 60_000): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ws = new WebSocket(url, { headers });
    const ms = await new Promise<number | null>((resolve) => {
      let t0 = 0;
      const timer = setTimeout(() => resolve(null), limitMs);
      ws.on('open', () => {
        t0 = performance.now();
        ws.send(emptySyncStep1());
      });
      ws.on('message', (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }
      });
      ws.on('error', () => resolve(null));
    });
    if (ms !== null) times.push(ms);
    await new Promise<void>((r) => (ws.readyState === ws.CLOSED ? r() : (ws.once('close', () => r()), ws.close())));
    await sleep(1500); // the server unloads the document
  }
  return times;
}

export async function coldScenario(historyLength: number, kind: HistoryKind): Promise<ScenarioResult> {
  const rows: Row[] = [];
  let finalState: Uint8Array | null = null;

  // Tropa
  {
    const db = await createScratchDatabase(adminUrl());
    // As bench/servers.ts tropa() starts it, with the session cookie kept for the raw websocket.
    const srv = await startServer({ DATABASE_URL: db.url, SEED_DEMO: '1', AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01' });
    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    class CookieSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie: cookie! } });
      }
    }
    const peer = {
      name: 'tropa',
      open(boardId: string) {
        const doc = new Y.Doc();
        const p = new WebsocketProvider(`${srv.url.replace('http', 'ws')}/yjs`, boardId, doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
        return { doc, close: () => (p.destroy(), doc.destroy()) };
      },
    };
    const handle = await openDb({ databaseUrl: db.url });
    try {
      const [school] = await handle.db.select().from(organisations).where(eq(organisations.kind, 'organisation'));
      const perColumn = CARDS / COLUMNS;
      const board = await createBoard(handle.db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: 'Cold' }, {
        title: 'Cold',
        kind: 'roadmap',
        period: null,
        columns: Array.from({ length: COLUMNS }, (_, c) => ({
          id: `col${c}`,
          title: `Этап ${c + 1}`,
          cards: Array.from({ length: perColumn }, (_, k) => ({ id: `card${c * perColumn + k}`, title: `Мероприятие ${c * perColumn + k}`, fields: { status: 'todo', responsible: ['Рабочая группа'] } })),
        })),
      });
      const fresh: Awaited<ReturnType<typeof loadPath>>[] = [];
      for (let i = 0; i < 7; i++) fresh.push(await loadPath(handle, board.id));
      const t0 = performance.now();
      const init = await loadBoardState(handle.db, board.id);
      const h = history(init, historyLength, kind);
      finalState = h.finalState;
      for (let i = 0; i < h.updates.length; i += 2000) {
        await handle.db.insert(boardUpdates).values(h.updates.slice(i, i + 2000).map((update) => ({ boardId: board.id, update, actorId: null })));
      }
      const logBytes = h.updates.reduce((n, u) => n + u.byteLength, 0);
      console.error(`cold ${kind} · seeded ${h.updates.length} updates (${(logBytes / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      // The full log: once, in a child process, within BENCH_COLD_LIMIT seconds (default 60);
      // not through the server, which would be busy merging long after the client gave up.
      const limitS = Number(process.env.BENCH_COLD_LIMIT ?? 60);
      const before = await loadInChild(db.url, board.id, limitS * 1000);
      const boardUrl = `${srv.url.replace('http', 'ws')}/yjs/${board.id}`;
      const [firstSyncFullLog] = await firstSync(boardUrl, { cookie: cookie! }, 1, limitS * 1000);
      const persistence = new BoardPersistence({ db: () => handle.db, log: () => {} });
      const c0 = performance.now();
      const compacted = await persistence.compact(board.id);
      const compactMs = performance.now() - c0;
      const after: Awaited<ReturnType<typeof loadPath>>[] = [];
      for (let i = 0; i < 7; i++) after.push(await loadPath(handle, board.id));
      if (after.some((a) => a.cards !== CARDS)) throw new Error(`loaded ${after[0].cards} cards, expected ${CARDS}`);
      const e2eAfter = await endToEnd(peer, board.id, 3);
      const firstSyncAfter = await firstSync(boardUrl, { cookie: cookie! }, 7);
      rows.push({
        scenario: `cold-${kind}`,
        server: 'tropa',
        figures: {
          endToEndMs: median(e2eAfter),
          firstSyncMs: median(firstSyncAfter.slice(1)),
          firstSyncFullLogMs: firstSyncFullLog ?? null,
          serverLoadMs: median(after.slice(1).map((x) => x.totalMs)),
          serverLoadNoHistoryMs: median(fresh.slice(1).map((x) => x.totalMs)),
          serverLoadFirstMs: after[0].totalMs,
          serverReadMs: median(after.slice(1).map((x) => x.readMs)),
          serverApplyMs: median(after.slice(1).map((x) => x.applyMs)),
          serverLoadBeforeMs: before?.totalMs ?? null,
          compactMs,
          logRowsBefore: h.updates.length,
          logMiBBefore: logBytes / 2 ** 20,
          stateKiB: after[0].stateBytes / 1024,
        },
        notes: [`compaction merged ${compacted?.merged} rows`, ...(before ? [] : [`the load of the full ${h.updates.length}-row log did not finish within ${limitS} s (Y.mergeUpdates over the whole log)`])],
      });
      console.error(`cold ${kind} · tropa: server load ${rows[0].figures.serverLoadMs!.toFixed(1)} ms after compaction, ${before ? `${before.totalMs.toFixed(0)} ms` : `over ${limitS} s`} before`);
    } finally {
      await handle.close();
      await srv.stop();
      await db.drop();
    }
  }

  // Hocuspocus: the same document, as one state in its table.
  {
    const db = await createScratchDatabase(adminUrl());
    const peer = await hocuspocus(db.url);
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      await sql`insert into hocuspocus_documents (name, data) values ('cold', ${Buffer.from(finalState!)})`;
      const e2e = await endToEnd(peer, 'cold', 3);
      rows.push({ scenario: `cold-${kind}`, server: 'hocuspocus', figures: { endToEndMs: median(e2e), stateKiB: finalState!.byteLength / 1024 }, notes: ['no update history: stored as one state'] });
      console.error(`cold ${kind} · hocuspocus: ${median(e2e).toFixed(0)} ms end to end`);
    } finally {
      await sql.end();
      await peer.stop();
      await db.drop();
    }
  }

  // y-websocket: the same document in LevelDB (y-leveldb), as its server persists.
  {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-ldb-'));
    const ldb = new LeveldbPersistence(dir);
    await ldb.storeUpdate('cold', finalState!);
    await ldb.destroy();
    // Its server time to open first, from a process of our own (LevelDB allows one at a time).
    const raw = tsx('bench/peers/y-websocket.ts', [], { YPERSISTENCE: dir });
    let first: number[];
    try {
      first = await firstSync(`${await listening(raw)}/cold`, {}, 7);
    } finally {
      await new Promise<void>((r) => (raw.exitCode !== null ? r() : (raw.once('exit', () => r()), raw.kill('SIGTERM'))));
    }
    const peer = await yWebsocket(dir);
    try {
      const e2e = await endToEnd(peer, 'cold', 3);
      rows.push({ scenario: `cold-${kind}`, server: 'y-websocket', figures: { endToEndMs: median(e2e), firstSyncMs: median(first.slice(1)), stateKiB: finalState!.byteLength / 1024 }, notes: ['no update history: stored as one state in LevelDB'] });
      console.error(`cold ${kind} · y-websocket: ${median(e2e).toFixed(0)} ms end to end`);
    } finally {
      await peer.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    title: `cold load: ${CARDS} cards, ${historyLength.toLocaleString('en')}-update history (${kind === 'typing' ? 'typed in sessions' : 'scattered single letters, the worst case'})`,
    columns: [
      { key: 'endToEndMs', label: 'connect → 1,000 cards ms (compacted)', digits: 0 },
      { key: 'firstSyncMs', label: 'open → first SyncStep2 ms (compacted)', digits: 1 },
      { key: 'firstSyncFullLogMs', label: 'open → first SyncStep2 ms (full log)', digits: 0 },
      { key: 'serverLoadMs', label: 'server load ms (compacted)', digits: 1 },
      { key: 'serverLoadNoHistoryMs', label: 'server load ms (no history yet)', digits: 1 },
      { key: 'serverReadMs', label: 'read ms', digits: 1 },
      { key: 'serverApplyMs', label: 'apply ms', digits: 1 },
      { key: 'serverLoadBeforeMs', label: 'server load ms (full log)', digits: 0 },
      { key: 'compactMs', label: 'compaction ms', digits: 0 },
      { key: 'stateKiB', label: 'state KiB', digits: 0 },
    ],
    rows,
  };
}
