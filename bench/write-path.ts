// The live write path's own CPU, in process and without sockets: BoardRooms with every check
// on (budgets, decode, dependencies, client ids, shape, write filter, size guard, projector,
// coalescer, persistence with audit), fed by fake connections the pre-encoded edits of the
// load bench (each writer types a token at the end of the bench card's description, 1 edit/s).
// What it leaves out: the sockets (framing, syscalls: the same per delivered message for
// any server) and the clients.
//
//   npx tsx bench/write-path.ts
//   WP_SHAPES=20x25,1x200  boards × clients per board (default both)
//   WP_SECONDS=20          seconds of typing (the text grows with it, and so may the cost per edit)
//   WP_PERSIST=postgres    postgres (a scratch database on BENCH_DATABASE_URL / TEST_DATABASE_URL /
//                          the local one) | pglite | count (a stand-in that only counts what is queued)
//   WP_PROFILE=<dir>       also a CPU profile of the timed part (then the CPU figures include the
//                          profiler's overhead), written there and summarised as top self time
//   WP_REPEAT=1            runs per shape; the figures printed are each run's
// The figures are net of the driver's idle cost (its loop and the rooms' timers with nothing sent),
// measured for 5 s before each timed run.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SourceMap } from 'node:module';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as wsModule from 'ws';
import * as Y from 'yjs';
import { openDb, type DbHandle } from '../db/client';
import { migrateDb } from '../db/migrate';
import { createBoard, loadBoardForRoom, loadBoardState } from '../db/queries/boards';
import { createOrganisation, SYSTEM } from '../db/queries/organisations';
import { users } from '../db/schema';
import { BoardPersistence } from '../server/yjs/persistence';
import { BoardRooms, type Connection } from '../server/yjs/rooms';
import { createScratchDatabase } from '../tests/helpers/db';
import { adminUrl, token } from './scenarios/common';

const SHAPES = (process.env.WP_SHAPES ?? '20x25,1x200').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const SECONDS = Number(process.env.WP_SECONDS ?? 20);
const PERSIST = (process.env.WP_PERSIST ?? 'postgres') as 'postgres' | 'pglite' | 'count';
const PROFILE = process.env.WP_PROFILE;
const REPEAT = Number(process.env.WP_REPEAT ?? 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the frames of the fake sockets go: counted, then dropped (no syscalls, no kernel). */
class Sink {
  bytes = 0;
  cork() {}
  uncork() {}
  write(chunk: Uint8Array, cb?: () => void) {
    this.bytes += chunk.byteLength;
    cb?.();
    return true;
  }
}

/**
 * Shaped like the ws socket BoardRooms uses: handlers, readyState, close, and send as
 * WebSocket#send does it (ws/lib/websocket.js, no permessage-deflate, as the server has it),
 * through ws's own Sender, so that the framing's work and allocations per message count.
 */
class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  sent = 0;
  readonly sink = new Sink();
  // Not in @types/ws, but exported (ws/wrapper.mjs).
  private readonly sender = new (wsModule as unknown as { Sender: new (socket: unknown) => unknown }).Sender(this.sink);
  readonly handlers = new Map<string, (...args: unknown[]) => void>();
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(event, fn);
    return this;
  }
  send(data: Uint8Array, options?: ((err?: Error) => void) | object, cb?: (err?: Error) => void) {
    if (typeof options === 'function') {
      cb = options as (err?: Error) => void;
      options = {};
    }
    this.sent++;
    const opts = { binary: true, mask: false, compress: false, fin: true, ...options };
    (this.sender as unknown as { send(d: Uint8Array, o: object, cb?: (err?: Error) => void): void }).send(data, opts, cb);
  }
  close() {
    if (this.readyState !== 1) return;
    this.readyState = 3;
    this.handlers.get('close')?.();
  }
  terminate() {
    this.close();
  }
  /** A binary frame from the client. */
  message(data: Buffer) {
    this.handlers.get('message')!(data, true);
  }
}

/** A persistence that only counts (WP_PERSIST=count): the path without the database. */
class CountingPersistence {
  updates = 0;
  audits = 0;
  enqueue(_b: string, _o: string, update: unknown, audits: unknown[]) {
    if (update) this.updates++;
    this.audits += audits.length;
  }
  noteLoaded() {}
  boardStatus() {
    return 'ok' as const;
  }
  release() {}
  flush() {
    return Promise.resolve();
  }
}

const frame = (write: (enc: encoding.Encoder) => void) => {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  write(enc);
  return Buffer.from(encoding.toUint8Array(enc));
};

type Edit = { at: number; board: number; client: number; message: Buffer };

/**
 * The edits of a run, in time order: client c of a board types at offset(c) + k seconds, at
 * the end of the description as the board has it then (as a client that heard everything does).
 * One Y.Doc per board writes them all, switching its clientID to the writer's.
 */
function edits(states: Uint8Array[], clients: number, ids: number[][]): Edit[] {
  const schedule: { at: number; board: number; client: number; seq: number }[] = [];
  let seed = 17;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  states.forEach((_, board) => {
    for (let c = 0; c < clients; c++) {
      const offset = random();
      for (let seq = 0; offset + seq < SECONDS; seq++) schedule.push({ at: offset + seq, board, client: c, seq });
    }
  });
  schedule.sort((a, b) => a.at - b.at);
  const docs = states.map((s) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, s);
    return doc;
  });
  const out: Edit[] = [];
  for (const e of schedule) {
    const doc = docs[e.board];
    doc.clientID = ids[e.board][e.client];
    let update: Uint8Array | null = null;
    const take = (u: Uint8Array) => (update = u);
    doc.on('update', take);
    const text = doc.getMap<Y.Map<Y.Text>>('cards').get('bench')!.get('description')!;
    text.insert(text.length, token(e.client, e.seq));
    doc.off('update', take);
    out.push({ at: e.at, board: e.board, client: e.client, message: frame((enc) => syncProtocol.writeUpdate(enc, update!)) });
  }
  docs.forEach((d) => d.destroy());
  return out;
}

type ProfileNode = { id: number; callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

/**
 * Names a profile's frames by their place in the source: tsx runs each file as one line of
 * transformed code, so a frame's own line and column mean nothing until its inline source map
 * (read back through the inspector) maps them.
 */
function frameNamer(session: Session): (f: ProfileNode['callFrame']) => string {
  session.post('Debugger.enable');
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (scriptId: string) => {
    if (!maps.has(scriptId)) {
      let map: SourceMap | null = null;
      session.post('Debugger.getScriptSource', { scriptId }, (err, res) => {
        const m = !err && /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(res.scriptSource);
        if (m) map = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString()));
      });
      maps.set(scriptId, map);
    }
    return maps.get(scriptId)!;
  };
  return (f) => {
    let line = f.lineNumber + 1;
    const file = f.url ? path.relative(process.cwd(), f.url.replace(/^file:\/\//, '')).replace(/^node_modules\//, '') : '';
    if (f.url.startsWith('file://') && !f.url.includes('/node_modules/')) {
      const entry = mapOf(f.scriptId)?.findEntry(f.lineNumber, f.columnNumber);
      if (entry && 'originalLine' in entry) line = entry.originalLine + 1;
    }
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${line}` : ''}`;
  };
}

/** Self and total (inclusive) time per function, the largest first. */
function summarise(profile: Profile, name: (f: ProfileNode['callFrame']) => string, n: number) {
  const self = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  const names = new Map(profile.nodes.map((node) => [node.id, name(node.callFrame)]));
  let busy = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const own = names.get(node.id)!;
    if (own !== '(idle)') busy += us;
    selfBy.set(own, (selfBy.get(own) ?? 0) + us);
    // Every function on the stack gets the sample once (recursion counted once).
    const onStack = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) onStack.add(names.get(id)!);
    for (const f of onStack) totalBy.set(f, (totalBy.get(f) ?? 0) + us);
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => k !== '(idle)' && k !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  return `busy ${(busy / 1000).toFixed(0)} ms; self time:\n${top(selfBy)}\ntotal time:\n${top(totalBy)}`;
}

async function openDatabase(): Promise<{ handle: DbHandle; dispose: () => Promise<void> }> {
  if (PERSIST === 'pglite' || PERSIST === 'count') {
    const handle = await openDb({ dataDir: null });
    await migrateDb(handle);
    return { handle, dispose: () => handle.close() };
  }
  const { url, drop } = await createScratchDatabase(adminUrl());
  const handle = await openDb({ databaseUrl: url });
  await migrateDb(handle);
  return {
    handle,
    async dispose() {
      await handle.close();
      await drop();
    },
  };
}

async function run(boards: number, clients: number) {
  const { handle, dispose } = await openDatabase();
  try {
    const region = await createOrganisation(handle.db, SYSTEM, { parentId: null, kind: 'region', name: 'Область', slug: 'bench-region' });
    const town = await createOrganisation(handle.db, SYSTEM, { parentId: region.id, kind: 'municipality', name: 'Округ', slug: 'bench-town' });
    const school = await createOrganisation(handle.db, SYSTEM, { parentId: town.id, kind: 'organisation', name: 'Школа', slug: 'bench-school' });
    const boardIds: string[] = [];
    for (let b = 0; b < boards; b++) {
      const board = await createBoard(handle.db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: `Bench ${b}` }, {
        title: `Bench ${b}`,
        kind: 'roadmap',
        period: null,
        columns: [{ id: 'c', title: 'Этап', cards: [{ id: 'bench', title: 'Нагрузка' }] }],
      });
      boardIds.push(board.id);
    }
    // Every writer its own account (the actor of its log rows and audit rows).
    const userIds: string[][] = [];
    for (let b = 0; b < boards; b++) {
      const rows = await handle.db
        .insert(users)
        .values(Array.from({ length: clients }, (_, c) => ({ email: `w${b}.${c}@bench.tropa`, name: `Writer ${c}`, passwordHash: '-' })))
        .returning({ id: users.id });
      userIds.push(rows.map((r) => r.id));
    }
    const states = await Promise.all(boardIds.map((id) => loadBoardState(handle.db, id)));
    const ids = boardIds.map((_, b) => Array.from({ length: clients }, (_, c) => 1_000_000 + b * 10_000 + c));
    const t0 = performance.now();
    const plan = edits(states, clients, ids);
    console.error(`${boards}×${clients}: ${plan.length} edits encoded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const counting = PERSIST === 'count' ? new CountingPersistence() : null;
    const persistence = counting ?? new BoardPersistence({ db: () => handle.db, log: (m) => console.error(m) });
    const rooms = new BoardRooms({
      load: (boardId) => loadBoardForRoom(handle.db, boardId),
      persistence: persistence as unknown as BoardPersistence,
      maxMessageBytes: 2 * 1024 * 1024,
      maxDecodeMs: 250,
      typingQuietMs: 30_000,
      log: (m) => console.error(m),
      // The server's defaults (server/config.ts).
      limits: { messagesPerSecond: 60, burstMessages: 600, bytesPerSecond: 512 * 1024, burstBytes: 8 * 1024 * 1024 },
      caps: { maxBytes: 32 * 1024 * 1024, maxCards: 5_000 },
    });
    const sockets: FakeSocket[][] = [];
    for (let b = 0; b < boards; b++) {
      sockets.push([]);
      for (let c = 0; c < clients; c++) {
        const ws = new FakeSocket();
        sockets[b].push(ws);
        const conn: Connection = { ws: ws as never, userId: userIds[b][c], name: `Writer ${c}`, scope: 'all' };
        await rooms.join(boardIds[b], conn);
        // What a fresh WebsocketProvider sends first: its (empty) state vector, and an empty step 2.
        ws.message(frame((enc) => syncProtocol.writeSyncStep1(enc, new Y.Doc())));
        ws.message(frame((enc) => syncProtocol.writeSyncStep2(enc, new Y.Doc())));
      }
    }
    const sentBefore = sockets.flat().reduce((n, s) => n + s.sent, 0);

    // The driver's own cost (its 5 ms loop, the rooms' timers) with nothing sent, per second: subtracted below.
    const idle0 = process.cpuUsage();
    for (const until = performance.now() + 5000; performance.now() < until; ) await sleep(5);
    const idle = process.cpuUsage(idle0);
    const idlePerSecond = (idle.user + idle.system) / 5;

    const session = PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: 500 });
      session.post('Profiler.start');
    }
    if (global.gc) global.gc();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    let i = 0;
    while (i < plan.length) {
      const now = (performance.now() - started) / 1000;
      for (; i < plan.length && plan[i].at <= now; i++) sockets[plan[i].board][plan[i].client].message(plan[i].message);
      await sleep(5);
    }
    await persistence.flush();
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - started) / 1000;
    let profile: Profile | null = null;
    if (session) {
      session.post('Profiler.stop', (err, res) => {
        if (!err) profile = res.profile as never;
      });
    }
    const delivered = sockets.flat().reduce((n, s) => n + s.sent, 0) - sentBefore;
    const expected = plan.length * (clients - 1);
    const framed = sockets.flat().reduce((n, s) => n + s.sink.bytes, 0);
    const us = cpu.user + cpu.system - idlePerSecond * wall;
    console.log(
      `${boards}×${clients} (${PERSIST}, ${SECONDS} s): ${plan.length} edits, ${delivered} delivered (expected ${expected}, ${(framed / 2 ** 20).toFixed(0)} MiB framed in all); ` +
        `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}) over ${wall.toFixed(1)} s, ${((idlePerSecond * wall) / 1e6).toFixed(2)} s of it idle; net ${(us / plan.length).toFixed(1)} µs/edit, ${(us / delivered).toFixed(2)} µs/delivered`,
    );
    if (profile) {
      const file = path.join(PROFILE!, `write-path-${boards}x${clients}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`profile: ${file}; ${summarise(profile, frameNamer(session!), 30)}`);
    }
    session?.disconnect();
    await rooms.closeAll();
    if (counting) console.error(`counted ${counting.updates} updates, ${counting.audits} audit rows`);
    else await (persistence as BoardPersistence).close();
  } finally {
    await dispose();
  }
}

for (const [boards, clients] of SHAPES) for (let r = 0; r < REPEAT; r++) await run(boards, clients);
