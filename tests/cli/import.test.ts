import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDb } from '../../db/client';
import { loadBoardState } from '../../db/queries/boards';
import { migrateDb } from '../../db/migrate';
import { boards } from '../../db/schema';
import { createOrganisation, SYSTEM } from '../../db/queries/organisations';
import { readBoard } from '../../lib/board/doc';
import type { ImportedRoadmap } from '../../lib/import/types';
import { ROOT_DIR } from '../../server/root';
import { ROADMAPS_DIR } from '../fixtures/paths';


function cli(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the import CLI (npm run import)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tropa-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--json prints the parsed roadmap and touches no database', { timeout: 60_000 }, () => {
    const dataDir = path.join(dir, 'never-made');
    const { code, stdout } = cli([path.join(ROADMAPS_DIR, 'cvpvm-pedagogical.txt'), '--json'], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as ImportedRoadmap;
    expect(Object.keys(r).sort()).toEqual(['indicators', 'organisation', 'period', 'stages', 'title', 'warnings']);
    expect(r.stages.length).toBeGreaterThanOrEqual(7);
    expect(spawnSync('test', ['-e', dataDir]).status).not.toBe(0);
  });

  it('an unreadable or missing file exits non-zero with a clear message', { timeout: 120_000 }, async () => {
    const junk = path.join(dir, 'junk.docx');
    await writeFile(junk, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    const bad = cli([junk, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/IMPORT_UNREADABLE/);
    expect(bad.stdout).toBe('');
    const missing = cli([path.join(dir, 'nope.docx'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('файл не найден');
    expect(cli([]).code).toBe(2);
  });

  // Each run starts tsx and, with --org, the embedded database: slow on a loaded 2-core machine.
  it('--org <slug> creates a board in the organisation; an unknown slug is refused', { timeout: 180_000 }, async () => {
    const dataDir = path.join(dir, 'data');
    const seed = await openDb({ dataDir });
    await migrateDb(seed);
    await createOrganisation(seed.db, SYSTEM, { parentId: null, kind: 'region', name: 'Республика Мордовия', slug: 'mordovia' });
    await seed.close();

    const unknown = cli([path.join(ROADMAPS_DIR, 'mordovia-regional.txt'), '--org', 'no-such-org'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-org');
    const made = cli([path.join(ROADMAPS_DIR, 'mordovia-regional.txt'), '--org', 'mordovia'], { DATA_DIR: dataDir });
    expect(made.stderr + made.stdout).toContain('Доска создана');
    expect(made.code).toBe(0);

    const check = await openDb({ dataDir });
    try {
      const all = await check.db.select().from(boards);
      expect(all).toHaveLength(1);
      const imported = all[0]!;
      expect(imported).toMatchObject({ kind: 'roadmap', periodFrom: 2020, periodTo: 2024 });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await loadBoardState(check.db, imported.id));
      const cards = readBoard(doc).columns.flatMap((c) => c.cards);
      expect(cards.length).toBeGreaterThan(30);
      expect(cards.every((c) => c.title.length > 0 && typeof (c.fields.deadline as { text?: string })?.text === 'string')).toBe(true);
    } finally {
      await check.close();
    }
  });
});
