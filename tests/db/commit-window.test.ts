import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boards, boardUpdates } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { addCard } from '../../lib/board/ops';
import { loadConfig } from '../../server/config';
import { BoardPersistence } from '../../server/yjs/persistence';
import { testDatabases, type TestDb } from '../helpers/db';

/*
 * The commit window as the server runs it: nobody calls flush(), the persistence's own timer
 * must commit an edit within the window. (Every other persistence test flushes by hand, so a
 * timer that never starts, or a window of a minute, would pass them.)
 */

/** Slack for a loaded two-core machine: a commit round on top of the window. */
const MARGIN_MS = 2_000;

describe.each(testDatabases())('the commit window on $name', (target) => {
  let handle: Awaited<ReturnType<TestDb['open']>>;
  let board: typeof boards.$inferSelect;
  beforeAll(async () => {
    handle = await target.open();
    await seedDemo(handle.db, 'tropa-demo');
    [board] = await handle.db.select().from(boards).where(eq(boards.kind, 'roadmap'));
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const logged = async () => (await handle.db.select({ n: count() }).from(boardUpdates).where(eq(boardUpdates.boardId, board.id)))[0].n;

  /** Enqueues one edit, never flushes, and returns how long it took to be in the database (or fails after `limitMs`). */
  async function durableAfter(p: BoardPersistence, limitMs: number): Promise<number> {
    const doc = new Y.Doc();
    const sv = Y.encodeStateVector(doc);
    doc.getMap('cards').set('probe', new Y.Map());
    const before = await logged();
    const started = performance.now();
    p.enqueue(board.id, board.orgId, { update: Y.encodeStateAsUpdate(doc, sv), actorId: null }, []);
    while ((await logged()) === before) {
      const waited = performance.now() - started;
      if (waited > limitMs) throw new Error(`the edit was not in the database ${Math.round(waited)} ms after it was queued (window + margin: ${limitMs} ms)`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return performance.now() - started;
  }

  it("commits by itself within the server's configured window (COMMIT_WINDOW_MS, default 50 ms)", async () => {
    const window = loadConfig({ NODE_ENV: 'test' }).COMMIT_WINDOW_MS;
    expect(window).toBeLessThanOrEqual(100); // README: 1–100 ms; the crash guarantee is stated in it
    const p = new BoardPersistence({ db: () => handle.db, log: () => {}, commitWindowMs: window });
    try {
      expect(await durableAfter(p, window + MARGIN_MS)).toBeLessThanOrEqual(window + MARGIN_MS);
      expect(await durableAfter(p, window + MARGIN_MS)).toBeLessThanOrEqual(window + MARGIN_MS); // the timer starts again
    } finally {
      await p.close();
    }
  });

  it('commits by itself within the default window when none is given', async () => {
    const p = new BoardPersistence({ db: () => handle.db, log: () => {} });
    try {
      expect(await durableAfter(p, 50 + MARGIN_MS)).toBeLessThanOrEqual(50 + MARGIN_MS);
    } finally {
      await p.close();
    }
  });

  it('honours a configured window: an edit waits for it, then is durable without a flush', async () => {
    const window = loadConfig({ NODE_ENV: 'test', COMMIT_WINDOW_MS: '100' }).COMMIT_WINDOW_MS;
    const p = new BoardPersistence({ db: () => handle.db, log: () => {}, commitWindowMs: window });
    try {
      const took = await durableAfter(p, window + MARGIN_MS);
      expect(took).toBeGreaterThanOrEqual(window - 5); // grouped, not written at once (timers may round down a little)
      expect(took).toBeLessThanOrEqual(window + MARGIN_MS);
    } finally {
      await p.close();
    }
  });
});
