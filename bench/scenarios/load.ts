// Fan-out under load: N boards × M clients, each typing a token into the board's card
// once per 1/rate seconds. Readers in this process timestamp what they receive.
// With `durability`, a trigger also timestamps when each token's row is committed.
import * as Y from 'yjs';
import { createScratchDatabase } from '../../tests/helpers/db';
import { sample } from '../proc';
import { PEERS, type Client, type Peer } from '../servers';
import { adminUrl, median, pct, sleep, token, tokensOf, type Column, type Row, type ScenarioResult } from './common';
import { observeDurability, type DurabilityObserver } from './durability';

export type LoadScenario = { key: string; title: string; boards: number; clients: number; editsPerSecond: number; seconds: number; durability: boolean };

async function run(peer: Peer, s: LoadScenario, durable: DurabilityObserver | null): Promise<Row> {
  const before = sample(peer.pid);
  const boardIds = await peer.boards(s.boards);
  const clients: { c: Client; board: number }[] = [];
  for (let b = 0; b < s.boards; b++) for (let i = 0; i < s.clients; i++) clients.push({ c: peer.connect(boardIds[b]), board: b });
  await Promise.all(clients.map((x) => x.c.synced));
  const connected = sample(peer.pid);

  const sentAt = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  // What each update newly integrated into the client's document, read from the update
  // itself: the text's own delta walks the whole text at every event, which made the
  // readers, not the servers, the bottleneck as the text grew.
  clients.forEach(({ c }, idx) => {
    c.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (tr.local) return;
      const now = performance.now();
      for (const key of tokensOf(update)) {
        const at = sentAt.get(key);
        if (at === undefined || key.startsWith(`${idx}.`)) continue;
        received.set(key, (received.get(key) ?? 0) + 1);
        latencies.push(now - at);
      }
    });
  });

  const cpu0 = sample(peer.pid);
  const started = performance.now();
  let sent = 0;
  const interval = 1000 / s.editsPerSecond;
  await Promise.all(
    clients.map(async ({ c }, idx) => {
      await sleep(Math.random() * interval); // spread the clients over the second
      const text = c.doc.getMap<Y.Map<Y.Text>>('cards').get('bench')!.get('description')!;
      for (let seq = 0; performance.now() - started < s.seconds * 1000; seq++) {
        const key = `${idx}.${seq}`;
        sentAt.set(key, performance.now());
        text.insert(text.length, token(idx, seq));
        sent++;
        await sleep(interval);
      }
    }),
  );
  const sendingEnded = performance.now();
  await sleep(2000); // let the last deliveries arrive
  const cpu1 = sample(peer.pid);
  const cpuElapsed = (performance.now() - started) / 1000;
  const elapsed = (sendingEnded - started) / 1000;
  // A store may be debounced (Hocuspocus: 2 s, at most 10 s): wait for it, within bounds.
  if (durable) for (let waited = 0; durable.durableAt.size < sentAt.size && waited < 12_000; waited += 250) await sleep(250);

  const expected = s.clients - 1;
  let lost = 0;
  let duplicated = 0;
  for (const key of sentAt.keys()) {
    const n = received.get(key) ?? 0;
    if (n < expected) lost += expected - n;
    if (n > expected) duplicated += n - expected;
  }
  latencies.sort((a, b) => a - b);
  const durability = durable ? [...sentAt].filter(([k]) => durable.durableAt.has(k)).map(([k, at]) => durable.durableAt.get(k)! - at).sort((a, b) => a - b) : [];
  for (const { c } of clients) c.close();
  return {
    scenario: s.key,
    server: peer.name,
    figures: {
      p99: pct(latencies, 0.99),
      connections: clients.length,
      p50: pct(latencies, 0.5),
      p95: pct(latencies, 0.95),
      editsPerSecond: sent / elapsed,
      deliveriesPerSecond: latencies.length / cpuElapsed,
      lost,
      duplicated,
      cpuPercent: ((cpu1.cpuS - cpu0.cpuS) / cpuElapsed) * 100,
      rssMiB: cpu1.rssB / 2 ** 20,
      kibPerConnection: (connected.rssB - before.rssB) / 1024 / clients.length,
      ...(s.durability
        ? {
            durableP50: durable ? pct(durability, 0.5) : null,
            durableP99: durable ? pct(durability, 0.99) : null,
            notDurable: durable ? sentAt.size - durability.length : null,
          }
        : {}),
    },
    notes: s.durability && !durable ? ['keeps documents in memory only: no durability to measure'] : undefined,
  };
}

/**
 * Every server `repeat` times, in turn (Tropa, the peers, Tropa, …), so that a busy moment
 * of the machine falls on all of them alike; each figure is the median over the runs.
 */
export async function loadScenario(s: LoadScenario, repeat = 1): Promise<ScenarioResult> {
  const runs = new Map<string, Row[]>();
  for (let round = 0; round < repeat; round++) {
    for (const [name, make] of PEERS) {
      const db = await createScratchDatabase(adminUrl());
      const peer = await make(db.url);
      const durable = s.durability ? await observeDurability(name, db.url) : null;
      try {
        const r = await run(peer, s, durable);
        runs.set(name, [...(runs.get(name) ?? []), r]);
        console.error(`${s.title} · ${name}${repeat > 1 ? ` (run ${round + 1}/${repeat})` : ''}: p99 ${r.figures.p99!.toFixed(1)} ms${s.durability && durable ? `, durable p99 ${r.figures.durableP99?.toFixed(1)} ms` : ''}`);
      } finally {
        await durable?.stop();
        await peer.stop();
        await db.drop();
      }
    }
  }
  const rows: Row[] = [...runs.values()].map((rs) => {
    const figures: Row['figures'] = {};
    for (const key of Object.keys(rs[0].figures)) {
      const xs = rs.map((r) => r.figures[key]).filter((v): v is number => typeof v === 'number');
      figures[key] = xs.length ? median(xs) : null;
    }
    const p99s = rs.map((r) => r.figures.p99!.toFixed(0)).join(', ');
    return { ...rs[0], figures, notes: [...(rs[0].notes ?? []), ...(repeat > 1 ? [`median of ${repeat} runs; p99 of each: ${p99s} ms`] : [])] };
  });
  const columns: Column[] = [
    { key: 'p99', label: 'p99 ms', digits: 1 },
    ...(s.durability ? [{ key: 'durableP99', label: 'durable p99 ms', digits: 0 }] : []),
    { key: 'connections', label: 'conns', digits: 0 },
    { key: 'p50', label: 'p50 ms', digits: 1 },
    { key: 'p95', label: 'p95 ms', digits: 1 },
    ...(s.durability ? [{ key: 'durableP50', label: 'durable p50 ms', digits: 0 }, { key: 'notDurable', label: 'not durable', digits: 0 }] : []),
    { key: 'editsPerSecond', label: 'edits/s', digits: 0 },
    { key: 'deliveriesPerSecond', label: 'deliveries/s', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
    { key: 'duplicated', label: 'dup', digits: 0 },
    { key: 'cpuPercent', label: 'server CPU %', digits: 0 },
    { key: 'rssMiB', label: 'RSS MiB', digits: 0 },
    { key: 'kibPerConnection', label: 'KiB/conn (busy)', digits: 1 },
  ];
  return { title: s.title, columns, rows };
}
