import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { seedDemo } from '../../db/seed-demo';
import { readBoard } from '../../lib/board/doc';
import { addCard } from '../../lib/board/ops';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

// A write that fails puts the failed statement, with its parameters (card text, ids), into
// the error. GET /api/health is public: it must say that writes wait, not what they hold.
const SECRET_VALUE = 'Секретная карточка 4242 FAIL-WRITE';

describe('/api/health while a write fails', () => {
  let srv: RunningServer;
  let dataDir: string;
  let roadmapId: string;
  const cookies: Record<string, string> = {};
  let editor: ReturnType<typeof connectBoard> | undefined;

  beforeAll(async () => {
    // The demo database, with a trigger that refuses audit rows carrying the marker: one
    // board's batch fails the way an unstorable value does.
    dataDir = await mkdtemp(path.join(tmpdir(), 'tropa-health-'));
    const handle = await openDb({ dataDir });
    await migrateDb(handle);
    await seedDemo(handle.db, 'tropa-demo');
    await handle.db.execute(sql.raw(`
      CREATE FUNCTION test_refuse_marked() RETURNS trigger AS $$
      BEGIN
        IF NEW.after::text LIKE '%FAIL-WRITE%' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`));
    await handle.db.execute(sql.raw('CREATE TRIGGER test_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_marked()'));
    await handle.close();

    srv = await startServer({ DATA_DIR: dataDir, COMMIT_WINDOW_MS: '20' });
    for (const role of ['curator', 'admin']) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
  });
  afterAll(async () => {
    editor?.close();
    await srv?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells the public how things stand and nothing of the failed write; an admin gets the reason, without values', async () => {
    editor = connectBoard(srv.url, roadmapId, cookies.curator);
    await editor.synced;
    addCard(editor.doc, { columnId: readBoard(editor.doc).columns[0].id, title: SECRET_VALUE });

    const health = async (cookie?: string) => {
      const res = await fetch(`${srv.url}/api/health`, { headers: cookie ? { cookie } : {} });
      return { status: res.status, text: await res.text() };
    };
    let publicBody = '';
    await eventually(async () => {
      publicBody = (await health()).text;
      expect(JSON.parse(publicBody).status).toBe('degraded');
    }, 10_000);
    const parsed = JSON.parse(publicBody) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['db', 'persistence', 'redis', 'status']);
    expect(parsed).toMatchObject({ db: 'pglite', redis: false, persistence: { state: 'retrying' } });
    expect(Object.keys(parsed.persistence as object).sort()).toEqual(['pendingUpdates', 'state']);
    for (const leak of ['4242', 'Секретная', roadmapId, 'params', 'Failed query', 'refused by the test trigger']) expect(publicBody).not.toContain(leak);

    // A signed-in user who is not an admin sees what the public sees.
    expect(JSON.parse((await health(cookies.curator)).text).persistence).not.toHaveProperty('lastError');

    const forAdmin = JSON.parse((await health(cookies.admin)).text) as { persistence: { lastError: string } };
    expect(forAdmin.persistence.lastError).toContain('refused by the test trigger');
    expect(forAdmin.persistence.lastError).toContain('audit_events');
    for (const leak of ['4242', 'Секретная', roadmapId]) expect(forAdmin.persistence.lastError).not.toContain(leak);

    // The log names the failure, not the values.
    expect(srv.output()).toContain('cannot write to the database');
    expect(srv.output()).toContain('refused by the test trigger');
    expect(srv.output()).not.toContain('4242');
  });
});
