// `npx tsx bench/bank-import.ts [rows...]`: how long a bank import takes on PGlite (in memory),
// parse → preview → confirm, for generated mentee lists (every row a minor with a guardian's
// consent: a person, a key, an entry, a consent and two audit rows each). For comparison, the
// same number of bare audit appends to one organisation chain in one transaction.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { openDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { appendAudit } from '../db/audit';
import { createOrganisation, SYSTEM } from '../db/queries/organisations';
import { importBank } from '../db/queries/people-import';
import { createUser, loadPrincipal } from '../db/queries/users';
import { parseBankFile } from '../lib/people/bank-file';

const TODAY = '2026-11-29';
const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков'];

function list(n: number): Uint8Array {
  const lines = ['ФИО;Дата рождения;Класс;Категория;Согласие на обработку ПДн;Дата согласия;Кто подписал;ФИО законного представителя;Степень родства'];
  for (let i = 0; i < n; i++) {
    const s = SURNAMES[i % SURNAMES.length]!;
    const born = `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}.${2010 + (Math.floor(i / 336) % 5)}`;
    lines.push(`${s} Ученик${i} Иванович;${born};7 «А»;обучающийся;да;01.09.2026;законный представитель;${s}а Мать${i} Петровна;мать`);
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

// BENCH_DATABASE_URL=postgres://…/postgres: a scratch database on that server instead (dropped afterwards).
async function open() {
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) return { handle: await openDb({ dataDir: null }), drop: async () => {} };
  const name = `tropa_bench_${Date.now()}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { handle: await openDb({ databaseUrl: url.toString() }), drop: async () => void (await sql.unsafe(`drop database ${name} with (force)`), await sql.end()) };
}
const { handle, drop } = await open();
console.log(`on ${handle.kind}`);
await migrateDb(handle);
const db = handle.db;
for (const n of (process.argv.slice(2).length ? process.argv.slice(2) : ['1000', '5000']).map(Number)) {
  const school = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: `Школа ${n}`, slug: `school-${n}` });
  const user = await createUser(db, SYSTEM, { email: `curator${n}@school.ru`, name: 'Куратор', password: 'password-1' }, { orgId: school.id, role: 'curator' });
  const curator = (await loadPrincipal(db, user.id))!;
  const bytes = list(n);
  let t0 = performance.now();
  const parse = await parseBankFile(bytes, 'list.csv', { bank: 'mentee', today: TODAY });
  const parsed = ms(t0);
  t0 = performance.now();
  const preview = await importBank(db, curator, school.id, parse, { bank: 'mentee', confirm: false, today: TODAY });
  const previewed = ms(t0);
  if (preview.errors.length || preview.rows.length !== n) throw new Error(`unexpected preview: ${preview.rows.length} rows, ${JSON.stringify(preview.errors.slice(0, 3))}`);
  t0 = performance.now();
  await importBank(db, curator, school.id, parse, { bank: 'mentee', confirm: true, today: TODAY, fileName: 'list.csv' });
  const confirmed = ms(t0);
  const other = await createOrganisation(db, SYSTEM, { parentId: null, kind: 'organisation', name: `Пустая ${n}`, slug: `empty-${n}` });
  t0 = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < 2 * n; i++)
      await appendAudit(tx, { actorId: curator.id, orgId: other.id, boardId: null, type: 'bench', entityType: 'person', entityId: null, after: { i, pd: 'x'.repeat(200) } });
  });
  console.log(`${String(n).padStart(6)} rows: parse ${parsed}, preview ${previewed}, confirm ${confirmed}; ${2 * n} bare audit appends alone: ${ms(t0)}`);
}
await handle.close();
await drop();
