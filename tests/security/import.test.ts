import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bombDocx, heavyDocx, slowDocx } from '../helpers/hostile-docx';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { ROADMAPS_DIR } from '../fixtures/paths';

/*
 * Issue 12, item 3: through the import, any signed-in user could freeze or kill the one
 * server process (a 10 KB Word file that inflates to megabytes of XML blocked every request
 * for seconds). Each attack runs against a real server on port 0.
 */

const upload = (name: string, bytes: Uint8Array | string) => {
  const form = new FormData();
  form.set('file', new Blob([bytes as BlobPart]), name);
  return form;
};

type Answer = { status: number; json: { error?: { code: string; message: string } }; ms: number };

/**
 * A POST whose body never finishes: either it declares a huge length, or it trickles in
 * chunked. Resolves with the answer, which must come without the server reading the body.
 */
function endlessPost(url: string, cookie: string, contentType: string, declared: number | null, first = 64 * 1024): Promise<Answer> {
  const u = new URL(url);
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method: 'POST',
      headers: { cookie, 'content-type': contentType, ...(declared !== null ? { 'content-length': String(declared) } : {}) },
    });
    const trickle = setInterval(() => req.write('a'), 100);
    const timer = setTimeout(() => finish(new Error('no answer within 15 s: the server waited for the body')), 15_000);
    const finish = (err: Error | null, answer?: Answer) => {
      clearInterval(trickle);
      clearTimeout(timer);
      req.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, json: JSON.parse(text || '{}'), ms: performance.now() - started }));
    });
    req.on('error', (err) => finish(err));
    req.write(Buffer.alloc(first, 0x20));
  });
}

describe('the import refuses before it reads, and parses off the main thread (real server, port 0)', () => {
  let srv: RunningServer;
  let curator: string;
  let others: Record<'mentor' | 'mentee' | 'viewer', string>;
  let orgId: string;

  beforeAll(async () => {
    srv = await startServer();
    curator = (await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo')).cookie!;
    others = {
      mentor: (await signIn(srv.url, 'mentor@demo.tropa', 'tropa-demo')).cookie!,
      mentee: (await signIn(srv.url, 'mentee@demo.tropa', 'tropa-demo')).cookie!,
      viewer: (await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo')).cookie!,
    };
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as { orgId: string }[];
    orgId = boards[0].orgId;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('answers 403 to a mentor, a mentee and a viewer before reading a huge or an endless body', { timeout: 120_000 }, async () => {
    const targets: [string, string][] = [
      ['/api/import', 'multipart/form-data; boundary=x'],
      [`/api/import?org=${orgId}`, 'application/octet-stream'],
      ['/api/boards/import', 'application/json'],
      [`/api/boards/import?org=${orgId}`, 'application/json'],
    ];
    for (const [role, cookie] of Object.entries(others)) {
      for (const [target, type] of targets) {
        for (const declared of [1024 * 1024 * 1024, null]) {
          const answer = await endlessPost(`${srv.url}${target}`, cookie, type, declared);
          expect(answer.status, `${role} ${target} ${declared ?? 'chunked'}`).toBe(403);
          expect(answer.json.error?.code).toBe('FORBIDDEN');
          expect(answer.ms).toBeLessThan(5000);
        }
      }
    }
  });

  it('caps the roadmap JSON a curator may send, whatever length it declares', { timeout: 60_000 }, async () => {
    const target = `${srv.url}/api/boards/import?org=${orgId}`;
    for (const [declared, first] of [
      [1024 * 1024 * 1024, 64 * 1024],
      [null, 5 * 1024 * 1024], // chunked, no length: read up to the cap and no further
    ] as const) {
      const answer = await endlessPost(target, curator, 'application/json', declared, first);
      expect(answer.status, String(declared)).toBe(413);
      expect(answer.json.error?.code).toBe('IMPORT_TOO_LARGE');
      expect(answer.ms).toBeLessThan(5000);
    }
  });

  it('refuses a 40 KB Word file that inflates to 40 MB of XML, promptly', { timeout: 60_000 }, async () => {
    const bomb = bombDocx(7_000_000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = performance.now();
    const res = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { cookie: curator }, body: upload('bomb.docx', bomb), signal: AbortSignal.timeout(30_000) });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('IMPORT_TOO_LARGE');
    expect(json.error.message).toMatch(/разметки/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('keeps answering health checks in under 100 ms while it parses a hostile document', { timeout: 120_000 }, async () => {
    // The first import starts a worker; time only the parse itself.
    expect((await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { cookie: curator }, body: upload('a.txt', 'x') })).status).toBe(422);
    const started = performance.now();
    let done = false;
    const importing = fetch(`${srv.url}/api/import`, { method: 'POST', headers: { cookie: curator }, body: upload('hostile.docx', slowDocx()) })
      .then(async (res) => ({ status: res.status, json: (await res.json()) as { error?: { code: string } } }))
      .finally(() => (done = true));
    // Probes every 100 ms, not waiting for each other: a blocked main thread would hold them all.
    const probes: Promise<number>[] = [];
    while (!done) {
      const sent = performance.now();
      // A probe that fails (e.g. a connection reset by a server too busy to serve it) counts as never answered.
      probes.push(
        fetch(`${srv.url}/api/health`).then(
          async (res) => (await res.arrayBuffer(), res.status === 200 ? performance.now() - sent : Infinity),
          () => Infinity,
        ),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = await importing;
    const parsing = performance.now() - started;
    const latencies = (await Promise.all(probes)).sort((a, b) => a - b);
    expect(result.json.error?.code, JSON.stringify(result.json)).toMatch(/^IMPORT_(NO_TABLE|TIMEOUT)$/);
    // At least eight probes, one each 100 ms, went out while it parsed.
    expect(latencies.length, `${Math.round(parsing)} ms of parsing`).toBeGreaterThanOrEqual(8);
    // Typically 5–20 ms; on a machine shared with other work single probes can wait for a core.
    const report = `health latencies (ms) during a ${Math.round(parsing)} ms parse: ${latencies.map(Math.round).join(' ')}`;
    expect(latencies[Math.floor(latencies.length / 2)], report).toBeLessThan(100);
    expect(latencies[latencies.length - 1], report).toBeLessThan(1000);
  });
});

// A worker's limits are the server's configuration; each case gets a server with a small one.
for (const [limit, env, status, code, hostile] of [
  ['memory', { IMPORT_WORKER_MEMORY_MB: '64' }, 413, 'IMPORT_TOO_LARGE', heavyDocx],
  ['time', { IMPORT_TIMEOUT_MS: '500' }, 422, 'IMPORT_TIMEOUT', slowDocx],
] as const) {
  describe(`a worker that runs out of ${limit} is ended, and the server stays up (real server)`, () => {
    let srv: RunningServer;
    let cookie: string;
    beforeAll(async () => {
      srv = await startServer(env);
      cookie = (await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo')).cookie!;
    });
    afterAll(async () => {
      await srv?.stop();
    });

    it(`the hostile document gets ${code}, then health and a real import still work`, { timeout: 120_000 }, async () => {
      const post = (form: FormData) => fetch(`${srv.url}/api/import`, { method: 'POST', headers: { cookie }, body: form });
      expect((await post(upload('warm.txt', 'x'))).status).toBe(422); // the worker is up: the limit counts the parse only
      const res = await post(upload('hostile.docx', hostile()));
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(/[А-Яа-я]/);
      expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
      const text = await readFile(path.join(ROADMAPS_DIR, 'cvpvm-pedagogical.txt'), 'utf8');
      const again = await post(upload('cvpvm.txt', text));
      expect(again.status).toBe(200);
      expect(srv.proc.exitCode).toBeNull();
      expect(srv.output()).toMatch(limit === 'memory' ? /import worker ran out of memory/ : /import worker stopped after 500 ms/);
    });
  });
}
