// `npm run bench`: the same workload against Tropa, Hocuspocus and the classic y-websocket
// server, in one run, on loopback. Readers live in this process, so latency needs no clock
// sync. Writes a table to stdout and a JSON file to bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { ROOT_DIR } from '../server/root';
import { createScratchDatabase } from '../tests/helpers/db';
import { sample } from './proc';
import { hocuspocus, tropa, yWebsocket, type Client, type Peer } from './servers';

type Scenario = { name: string; boards: number; clients: number; editsPerSecond: number; seconds: number };
type Result = {
  server: string;
  scenario: string;
  connections: number;
  p50: number;
  p95: number;
  p99: number;
  editsPerSecond: number;
  deliveriesPerSecond: number;
  lost: number;
  duplicated: number;
  cpuPercent: number;
  rssMiB: number;
  kibPerConnection: number;
};

const TOKEN = /~(\d+)\.(\d+)~/g;
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);

async function run(peer: Peer, s: Scenario): Promise<Result> {
  const before = sample(peer.pid);
  const boardIds = await peer.boards(s.boards);
  const clients: { c: Client; board: number }[] = [];
  for (let b = 0; b < s.boards; b++) for (let i = 0; i < s.clients; i++) clients.push({ c: peer.connect(boardIds[b]), board: b });
  await Promise.all(clients.map((x) => x.c.synced));
  const connected = sample(peer.pid);

  const sentAt = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  clients.forEach(({ c }, idx) => {
    const text = c.doc.getMap<Y.Map<Y.Text>>('cards').get('bench')!.get('description')!;
    text.observe((event, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const m of op.insert.matchAll(TOKEN)) {
          const key = `${m[1]}.${m[2]}`;
          const at = sentAt.get(key);
          if (at === undefined || Number(m[1]) === idx) continue;
          received.set(key, (received.get(key) ?? 0) + 1);
          latencies.push(now - at);
        }
      }
    });
  });

  const cpu0 = sample(peer.pid);
  const started = performance.now();
  let sent = 0;
  const interval = 1000 / s.editsPerSecond;
  await Promise.all(
    clients.map(async ({ c }, idx) => {
      await new Promise((r) => setTimeout(r, Math.random() * interval)); // spread the clients over the second
      const text = c.doc.getMap<Y.Map<Y.Text>>('cards').get('bench')!.get('description')!;
      for (let seq = 0; performance.now() - started < s.seconds * 1000; seq++) {
        const key = `${idx}.${seq}`;
        sentAt.set(key, performance.now());
        text.insert(text.length, `~${key}~`);
        sent++;
        await new Promise((r) => setTimeout(r, interval));
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 2000)); // let the last deliveries arrive
  const cpu1 = sample(peer.pid);
  const elapsed = (performance.now() - started) / 1000;

  const expected = s.clients - 1;
  let lost = 0;
  let duplicated = 0;
  for (const key of sentAt.keys()) {
    const n = received.get(key) ?? 0;
    if (n < expected) lost += expected - n;
    if (n > expected) duplicated += n - expected;
  }
  latencies.sort((a, b) => a - b);
  for (const { c } of clients) c.close();
  return {
    server: peer.name,
    scenario: s.name,
    connections: clients.length,
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    p99: pct(latencies, 0.99),
    editsPerSecond: sent / elapsed,
    deliveriesPerSecond: latencies.length / elapsed,
    lost,
    duplicated,
    cpuPercent: ((cpu1.cpuS - cpu0.cpuS) / elapsed) * 100,
    rssMiB: cpu1.rssB / 2 ** 20,
    kibPerConnection: (connected.rssB - before.rssB) / 1024 / clients.length,
  };
}

const SCENARIOS: Scenario[] = [
  { name: '20 boards × 25 clients, 1 edit/s', boards: 20, clients: 25, editsPerSecond: 1, seconds: Number(process.env.BENCH_SECONDS ?? 15) },
  { name: '1 board × 200 clients, 1 edit/s', boards: 1, clients: 200, editsPerSecond: 1, seconds: Number(process.env.BENCH_SECONDS ?? 15) },
];

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const results: Result[] = [];
const makers: [string, (url: string) => Promise<Peer>][] = [
  ['tropa', tropa],
  ['hocuspocus', hocuspocus],
  ['y-websocket', () => yWebsocket()],
];
for (const scenario of SCENARIOS) {
  for (const [name, make] of makers) {
    const db = await createScratchDatabase(adminUrl);
    const peer = await make(db.url);
    try {
      const r = await run(peer, scenario);
      results.push(r);
      console.error(`${scenario.name} · ${name}: p99 ${r.p99.toFixed(1)} ms`);
    } finally {
      await peer.stop();
      await db.drop();
    }
  }
}

const rows = results.map((r) => {
  const tropaRow = results.find((x) => x.server === 'tropa' && x.scenario === r.scenario)!;
  return { ...r, p99RatioTropaToThis: r.server === 'tropa' ? 1 : tropaRow.p99 / r.p99 };
});
console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}\n`);
console.log('| scenario | server | conns | p50 ms | p95 ms | p99 ms | Tropa p99 ÷ this | edits/s | deliveries/s | lost | dup | CPU % | RSS MiB | KiB/conn |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.server} | ${r.connections} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.p99RatioTropaToThis.toFixed(2)} | ${r.editsPerSecond.toFixed(0)} | ${r.deliveriesPerSecond.toFixed(0)} | ${r.lost} | ${r.duplicated} | ${r.cpuPercent.toFixed(0)} | ${r.rssMiB.toFixed(0)} | ${r.kibPerConnection.toFixed(1)} |`,
  );
}
const dir = path.join(ROOT_DIR, 'bench', 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, results: rows }, null, 2));
console.log(`\n${file}`);
process.exit(0);
