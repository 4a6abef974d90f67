import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board/doc';
import { addCard } from '../../lib/board/ops';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard } from '../helpers/yjs-client';

// SIGKILL in the middle of a steady edit stream, then restart on the same data: every
// edit sent longer ago than the commit window (50 ms) plus delivery is there.
describe('a crash during a steady stream of edits', () => {
  let srv: RunningServer | undefined;
  let dataDir: string;
  afterAll(async () => {
    await srv?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing older than the commit window', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tropa-kill-'));
    srv = await startServer({ DATA_DIR: dataDir, COMMIT_WINDOW_MS: '50' });
    const { cookie } = await signIn(srv.url, 'member@demo.tropa', 'tropa-demo');
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookie! } })).json()) as { id: string }[];
    const editor = connectBoard(srv.url, boards[0].id, cookie);
    await editor.synced;
    const column = readBoard(editor.doc).columns[1].id;
    const sent: { title: string; at: number }[] = [];
    // At least 1.5 s and 60 edits, however slowly a loaded machine runs the timers.
    const streamUntil = Date.now() + 1_500;
    while (Date.now() < streamUntil || sent.length < 60) {
      const title = `Поток ${sent.length}`;
      addCard(editor.doc, { columnId: column, title });
      sent.push({ title, at: Date.now() });
      await new Promise((r) => setTimeout(r, 25));
    }
    const killAt = Date.now();
    await srv!.crash(); // the server's whole process group is gone and its port refuses connections
    editor.close();

    srv = await startServer({ DATA_DIR: dataDir });
    const { cookie: again } = await signIn(srv.url, 'member@demo.tropa', 'tropa-demo');
    const reader = connectBoard(srv.url, boards[0].id, again);
    await reader.synced;
    const stored = new Set(readBoard(reader.doc).columns.flatMap((c) => c.cards.map((k) => k.title)));
    const mustSurvive = sent.filter((e) => e.at < killAt - 250);
    expect(mustSurvive.length).toBeGreaterThan(40);
    expect(mustSurvive.filter((e) => !stored.has(e.title))).toEqual([]);
    reader.close();
  }, 240_000);
});
