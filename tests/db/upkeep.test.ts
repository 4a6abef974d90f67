import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { createPerson, withdrawConsent } from '../../db/queries/people';
import { people } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { addDays, todayIso } from '../../lib/people/rules';
import { startErasureSchedule } from '../../server/erasure';
import { demoPrincipal } from '../helpers/db';

// The server's upkeep (server/erasure.ts), on the embedded database it maintains: people whose
// term after a withdrawal has ended are erased at start and on every tick; PGlite, which has no
// autovacuum, is vacuumed and analysed on the ticks after the first.
describe('the hourly upkeep', () => {
  let handle: DbHandle | undefined;
  let stop = () => {};
  afterEach(async () => {
    stop();
    await handle?.close();
  });

  it('erases whoever is due at start, and vacuums PGlite on later runs', async () => {
    handle = await openDb({ dataDir: null });
    await migrateDb(handle);
    const db = handle.db;
    await seedDemo(db, 'demo-password');
    const curator = await demoPrincipal(db, 'curator');
    const today = todayIso();
    const { id } = await createPerson(db, curator, curator.memberships[0].orgId, {
      fullName: 'Сроков Истёк Петрович',
      birthDate: '1980-01-01',
      category: 'teacher',
      bank: 'mentor',
      consent: { signer: 'self', signerName: 'Сроков Истёк Петрович', signedOn: addDays(today, -60) },
    });
    await withdrawConsent(db, curator, id, { withdrawnOn: addDays(today, -31) });

    const statements: string[] = [];
    const execute = db.execute.bind(db);
    (db as { execute: typeof db.execute }).execute = ((q: Parameters<typeof db.execute>[0]) => {
      const text = (q as { queryChunks?: { value?: string[] }[] }).queryChunks?.map((c) => c.value?.join('') ?? '').join('') ?? '';
      statements.push(text.trim());
      return execute(q);
    }) as typeof db.execute;
    const logged: string[] = [];
    stop = startErasureSchedule(db, (m) => logged.push(m), { kind: 'pglite', everyMs: 100 });

    await expect.poll(async () => (await db.select({ erasedAt: people.erasedAt }).from(people).where(eq(people.id, id)))[0].erasedAt, { timeout: 10_000 }).not.toBeNull();
    expect(logged.join('\n')).toMatch(/erased the personal data of 1 person/);
    await expect.poll(() => statements.filter((s) => s === 'vacuum analyze').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [row] = await db.select({ fullName: people.fullName }).from(people).where(eq(people.id, id));
    expect(row.fullName).toMatch(/^Участник №\d+$/);
  });
});
