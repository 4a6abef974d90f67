import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDb } from '../../db/client';
import { auditQuarantine } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { addComment, moveCard, setCardText, updateCard } from '../../lib/board/ops';
import type { BoardAuditEvent } from '../../lib/realtime/events';
import { ROOT_DIR } from '../../server/root';
import { signIn, startServer, type RunningServer } from '../helpers/server';
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

// A mentor puts U+0000 into its own pair's card. Postgres refuses it in jsonb, and the
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
    const { cookie } = await signIn(srv.url, 'mentor@demo.tropa', 'tropa-demo');
    const pairs = (await boardsOf(srv.url, cookie!)).find((b) => b.kind === 'pairs')!;
    const mentor = connectBoard(srv.url, pairs.id, cookie);
    await mentor.synced;
    const card = readBoard(mentor.doc).columns.flatMap((c) => c.cards)[0];

    updateCard(mentor.doc, card.id, { form: 'наставник\u0000– наставляемый' });
    setCardText(mentor.doc, card.id, 'description', 'Итоги\u0000 встречи');
    addComment(mentor.doc, card.id, { authorId: 'x', at: new Date().toISOString(), text: 'Комментарий\u0000 после' });
    moveCard(mentor.doc, card.id, 'planning', 0);
    updateCard(mentor.doc, card.id, { meetings: 3 });
    const expected = readBoard(mentor.doc);
    // Every edit has reached the server's document before it stops.
    await eventually(async () => {
      const probe = connectBoard(srv!.url, pairs.id, cookie);
      try {
        await probe.synced;
        expect(readBoard(probe.doc)).toEqual(expected);
      } finally {
        probe.close();
      }
    });
    mentor.close();
    await srv.stop();

    srv = await startServer({ DATA_DIR: dataDir });
    const again = await signIn(srv.url, 'mentor@demo.tropa', 'tropa-demo');
    const reopened = connectBoard(srv.url, pairs.id, again.cookie);
    await reopened.synced;
    const stored = readBoard(reopened.doc);
    reopened.close();
    expect(stored).toEqual(expected);
    const storedCard = stored.columns.find((c) => c.id === 'planning')!.cards[0];
    expect(storedCard.fields).toMatchObject({ form: 'наставник\u0000– наставляемый', meetings: 3 });
    expect(storedCard.description).toBe('Итоги\u0000 встречи');

    // The audit has every change, with the unstorable character replaced, and no row needed quarantine.
    const curator = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const { events } = (await (await fetch(`${srv.url}/api/boards/${pairs.id}/audit?cardId=${card.id}`, { headers: { cookie: curator.cookie! } })).json()) as {
      events: BoardAuditEvent[];
    };
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['card.updated', 'comment.added', 'card.moved']));
    expect(events.find((e) => e.data.field === 'form')?.data.after).toBe('наставник\ufffd– наставляемый');
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
