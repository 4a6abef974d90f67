import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { auditEvents, organisations, users } from '../../db/schema';
import { ROOT_DIR } from '../../server/root';
import { signIn, startServer } from '../helpers/server';

const TSX = path.join(ROOT_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function cli(args: string[], dataDir: string, stdin?: string) {
  const res = spawnSync(process.execPath, [TSX, 'server/cli/admin-create.ts', ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function readDb<T>(dataDir: string, read: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDb({ dataDir });
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

describe('the first-admin CLI (npm run admin:create)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tropa-admin-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses bad input and leaves nothing behind', { timeout: 300_000 }, async () => {
    const dataDir = path.join(dir, 'refused');
    expect(cli(['--region', 'Тестовая область'], dataDir).code).toBe(2);
    const short = cli(['--region', 'Тестовая область', '--email', 'boss@example.ru', '--password', 'short'], dataDir);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password');
    expect(await readDb(dataDir, (db) => db.select().from(organisations))).toEqual([]);
  });

  it('creates a region and its admin without the demo; the server then starts without demo accounts and the admin signs in', { timeout: 600_000 }, async () => {
    const dataDir = path.join(dir, 'data');
    // The password from stdin, as a script or a secret store would give it.
    const made = cli(['--region', 'Новоградская область', '--email', 'Boss@Example.ru', '--name', 'Иван Петрович Сидоров'], dataDir, 'a-long-secret-1\n');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('novogradskaya-oblast');

    const again = cli(['--region', 'Новоградская область', '--email', 'boss@example.ru', '--password', 'another-secret'], dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('EMAIL_TAKEN');

    const rows = await readDb(dataDir, async (db) => ({
      orgs: await db.select().from(organisations),
      users: await db.select().from(users),
      audit: await db.select().from(auditEvents),
    }));
    expect(rows.orgs.map((o) => [o.slug, o.kind, o.parentId])).toEqual([['novogradskaya-oblast', 'region', null]]);
    expect(rows.users.map((u) => [u.email, u.passwordPublic])).toEqual([['boss@example.ru', false]]);
    expect(rows.audit.map((a) => [a.type, a.actorId]).sort()).toEqual([
      ['org.created', null],
      ['user.created', null],
    ]);
    expect(JSON.stringify(rows.audit)).not.toContain('a-long-secret-1');

    const srv = await startServer({ DATA_DIR: dataDir });
    try {
      expect(srv.output()).not.toContain('seeded the demo');
      expect((await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo')).cookie).toBeNull();
      const admin = await signIn(srv.url, 'boss@example.ru', 'a-long-secret-1');
      expect(admin.cookie).toBeTruthy();
      const page = await (await fetch(`${srv.url}/admin`, { headers: { cookie: admin.cookie! } })).text();
      expect(page).toContain('data-testid="admin-page"');
      expect(page).not.toContain('data-testid="demo-banner"');
    } finally {
      await srv.stop();
    }
  });
});
