import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openDb } from '../db/client';
import { createBoard } from '../db/queries/boards';
import { SYSTEM } from '../db/queries/organisations';
import { organisations } from '../db/schema';
import { eq } from 'drizzle-orm';
import { ROOT_DIR } from '../server/root';
import { signIn, startServer } from '../tests/helpers/server';
import type { Protocol } from './load/protocol';
import { tsx } from './proc';

export type Client = { doc: Y.Doc; synced: Promise<void>; close(): void };
/** How a thin load client (bench/load/thin.ts) reaches a board: its protocol, the socket's URL and headers, the document's name. */
export type ThinEndpoint = { protocol: Protocol; url: string; headers: Record<string, string>; doc: string };
export type Peer = {
  name: string;
  pid: number;
  /** Boards ready for the workload: each has a card 'bench' whose description clients type into. */
  boards(n: number): Promise<string[]>;
  connect(boardId: string): Client;
  /** Where a thin client of a board connects. */
  thin(boardId: string): ThinEndpoint;
  /** A plain client of any document: no bench card made or awaited. */
  open(boardId: string): { doc: Y.Doc; close(): void };
  stop(): Promise<void>;
};

/** The address a peer server prints once it listens. */
export async function listening(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

const stop = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
    setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
  });

function cookieSocket(cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

function synced(on: (cb: () => void) => void): Promise<void> {
  return new Promise((resolve) => on(resolve));
}

/** Tropa with auth, write filter, audit and persistence on, against Postgres. */
export async function tropa(databaseUrl: string): Promise<Peer> {
  // BENCH_PROFILE=<dir>: the server writes a CPU profile (.cpuprofile) there when it stops.
  const profile: Record<string, string> = process.env.BENCH_PROFILE ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(ROOT_DIR, 'bench', 'cpu-profile.mjs')}`.trim() } : {};
  const srv = await startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: '1', AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01', ...profile });
  const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
  const Sock = cookieSocket(cookie!);
  const client = (boardId: string): Client => {
    const doc = new Y.Doc();
    const p = new WebsocketProvider(`${srv.url.replace('http', 'ws')}/yjs`, boardId, doc, { WebSocketPolyfill: Sock as never, disableBc: true });
    return { doc, synced: synced((cb) => p.once('sync', cb)), close: () => (p.destroy(), doc.destroy()) };
  };
  return {
    name: 'tropa',
    pid: srv.proc.pid!,
    async boards(n) {
      const handle = await openDb({ databaseUrl });
      const [school] = await handle.db.select().from(organisations).where(eq(organisations.kind, 'organisation'));
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const b = await createBoard(handle.db, SYSTEM, { orgId: school.id, kind: 'roadmap', title: `Bench ${i}` }, {
          title: `Bench ${i}`,
          kind: 'roadmap',
          period: null,
          columns: [{ id: 'c', title: 'Этап', cards: [{ id: 'bench', title: 'Нагрузка' }] }],
        });
        ids.push(b.id);
      }
      await handle.close();
      return ids;
    },
    connect: client,
    thin: (boardId) => ({ protocol: 'y-websocket', url: `${srv.url.replace('http', 'ws')}/yjs/${boardId}`, headers: { cookie: cookie! }, doc: boardId }),
    open: client,
    stop: () => srv.stop(),
  };
}

/** A peer whose documents start empty: the first client of a board makes the same card. */
function seededClient(doc: Y.Doc, ready: Promise<void>, first: boolean): Promise<void> {
  return ready.then(async () => {
    const cards = doc.getMap<Y.Map<unknown>>('cards');
    if (first && !cards.has('bench')) {
      const card = new Y.Map<unknown>();
      card.set('columnId', 'c');
      card.set('order', 'a0');
      card.set('title', new Y.Text('Нагрузка'));
      card.set('description', new Y.Text(''));
      cards.set('bench', card);
    }
    while (!cards.get('bench')?.get('description')) await new Promise((r) => setTimeout(r, 20));
  });
}

/**
 * A peer server run as its own process, whose documents start empty: the first client of
 * a board makes the bench card, the others wait for it.
 */
async function emptyDocPeer(
  name: string,
  file: string,
  env: Record<string, string>,
  open: (url: string, boardId: string, doc: Y.Doc) => { synced: Promise<void>; close(): void },
  thin: (url: string, boardId: string) => ThinEndpoint,
): Promise<Peer> {
  const proc = tsx(file, [], env);
  const url = await listening(proc);
  const seen = new Set<string>();
  const client = (boardId: string): Client => {
    const doc = new Y.Doc();
    const provider = open(url, boardId, doc);
    return { doc, synced: provider.synced, close: () => (provider.close(), doc.destroy()) };
  };
  return {
    name,
    pid: proc.pid!,
    async boards(n) {
      return Array.from({ length: n }, (_, i) => `bench-${i}`);
    },
    connect(boardId) {
      const c = client(boardId);
      const first = !seen.has(boardId);
      seen.add(boardId);
      return { ...c, synced: seededClient(c.doc, c.synced, first) };
    },
    thin: (boardId) => thin(url, boardId),
    open: client,
    stop: () => stop(proc),
  };
}

export const hocuspocus = (databaseUrl: string) =>
  emptyDocPeer('hocuspocus', 'bench/peers/hocuspocus.ts', { DATABASE_URL: databaseUrl }, (url, name, document) => {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket as never });
    const p = new HocuspocusProvider({ websocketProvider: socket, name, document });
    p.attach(); // a provider given its socket does not attach by itself
    return { synced: synced((cb) => p.on('synced', cb)), close: () => (p.destroy(), socket.destroy()) };
  }, (url, name) => ({ protocol: 'hocuspocus', url, headers: {}, doc: name }));

/** The classic y-websocket server; with `persistenceDir`, its documents are kept in LevelDB there (y-leveldb). */
export const yWebsocket = (persistenceDir?: string) =>
  emptyDocPeer('y-websocket', 'bench/peers/y-websocket.ts', persistenceDir ? { YPERSISTENCE: persistenceDir } : {}, (url, boardId, doc) => {
    const p = new WebsocketProvider(url, boardId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
    return { synced: synced((cb) => p.once('sync', cb)), close: () => p.destroy() };
  }, (url, boardId) => ({ protocol: 'y-websocket', url: `${url}/${boardId}`, headers: {}, doc: boardId }));

/** The servers the bench compares (BENCH_SERVERS=tropa,… picks some), Tropa first; each gets a fresh scratch database. */
export const PEERS: [string, (databaseUrl: string) => Promise<Peer>][] = (
  [
    ['tropa', tropa],
    ['hocuspocus', hocuspocus],
    ['y-websocket', () => yWebsocket()],
  ] as [string, (databaseUrl: string) => Promise<Peer>][]
).filter(([name]) => !process.env.BENCH_SERVERS || process.env.BENCH_SERVERS.split(',').includes(name));
