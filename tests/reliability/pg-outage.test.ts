import { afterAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board/doc';
import { openDb } from '../../db/client';
import { loadBoardState } from '../../db/queries/boards';
import { addCard } from '../../lib/board/ops';
import * as Y from 'yjs';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { scratchDatabaseBehindProxy } from '../helpers/tcp-proxy';
import { connectBoard, eventually } from '../helpers/yjs-client';

// Postgres unreachable for several seconds under a steady stream of edits (through a TCP
// proxy the test cuts): the server stays up, edits stay live, /api/health says so, and
// nothing is lost once the database is back. Needs a real Postgres (TEST_DATABASE_URL).
const url = process.env.TEST_DATABASE_URL;
describe.each(url ? [url] : [])('an outage of Postgres under load', (adminUrl) => {
  let srv: RunningServer | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await srv?.stop();
    for (const c of cleanup.reverse()) await c();
  });

  it('keeps editing live, reports it, and writes everything when Postgres returns', async () => {
    const scratch = await scratchDatabaseBehindProxy(adminUrl);
    cleanup.push(scratch.close);
    const { proxy } = scratch;
    srv = await startServer({ DATABASE_URL: scratch.url, SEED_DEMO: '1', AUTH_SECRET: 'outage-test-secret-outage-test-secret-01' });

    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookie! } })).json()) as { id: string; kind: string }[];
    const boardId = boards.find((b) => b.kind === 'roadmap')!.id;
    const editor = connectBoard(srv.url, boardId, cookie);
    const watcher = connectBoard(srv.url, boardId, cookie);
    await Promise.all([editor.synced, watcher.synced]);
    const column = readBoard(editor.doc).columns[0].id;
    const titles: string[] = [];
    const edit = () => {
      const title = `Правка ${titles.length}`;
      titles.push(title);
      addCard(editor.doc, { columnId: column, title });
    };
    const stream = async (ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; ) {
        edit();
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    await stream(500);
    proxy.cut();
    await stream(3_000);
    // Still live for the other client, while the database is gone.
    await eventually(() => expect(readBoard(watcher.doc).columns[0].cards.map((c) => c.title)).toContain(titles.at(-1)));
    const degraded = (await (await fetch(`${srv.url}/api/health`)).json()) as { status: string; persistence?: { pendingUpdates: number } };
    expect(degraded.status).toBe('degraded');
    expect(degraded.persistence!.pendingUpdates).toBeGreaterThan(0);
    expect(srv.output()).toContain('cannot write to the database');

    proxy.restore();
    await stream(500);
    await eventually(async () => expect(((await (await fetch(`${srv!.url}/api/health`)).json()) as { status: string }).status).toBe('ok'), 20_000);
    editor.close();
    watcher.close();

    // The last edits may still sit in the commit window (or a retry) when health turns ok:
    // what counts is that every edit reaches the database, so wait for it, within bounds.
    const handle = await openDb({ databaseUrl: scratch.directUrl });
    try {
      await eventually(async () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, await loadBoardState(handle.db, boardId));
        const stored = readBoard(doc).columns[0].cards.map((c) => c.title);
        for (const t of titles) expect(stored).toContain(t);
      }, 15_000);
    } finally {
      await handle.close();
    }
  }, 90_000);
});
