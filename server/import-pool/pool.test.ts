import { readFileSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { heavyDocx, slowDocx } from '../../tests/helpers/hostile-docx';
import { ImportPool, type PoolOptions } from './pool';

// The real worker (worker.mjs → worker.ts) under the pool's limits, without a server.
const plan = () => ({ body: strToU8('Этап 1\tМероприятие\tСрок\n1\tВстреча с наставниками\tсентябрь 2024'), contentType: 'text/plain', filename: 'plan.txt' });
const heavy = () => ({ body: heavyDocx(), contentType: 'application/octet-stream', filename: 'heavy.docx' });
// Slow rather than big: well past the time limits below.
const slow = () => ({ body: slowDocx(), contentType: 'application/octet-stream', filename: 'slow.docx' });
const failure = (p: Promise<unknown>) => p.then(() => null, (err: { code?: string; message: string }) => err);

let pool: ImportPool | undefined;
const open = (opts: Partial<PoolOptions>) => (pool = new ImportPool({ workers: 1, queue: 2, perOwner: 2, memoryMb: 256, timeoutMs: 20_000, ...opts }));
afterEach(async () => {
  await pool?.close();
});

describe('the import worker pool', { timeout: 120_000 }, () => {
  it('parses in a worker, and replaces one that ran out of memory', async () => {
    const p = open({ memoryMb: 64 });
    expect((await p.run(plan(), 'u')).stages[0].activities[0].title).toBe('Встреча с наставниками');
    expect(await failure(p.run(heavy(), 'u'))).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: expect.stringMatching(/памяти/) });
    expect((await p.run(plan(), 'u')).stages).toHaveLength(1);
  });

  it('stops a parse that takes too long, and goes on with a new worker', async () => {
    const p = open({ timeoutMs: 1000 });
    await p.run(plan(), 'u'); // the worker is up: the limit counts the parse only
    const started = performance.now();
    expect(await failure(p.run(slow(), 'u'))).toMatchObject({ code: 'IMPORT_TIMEOUT', message: expect.stringMatching(/дольше/) });
    expect(performance.now() - started).toBeLessThan(4000);
    expect((await p.run(plan(), 'u')).stages).toHaveLength(1);
  });

  it('refuses beyond its queue, and beyond one user’s share', async () => {
    // A limit well under the heavy document's parse time on any machine (it took 1.5 s here under load, less when idle).
    const p = open({ queue: 1, perOwner: 1, timeoutMs: 400 });
    const running = failure(p.run(slow(), 'a'));
    const waiting = failure(p.run(slow(), 'b'));
    expect(await failure(p.run(plan(), 'a'))).toMatchObject({ code: 'THROTTLED' });
    expect(await failure(p.run(plan(), 'c'))).toMatchObject({ code: 'IMPORT_BUSY' });
    expect(await running).toMatchObject({ code: 'IMPORT_TIMEOUT' });
    expect(await waiting).toMatchObject({ code: 'IMPORT_TIMEOUT' });
    // a's share is free again: the pool takes a's next job. (On a loaded CI machine a fresh worker's first parse can
    // itself pass 400 ms, so a timeout is an accepted outcome here; a refusal for the queue or the share is not.)
    const next = await p.run(plan(), 'a').then((r) => r.stages.length, (err: { code?: string }) => err.code);
    expect([1, 'IMPORT_TIMEOUT']).toContain(next);
  });

  it('parses a bank list in a worker (raw or in a form), refuses a broken file with its reason, and still parses roadmaps', async () => {
    const p = open({});
    const xlsx = new Uint8Array(readFileSync(new URL('../../tests/fixtures/banks/mentees-school.xlsx', import.meta.url)));
    const opts = { bank: 'mentee', today: '2025-01-15' } as const;
    const raw = await p.runBankFile({ body: xlsx.slice(), contentType: 'application/octet-stream', filename: 'база.xlsx' }, opts, 'u');
    expect(raw.fileName).toBe('база.xlsx');
    expect(raw.parse.rows.map((r) => r.row)).toEqual([6, 7, 14, 16]);
    expect(raw.parse.errors.map((e) => [e.row, e.code])).toEqual([
      [8, 'GUARDIAN_REQUIRED'],
      [10, 'NAME_MISSING'],
      [11, 'BIRTH_DATE_INVALID'],
      [12, 'BIRTH_DATE_FUTURE'],
      [13, 'DUPLICATE_IN_FILE'],
      [15, 'AGE_ABSURD'],
    ]);
    const form = new FormData();
    form.set('file', new Blob([xlsx]), 'наставляемые.xlsx');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const body = new Uint8Array(await req.arrayBuffer());
    const viaForm = await p.runBankFile({ body, contentType: req.headers.get('content-type')!, filename: 'ignored.csv' }, opts, 'u');
    expect(viaForm.fileName).toBe('наставляемые.xlsx');
    expect(viaForm.parse.rows).toEqual(raw.parse.rows);
    expect(await failure(p.runBankFile({ body: strToU8('не Excel'), contentType: 'application/octet-stream', filename: 'list.xlsx' }, opts, 'u'))).toMatchObject({
      code: 'IMPORT_UNREADABLE',
      details: { reason: 'FILE_UNREADABLE' },
    });
    expect((await p.run(plan(), 'u')).stages).toHaveLength(1);
  });
});
