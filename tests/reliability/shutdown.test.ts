import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board/doc';
import { addCard } from '../../lib/board/ops';
import { readUnsaved } from '../../server/yjs/unsaved';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { scratchDatabaseBehindProxy } from '../helpers/tcp-proxy';
import { connectBoard, eventually } from '../helpers/yjs-client';

// SIGTERM while board writes cannot be stored: the server stops within SHUTDOWN_TIMEOUT_MS,
// having retried until then, and what it could not store is written out, never dropped.
const TIMEOUT_MS = 3_000;

async function terminate(srv: RunningServer): Promise<{ ms: number; code: number | null }> {
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => srv.proc.once('exit', (code) => resolve(code)));
  srv.proc.kill('SIGTERM');
  const code = await exited;
  return { ms: Date.now() - started, code };
}

async function firstRoadmap(url: string, role: string) {
  const { cookie } = await signIn(url, `${role}@demo.tropa`, 'tropa-demo');
  const boards = (await (await fetch(`${url}/api/boards`, { headers: { cookie: cookie! } })).json()) as { id: string; kind: string }[];
  return { cookie, boardId: boards.find((b) => b.kind === 'roadmap')!.id };
}

describe('shutdown with writes that cannot be stored', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('with the data directory removed, stops within the timeout and leaves nothing running', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tropa-shutdown-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const srv = await startServer({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS) });
    cleanup.push(() => srv.stop());
    const { cookie, boardId } = await firstRoadmap(srv.url, 'member');
    const editor = connectBoard(srv.url, boardId, cookie);
    await editor.synced;
    await rm(dataDir, { recursive: true, force: true });
    const column = readBoard(editor.doc).columns[0].id;
    for (let i = 0; i < 20; i++) addCard(editor.doc, { columnId: column, title: `После удаления ${i}` });
    await new Promise((r) => setTimeout(r, 200));

    const { ms, code } = await terminate(srv);
    editor.close();
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    // The embedded database may still write into files it holds open (exit 0), or fail and say
    // so: then every unstored write is on stderr with its board id.
    if (code !== 0) {
      expect(code).toBe(1);
      expect(srv.output()).toContain(`UNSAVED board=${boardId}`);
    }
  }, 120_000);

  const url = process.env.TEST_DATABASE_URL;
  it.runIf(url)('with Postgres gone, retries until the timeout, writes the rest to DATA_DIR, and the next start stores it', async () => {
    const scratch = await scratchDatabaseBehindProxy(url!);
    cleanup.push(scratch.close);
    const { proxy } = scratch;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tropa-shutdown-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, DATABASE_URL: scratch.url, SEED_DEMO: '1', AUTH_SECRET: 'shutdown-test-secret-shutdown-test-secret', SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS) };

    const srv = await startServer(env);
    cleanup.push(() => srv.stop());
    const { cookie, boardId } = await firstRoadmap(srv.url, 'member');
    const editor = connectBoard(srv.url, boardId, cookie);
    await editor.synced;
    const column = readBoard(editor.doc).columns[0].id;
    proxy.cut();
    const titles = Array.from({ length: 10 }, (_, i) => `Без базы ${i}`);
    for (const title of titles) addCard(editor.doc, { columnId: column, title });
    await eventually(() => expect(srv.output()).toContain('cannot write to the database'));

    const { ms, code } = await terminate(srv);
    editor.close();
    expect(code).toBe(1);
    expect(ms).toBeGreaterThan(TIMEOUT_MS / 2); // it retried, rather than giving up at once
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(srv.output()).toContain('SHUTDOWN WITH UNSTORED WRITES');
    const files = readdirSync(dataDir).filter((f) => f.startsWith('unsaved-'));
    expect(files).toHaveLength(1);
    const [saved] = readUnsaved(path.join(dataDir, files[0]));
    expect(saved.boardId).toBe(boardId);
    const doc = new Y.Doc();
    saved.updates.forEach((u) => Y.applyUpdate(doc, u.update));
    const written = [...doc.getMap<Y.Map<unknown>>('cards').values()].map((c) => String(c.get('title')));
    expect(written.sort()).toEqual([...titles].sort());

    proxy.restore();
    const again = await startServer(env);
    cleanup.push(() => again.stop());
    expect(again.output()).toContain(`stored the unsaved writes of 1 board(s) from ${files[0]}`);
    expect(existsSync(path.join(dataDir, `${files[0]}.restored`))).toBe(true);
    const { cookie: c2 } = await firstRoadmap(again.url, 'member');
    const reader = connectBoard(again.url, boardId, c2);
    await reader.synced;
    const stored = readBoard(reader.doc).columns[0].cards.map((c) => c.title);
    for (const t of titles) expect(stored).toContain(t);
    reader.close();
  }, 180_000);
});
