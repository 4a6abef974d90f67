import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportPool, type PoolOptions } from './pool';

// The real worker (worker.mjs → worker.ts) under the pool's limits, without a server.
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const heavyDocx = () =>
  zipSync({ 'word/document.xml': strToU8(`<w:document xmlns:w="${W}"><w:body>${'<w:p/>'.repeat(199_000)}</w:body></w:document>`) }, { level: 9 });
const plan = () => ({ body: strToU8('Этап 1\tМероприятие\tСрок\n1\tВстреча с наставниками\tсентябрь 2024'), contentType: 'text/plain', filename: 'plan.txt' });
const heavy = () => ({ body: heavyDocx(), contentType: 'application/octet-stream', filename: 'heavy.docx' });
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
    expect(await failure(p.run(heavy(), 'u'))).toMatchObject({ code: 'IMPORT_TIMEOUT', message: expect.stringMatching(/дольше/) });
    expect(performance.now() - started).toBeLessThan(4000);
    expect((await p.run(plan(), 'u')).stages).toHaveLength(1);
  });

  it('refuses beyond its queue, and beyond one user’s share', async () => {
    const p = open({ queue: 1, perOwner: 1, timeoutMs: 1500 });
    const running = failure(p.run(heavy(), 'a'));
    const waiting = failure(p.run(heavy(), 'b'));
    expect(await failure(p.run(plan(), 'a'))).toMatchObject({ code: 'THROTTLED' });
    expect(await failure(p.run(plan(), 'c'))).toMatchObject({ code: 'IMPORT_BUSY' });
    expect(await running).toMatchObject({ code: 'IMPORT_TIMEOUT' });
    expect(await waiting).toMatchObject({ code: 'IMPORT_TIMEOUT' });
    expect((await p.run(plan(), 'a')).stages).toHaveLength(1); // a's share is free again
  });
});
