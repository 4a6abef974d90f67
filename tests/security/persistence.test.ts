import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { auditQuarantine } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { addComment, moveCard, setCardText, updateCard } from '../../lib/board/ops';
import type { BoardAuditEvent } from '../../lib/realtime/events';
import { ROOT_DIR } from '../../server/root';
import { launchChromium, signedInPage } from '../helpers/browser';
import { signIn, startServer, whoAmI, type RunningServer } from '../helpers/server';
import { scratchDatabaseBehindProxy } from '../helpers/tcp-proxy';
import { connectBoard, eventually } from '../helpers/yjs-client';

type Board = { id: string; kind: string };

async function boardsOf(base: string, cookie: string): Promise<Board[]> {
  return (await (await fetch(`${base}/api/boards`, { headers: { cookie } })).json()) as Board[];
}

/** `npm run audit:verify` against a data directory: its exit code and output. */
function auditVerify(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(ROOT_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/cli/audit-verify.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.on('exit', (code) => resolve({ code, output }));
  });
}

// A curator puts U+0000 into a card (a field, the description, a comment). Postgres refuses it in jsonb, and the
// board's batch (that edit and every later one) used to be retried for ever in memory
// while editing went on: a restart lost them all.
describe('a value Postgres cannot store in the audit', () => {
  let srv: RunningServer | undefined;
  let dataDir: string;
  afterAll(async () => {
    await srv?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('holds back no edit: all of them survive a restart, and the audit chain verifies', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tropa-nul-'));
    srv = await startServer({ DATA_DIR: dataDir, AUDIT_TYPING_QUIET_MS: '200' });
    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const roadmap = (await boardsOf(srv.url, cookie!)).find((b) => b.kind === 'roadmap')!;
    const editor = connectBoard(srv.url, roadmap.id, cookie);
    await editor.synced;
    const card = readBoard(editor.doc).columns.flatMap((c) => c.cards)[0];
    const target = readBoard(editor.doc).columns[2].id;

    updateCard(editor.doc, card.id, { result: 'наставник\u0000– наставляемый' });
    setCardText(editor.doc, card.id, 'description', 'Итоги\u0000 встречи');
    addComment(editor.doc, card.id, { authorId: await whoAmI(srv.url, cookie!), at: new Date().toISOString(), text: 'Комментарий\u0000 после' });
    moveCard(editor.doc, card.id, target, 0);
    updateCard(editor.doc, card.id, { number: '3' });
    const expected = readBoard(editor.doc);
    // Every edit has reached the server's document before it stops.
    await eventually(async () => {
      const probe = connectBoard(srv!.url, roadmap.id, cookie);
      try {
        await probe.synced;
        expect(readBoard(probe.doc)).toEqual(expected);
      } finally {
        probe.close();
      }
    });
    editor.close();
    await srv.stop();

    srv = await startServer({ DATA_DIR: dataDir });
    const again = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const reopened = connectBoard(srv.url, roadmap.id, again.cookie);
    await reopened.synced;
    const stored = readBoard(reopened.doc);
    reopened.close();
    expect(stored).toEqual(expected);
    const storedCard = stored.columns.find((c) => c.id === target)!.cards[0];
    expect(storedCard.fields).toMatchObject({ result: 'наставник\u0000– наставляемый', number: '3' });
    expect(storedCard.description).toBe('Итоги\u0000 встречи');

    // The audit has every change, with the unstorable character replaced, and no row needed quarantine.
    const curator = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const { events } = (await (await fetch(`${srv.url}/api/boards/${roadmap.id}/audit?cardId=${card.id}`, { headers: { cookie: curator.cookie! } })).json()) as {
      events: BoardAuditEvent[];
    };
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['card.updated', 'comment.added', 'card.moved']));
    expect(events.find((e) => e.data.field === 'result')?.data.after).toBe('наставник\ufffd– наставляемый');
    expect(events.find((e) => e.type === 'comment.added')?.data.after).toMatchObject({ text: 'Комментарий\ufffd после' });
    await srv.stop();
    srv = undefined;

    const verify = await auditVerify(dataDir);
    expect(verify.output).toContain('all intact');
    expect(verify.code).toBe(0);
    const handle = await openDb({ dataDir });
    try {
      expect(await handle.db.select().from(auditQuarantine)).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 240_000);
});

// Five small comments on a card that already has a 100 KB comment used to write five audit
// rows of about 200 KB each (the whole list before and after): quadratic growth.
describe('audit rows for comments', () => {
  let srv: RunningServer | undefined;
  afterAll(async () => {
    await srv?.stop();
  });

  it('carry only the comment they are about', async () => {
    srv = await startServer();
    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const roadmap = (await boardsOf(srv.url, cookie!)).find((b) => b.kind === 'roadmap')!;
    const curator = connectBoard(srv.url, roadmap.id, cookie);
    await curator.synced;
    const card = readBoard(curator.doc).columns[0].cards[0];
    const audit = async () =>
      ((await (await fetch(`${srv!.url}/api/boards/${roadmap.id}/audit?cardId=${card.id}&limit=100`, { headers: { cookie: cookie! } })).json()) as { events: BoardAuditEvent[] }).events;
    const me = await whoAmI(srv.url, cookie!);
    // Near the largest comment a board holds (32,000 characters, lib/board/shape.ts): 60 KB of UTF-8.
    addComment(curator.doc, card.id, { authorId: me, at: new Date().toISOString(), text: 'я'.repeat(30_000) });
    await eventually(async () => expect((await audit()).length).toBe(1), 15_000);
    const first = (await audit())[0].id;
    for (let i = 0; i < 5; i++) {
      addComment(curator.doc, card.id, { authorId: me, at: new Date().toISOString(), text: `Короткий ответ ${i}` });
      await new Promise((r) => setTimeout(r, 100));
    }
    await eventually(async () => expect((await audit()).filter((e) => e.id > first)).toHaveLength(5), 15_000);
    const later = (await audit()).filter((e) => e.id > first);
    curator.close();
    const bytes = later.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.data)), 0);
    expect(bytes).toBeLessThan(5_000); // was about 1.2 MB (five rows with the 60 KB comment before and after)
    expect(later.map((e) => e.type)).toEqual(Array(5).fill('comment.added'));
  }, 120_000);
});

// While a board's writes fail (here: Postgres cut off), its editors are told, and the board
// shows «Изменения не сохраняются» until writing works again. Needs a real Postgres to cut.
const pgUrl = process.env.TEST_DATABASE_URL;
describe.each(pgUrl ? [pgUrl] : [])('a board whose edits cannot be stored', (adminUrl) => {
  let srv: RunningServer | undefined;
  let browser: Browser | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
    for (const c of cleanup.reverse()) await c();
  });

  it('says so to the people editing it, in the page too, and stops saying so once it is stored', async () => {
    const scratch = await scratchDatabaseBehindProxy(adminUrl);
    cleanup.push(scratch.close);
    const { proxy } = scratch;
    [srv, browser] = await Promise.all([
      startServer({ DATABASE_URL: scratch.url, SEED_DEMO: '1', AUTH_SECRET: 'status-test-secret-status-test-secret-01' }),
      launchChromium(),
    ]);
    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const roadmap = (await boardsOf(srv.url, cookie!)).find((b) => b.kind === 'roadmap')!;
    const page = await signedInPage(browser, srv.url, 'member');
    await page.goto(`${srv.url}/boards/${roadmap.id}`);
    await page.getByTestId('connection').and(page.locator('[data-state="online"]')).waitFor();
    const editor = connectBoard(srv.url, roadmap.id, cookie, { withStatus: true });
    const stock = connectBoard(srv.url, roadmap.id, cookie); // the stock provider, which did not ask
    await Promise.all([editor.synced, stock.synced]);
    const card = readBoard(editor.doc).columns[0].cards[0];
    const banner = page.getByRole('alert').filter({ hasText: 'Изменения не сохраняются' });
    expect(await banner.count()).toBe(0);

    proxy.cut();
    updateCard(editor.doc, card.id, { result: 'Правка без базы' });
    await eventually(() => expect(editor.statuses.at(-1)).toEqual({ saving: 'failing', reason: 'database' }), 15_000);
    await banner.waitFor({ timeout: 15_000 });
    // The stock provider heard nothing it does not know, and is still in sync.
    await eventually(() => expect(readBoard(stock.doc).columns[0].cards[0].fields.result).toBe('Правка без базы'));

    proxy.restore();
    await eventually(() => expect(editor.statuses.at(-1)).toEqual({ saving: 'ok' }), 30_000);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    editor.close();
    stock.close();
  }, 240_000);
});
