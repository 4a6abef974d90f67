import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ROOT_DIR } from '../../server/root';
import { signIn, startServer, type RunningServer } from '../helpers/server';

type BoardJson = { id: string; title: string; kind: string; orgId: string };

describe('the Tropa server (production build, embedded database, port 0)', () => {
  let srv: RunningServer;
  let curatorCookie: string;
  let boards: BoardJson[];

  beforeAll(async () => {
    // TRUST_PROXY lets the test speak for several client addresses through X-Forwarded-For.
    srv = await startServer({ TRUST_PROXY: '1' });
    const res = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo', '10.0.0.1');
    curatorCookie = res.cookie!;
    boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curatorCookie } })).json()) as BoardJson[];
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('GET /api/health reports the embedded database', async () => {
    const res = await fetch(`${srv.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'pglite', redis: false });
  });

  it('seeds the demo once and says so, with the password', () => {
    expect(srv.output()).toContain('curator@demo.tropa');
    expect(srv.output()).toContain('password: tropa-demo');
  });

  it('GET /api/boards is 401 without a session and lists readable boards with one', async () => {
    const anon = await fetch(`${srv.url}/api/boards`);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(boards.map((b) => b.kind).sort()).toEqual(['pairs', 'roadmap']);
    for (const b of boards) expect(Object.keys(b).sort()).toEqual(['id', 'kind', 'orgId', 'title']);
  });

  it('a wrong password and an unknown account get the same answer and no session', async () => {
    const wrong = await signIn(srv.url, 'member@demo.tropa', 'not-the-password', '10.0.0.2');
    const unknown = await signIn(srv.url, 'nobody@demo.tropa', 'not-the-password', '10.0.0.2');
    for (const res of [wrong, unknown]) {
      expect(res.cookie).toBeNull();
      expect(res.location).toContain('error=CredentialsSignin');
    }
  });

  it('slows one address guessing an account, but the owner still signs in from another address', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(srv.url, 'mentee@demo.tropa', 'wrong-password', '10.1.0.1')).location).toContain('error=CredentialsSignin');
    const slowed = await signIn(srv.url, 'mentee@demo.tropa', 'tropa-demo', '10.1.0.1');
    expect(slowed.cookie).toBeNull();
    expect(slowed.location).toContain('error=THROTTLED');
    expect((await signIn(srv.url, 'mentee@demo.tropa', 'tropa-demo', '10.1.1.1')).cookie).toBeTruthy();
  });

  it('throttles an address that fails across many accounts, whatever the account', async () => {
    for (let i = 0; i < 20; i++) await signIn(srv.url, `guess${i}@demo.tropa`, 'wrong-password', '10.2.0.1');
    const blocked = await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo', '10.2.0.1');
    expect(blocked.location).toContain('error=THROTTLED');
    expect((await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo', '10.2.0.2')).cookie).toBeTruthy();
  });

  it('an unknown page is a 404 page in Russian', async () => {
    const res = await fetch(`${srv.url}/no/such/page`, { headers: { cookie: curatorCookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Страница не найдена');
  });

  function openYjs(boardId: string, cookie?: string) {
    return new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${boardId}`, { headers: cookie ? { cookie } : {} });
  }
  const refusal = (ws: WebSocket) =>
    new Promise<number>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('upgrade was accepted')));
      ws.on('error', () => {});
    });

  it('a /yjs socket opens and stays open although Next has a catch-all page route', async () => {
    // Next installs its own upgrade handling on its first request; make sure that happened.
    await fetch(`${srv.url}/yjs-is-not-a-page/${boards[0].id}`);
    const ws = openYjs(boards[0].id, curatorCookie);
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (data) => resolve(data as Buffer));
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      ws.once('error', reject);
    });
    expect(first[0]).toBe(0); // messageSync
    expect(first[1]).toBe(0); // SyncStep1: the server's state vector, the board loaded
    await new Promise((r) => setTimeout(r, 500));
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('refuses /yjs upgrades without a session (401) and without access (403)', async () => {
    expect(await refusal(openYjs(boards[0].id))).toBe(401);
    const member = await signIn(srv.url, 'member@demo.tropa', 'tropa-demo', '10.3.0.1');
    const pairs = boards.find((b) => b.kind === 'pairs')!;
    expect(await refusal(openYjs(pairs.id, member.cookie!))).toBe(403);
    expect(await refusal(openYjs('00000000-0000-0000-0000-000000000000', member.cookie!))).toBe(403);
  });

  it('socket.io shares the port and the session, and joins a board room only with access', async () => {
    const anon = ioClient(srv.url, { transports: ['websocket'], reconnection: false });
    const refused = await new Promise<string>((resolve) => anon.on('connect_error', (err) => resolve(err.message)));
    expect(refused).toBe('UNAUTHENTICATED');
    anon.close();

    const socket = ioClient(srv.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: curatorCookie } });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const joined = await socket.emitWithAck('board:join', boards[0].id);
    expect(joined).toEqual({ ok: true, boardId: boards[0].id });
    const missing = await socket.emitWithAck('board:join', '00000000-0000-0000-0000-000000000000');
    expect(missing).toEqual({ ok: false, code: 'NOT_FOUND' });
    socket.close();
  });
});

describe('start-up with bad configuration', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('an unreachable DATABASE_URL stops the server with a message naming it and the host', () => {
    const res = run({ DATABASE_URL: 'postgres://tropa@127.0.0.1:1/nowhere', AUTH_SECRET: 'x'.repeat(40) });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL');
    expect(res.stderr).toContain('127.0.0.1:1');
  });

  it('production with DATABASE_URL requires AUTH_SECRET', () => {
    const res = run({ NODE_ENV: 'production', DATABASE_URL: 'postgres://tropa@127.0.0.1:5432/test', AUTH_SECRET: '' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('AUTH_SECRET');
  });
});
