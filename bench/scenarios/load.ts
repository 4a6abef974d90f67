// Fan-out under load: N boards × M clients, each typing a token `~w.k~` into its own card's
// description once per 1/rate seconds, measured so that the load generator is not the
// bottleneck:
//   - Most clients are thin (bench/load/thin.ts): a raw websocket that syncs once, then only
//     reads the tokens out of the bytes it receives. They run in BENCH_WORKERS worker
//     threads (default 1). A writer sends updates encoded beforehand from one Y.Doc per
//     board (its own client id, its own card, so each depends only on its own earlier edits
//     and on the cards made before the run), on a fixed schedule.
//   - BENCH_STOCK stock clients per board (default 2; `WebsocketProvider`, or
//     `HocuspocusProvider` for Hocuspocus) type the same way with a real Y.Doc, and at the
//     end every card in their documents must hold exactly the tokens sent: real clients
//     converge, nothing is lost or duplicated.
//   - The run is valid only if the generator kept up: at least 99 % of the scheduled edits
//     sent, and every generator thread's event-loop delay p99 within BENCH_MAX_LOOP_DELAY ms
//     (default 10). An invalid run is shown as such and left out of the medians (when every
//     run is invalid, the row is marked INVALID and its medians are of all runs). Edits lost,
//     duplicated or not converged are the server's failure, not the generator's: they are
//     counted, and the targets (bench/targets.ts) are then not met.
// With `durability`, a trigger also timestamps when each token's row is committed.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { addCard, addColumn } from '../../lib/board/ops';
import { createScratchDatabase } from '../../tests/helpers/db';
import type { ThinJob, ThinResult, ThinSpec } from '../load/thin';
import { now } from '../load/thin';
import { sample } from '../proc';
import { PEERS, type Client, type Peer } from '../servers';
import { adminUrl, median, pct, sleep, token, tokensOf, type Column, type Row, type ScenarioResult } from './common';
import { observeDurability, type DurabilityObserver } from './durability';

export type LoadScenario = { key: string; title: string; boards: number; clients: number; editsPerSecond: number; seconds: number; durability: boolean };

const STOCK = Math.max(1, Number(process.env.BENCH_STOCK ?? 2));
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
const MAX_LOOP_DELAY = Number(process.env.BENCH_MAX_LOOP_DELAY ?? 10);
const cardOf = (w: number) => `load-${w}`;

type Thread = { worker: Worker; next<T>(): Promise<T> };

function thread(job: ThinJob): Thread {
  // BENCH_WORKER_ARGV="--cpu-prof --cpu-prof-dir=/tmp/p": node flags for the generator's threads (a profile of each).
  const execArgv = (process.env.BENCH_WORKER_ARGV ?? '').split(' ').filter(Boolean);
  const worker = new Worker(new URL('../load/worker.mjs', import.meta.url), { execArgv });
  const inbox: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  const deliver = (m: { error?: string }) => {
    if (m.error) console.error(`load worker: ${m.error}`);
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  };
  worker.on('message', deliver);
  // A worker that fails to start or throws: the run fails (and the servers are stopped) rather
  // than the process ending on an unheard 'error' with a server left running.
  worker.on('error', (err) => deliver({ error: err.message }));
  worker.postMessage({ job });
  return {
    worker,
    next: <T>() =>
      new Promise<T>((resolve, reject) => {
        const m = inbox.shift();
        if (m) return (m as { error?: string }).error ? reject(new Error((m as { error: string }).error)) : resolve(m as T);
        waiting.push((x) => ((x as { error?: string }).error ? reject(new Error((x as { error: string }).error)) : resolve(x as T)));
      }),
  };
}

/**
 * Makes a board ready: the first stock client's document (the board as the server has it)
 * gets a card per client, made in a scratch copy and sent through that client; then each
 * thin writer's updates are encoded in the copy under the writer's own client id.
 */
async function prepareBoard(stock: Client[], boardClients: number[], perWriter: number, thinWriters: number[]) {
  const model = new Y.Doc();
  Y.applyUpdate(model, Y.encodeStateAsUpdate(stock[0].doc));
  const setup: Uint8Array[] = [];
  const capture = (u: Uint8Array) => setup.push(u);
  model.on('update', capture);
  // The peers' documents start empty; Tropa's board has its column already.
  const columns = model.getMap<Y.Map<unknown>>('columns');
  const columnId = columns.size ? [...columns.keys()][0] : addColumn(model, { id: 'c', title: 'Этап' });
  model.transact(() => {
    for (const w of boardClients) addCard(model, { id: cardOf(w), columnId, title: `Нагрузка ${w}` });
  });
  model.off('update', capture);
  Y.applyUpdate(stock[0].doc, Y.mergeUpdates(setup)); // the provider sends it
  const cards = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards');
  for (const until = Date.now() + 30_000; !stock.every((c) => boardClients.every((w) => cards(c.doc).get(cardOf(w))?.get('description'))); ) {
    if (Date.now() > until) throw new Error('the load cards did not reach every stock client in 30 s');
    await sleep(20);
  }
  const updates = new Map<number, Uint8Array[]>();
  for (const w of thinWriters) {
    const list: Uint8Array[] = [];
    const take = (u: Uint8Array) => list.push(u);
    model.clientID = 0x4000_0000 + w; // unique per writer, far from random ids' usual range of collisions
    const text = cards(model).get(cardOf(w))!.get('description') as Y.Text;
    model.on('update', take);
    for (let k = 0; k < perWriter; k++) text.insert(text.length, token(w, k));
    model.off('update', take);
    updates.set(w, list);
  }
  model.destroy();
  return updates;
}

async function run(peer: Peer, s: LoadScenario, durable: DurabilityObserver | null): Promise<{ row: Row; invalid: string[] }> {
  const before = sample(peer.pid);
  const boardIds = await peer.boards(s.boards);
  const interval = 1000 / s.editsPerSecond;
  const perWriter = Math.ceil(s.seconds * s.editsPerSecond) + 2;
  const maxSeq = perWriter;
  const total = s.boards * s.clients;
  const stockN = Math.min(STOCK, s.clients);
  // Writer w = board × clients + i; the first stockN of each board are stock clients.
  const stock: { c: Client; w: number; board: number }[] = [];
  for (let b = 0; b < s.boards; b++) for (let i = 0; i < stockN; i++) stock.push({ c: peer.connect(boardIds[b]), w: b * s.clients + i, board: b });
  await Promise.all(stock.map((x) => x.c.synced));
  const specs: ThinSpec[] = [];
  for (let b = 0; b < s.boards; b++) {
    const all = Array.from({ length: s.clients }, (_, i) => b * s.clients + i);
    const thin = all.slice(stockN);
    const updates = await prepareBoard(stock.filter((x) => x.board === b).map((x) => x.c), all, perWriter, thin);
    const end = peer.thin(boardIds[b]);
    for (const w of thin) specs.push({ w, url: end.url, doc: end.doc, updates: updates.get(w)! });
  }
  const endpoint = peer.thin(boardIds[0]);
  const sentAt = new SharedArrayBuffer(total * maxSeq * 8);
  const counts = new SharedArrayBuffer(total * maxSeq * 4);
  const sentAtView = new Float64Array(sentAt);
  const countsView = new Int32Array(counts);
  const threads = Array.from({ length: WORKERS }, (_, t) =>
    thread({ protocol: endpoint.protocol, headers: endpoint.headers, maxSeq, sentAt, counts, clients: specs.filter((_, i) => i % WORKERS === t) }),
  );
  await Promise.all(threads.map((t) => t.next()));
  const connected = sample(peer.pid);

  // The stock clients: read with their documents, write with their providers.
  const stockLatencies: number[] = [];
  let recording = false;
  for (const { c, w } of stock) {
    c.doc.on('update', (update: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => {
      if (tr.local || !recording) return;
      const t = now();
      for (const key of tokensOf(update)) {
        const [client, seq] = key.split('.').map(Number);
        if (client === w || seq >= maxSeq) continue;
        const i = client * maxSeq + seq;
        if (i >= countsView.length) continue; // text that only looks like a token
        if (sentAtView[i] === 0) continue;
        Atomics.add(countsView, i, 1);
        stockLatencies.push(t - sentAtView[i]);
      }
    });
  }
  const mainDelay = monitorEventLoopDelay({ resolution: 5 });
  const start = now() + 1000;
  const endAt = start + s.seconds * 1000;
  for (const t of threads) t.worker.postMessage({ start, seconds: s.seconds, interval, writers: total });
  let stockSent = 0;
  let stockIntended = 0;
  const timers: NodeJS.Timeout[] = [];
  for (const { c, w } of stock) {
    const offset = (w % total) * (interval / total);
    stockIntended += Math.max(0, Math.ceil((endAt - start - offset) / interval));
    const text = c.doc.getMap<Y.Map<unknown>>('cards').get(cardOf(w))!.get('description') as Y.Text;
    let k = 0;
    const tick = () => {
      const due = start + offset + k * interval;
      if (due >= endAt) return;
      sentAtView[w * maxSeq + k] = now();
      text.insert(text.length, token(w, k));
      stockSent++;
      k++;
      timers.push(setTimeout(tick, Math.max(0, start + offset + k * interval - now())));
    };
    timers.push(setTimeout(tick, Math.max(0, start + offset - now())));
  }
  await sleep(start - now());
  mainDelay.enable();
  recording = true;
  const cpu0 = sample(peer.pid);
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(endAt - now());
  // Let the last deliveries arrive: until every edit sent has reached every other client, or 10 s.
  const everyoneHasAll = () => {
    for (let i = 0; i < sentAtView.length; i++) if (sentAtView[i] > 0 && countsView[i] < s.clients - 1) return false;
    return true;
  };
  for (let waited = 0; waited < 10_000 && !(waited >= 500 && everyoneHasAll()); waited += 100) await sleep(100);
  const cpu1 = sample(peer.pid);
  const gen = process.cpuUsage(gen0);
  const window = (performance.now() - t0) / 1000;
  recording = false;
  mainDelay.disable();
  for (const t of timers) clearTimeout(t);
  const results: ThinResult[] = [];
  for (const t of threads) {
    t.worker.postMessage({ finish: true });
    const exited = new Promise((resolve) => t.worker.once('exit', resolve));
    results.push((await t.next<{ result: ThinResult }>()).result);
    await Promise.race([exited, sleep(5000).then(() => t.worker.terminate())]);
  }
  // A store may be debounced (Hocuspocus: 2 s, at most 10 s): wait for it, within bounds.
  const sentKeys: [number, number][] = [];
  for (let w = 0; w < total; w++) for (let k = 0; k < maxSeq; k++) if (sentAtView[w * maxSeq + k] > 0) sentKeys.push([w, k]);
  if (durable) for (let waited = 0; durable.durableAt.size < sentKeys.length && waited < 12_000; waited += 250) await sleep(250);

  // Convergence: every stock client's copy of every card holds exactly the tokens sent into it, in order.
  const sentBy = new Map<number, number>();
  for (const [w] of sentKeys) sentBy.set(w, (sentBy.get(w) ?? 0) + 1); // each writer's k run 0, 1, 2, … without gaps
  let diverged = 0;
  for (const { c, board } of stock) {
    const cards = c.doc.getMap<Y.Map<unknown>>('cards');
    for (let i = 0; i < s.clients; i++) {
      const w = board * s.clients + i;
      const expected = Array.from({ length: sentBy.get(w) ?? 0 }, (_, k) => token(w, k)).join('');
      if ((cards.get(cardOf(w))?.get('description') as Y.Text | undefined)?.toString() !== expected) diverged++;
    }
  }
  const expected = s.clients - 1;
  let lost = 0;
  let duplicated = 0;
  for (const [w, k] of sentKeys) {
    const n = countsView[w * maxSeq + k];
    if (n < expected) lost += expected - n;
    if (n > expected) duplicated += n - expected;
  }
  const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, stockLatencies.length));
  let at = 0;
  for (const r of results) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  all.set(stockLatencies, at);
  all.sort();
  const latencies = Array.from(all);
  const sent = results.reduce((n, r) => n + r.sent, stockSent);
  const intended = results.reduce((n, r) => n + r.intended, stockIntended);
  const loopDelayP99 = Math.max(mainDelay.percentile(99) / 1e6, ...results.map((r) => r.loopDelayP99));
  const loopDelayMax = Math.max(mainDelay.max / 1e6, ...results.map((r) => r.loopDelayMax));
  const durability = durable
    ? sentKeys
        .filter(([w, k]) => durable.durableAt.has(`${w}.${k}`))
        .map(([w, k]) => durable.durableAt.get(`${w}.${k}`)! - sentAtView[w * maxSeq + k])
        .sort((a, b) => a - b)
    : [];
  for (const { c } of stock) c.close();
  const serverCpuUs = (cpu1.cpuS - cpu0.cpuS) * 1e6;
  const invalid: string[] = [];
  if (sent < 0.99 * intended) invalid.push(`the generator sent ${sent} of ${intended} scheduled edits`);
  if (loopDelayP99 > MAX_LOOP_DELAY) invalid.push(`a generator thread's event-loop delay p99 was ${loopDelayP99.toFixed(1)} ms (limit ${MAX_LOOP_DELAY})`);
  const closedEarly = results.reduce((n, r) => n + r.closedEarly, 0);
  if (closedEarly) invalid.push(`${closedEarly} thin client(s) were disconnected during the run`);
  const row: Row = {
    scenario: s.key,
    server: peer.name,
    figures: {
      p99: pct(latencies, 0.99),
      connections: total,
      p50: pct(latencies, 0.5),
      p95: pct(latencies, 0.95),
      editsPerSecond: sent / s.seconds,
      sentShare: sent / intended,
      deliveriesPerSecond: latencies.length / s.seconds,
      lost,
      duplicated,
      diverged,
      cpuPercent: (serverCpuUs / 1e6 / window) * 100,
      cpuUsPerEdit: sent ? serverCpuUs / sent : null,
      cpuUsPerDelivery: latencies.length ? serverCpuUs / latencies.length : null,
      rssMiB: cpu1.rssB / 2 ** 20,
      kibPerConnection: (connected.rssB - before.rssB) / 1024 / total,
      // process.cpuUsage is the whole process's, worker threads included.
      generatorCpuPercent: ((gen.user + gen.system) / 1e6 / window) * 100,
      generatorLoopDelayP99: loopDelayP99,
      generatorLoopDelayMax: loopDelayMax,
      generatorSendLagP99: Math.max(0, ...results.map((r) => r.lagP99)),
      ...(s.durability
        ? {
            durableP50: durable ? pct(durability, 0.5) : null,
            durableP99: durable ? pct(durability, 0.99) : null,
            notDurable: durable ? sentKeys.length - durability.length : null,
          }
        : {}),
    },
    notes: [
      ...(s.durability && !durable ? ['keeps documents in memory only: no durability to measure'] : []),
      `the generator: ${stock.length} stock and ${specs.length} thin clients in ${WORKERS} worker thread(s)`,
    ],
  };
  return { row, invalid };
}

/**
 * Every server `repeat` times, in turn (Tropa, the peers, Tropa, …), so that a busy moment
 * of the machine falls on all of them alike; each figure is the median over the valid runs,
 * with the spread (min–max) kept beside it.
 */
export async function loadScenario(s: LoadScenario, repeat = 1): Promise<ScenarioResult> {
  const runs = new Map<string, { row: Row; invalid: string[] }[]>();
  for (let round = 0; round < repeat; round++) {
    for (const [name, make] of PEERS) {
      const db = await createScratchDatabase(adminUrl());
      const peer = await make(db.url);
      const durable = s.durability ? await observeDurability(name, db.url) : null;
      try {
        const r = await run(peer, s, durable);
        runs.set(name, [...(runs.get(name) ?? []), r]);
        const f = r.row.figures;
        console.error(
          `${s.title} · ${name}${repeat > 1 ? ` (run ${round + 1}/${repeat})` : ''}: p99 ${f.p99!.toFixed(1)} ms, ${f.cpuUsPerDelivery?.toFixed(1)} µs CPU per delivery` +
            `${s.durability && durable ? `, durable p99 ${f.durableP99?.toFixed(1)} ms` : ''}${r.invalid.length ? ` — INVALID: ${r.invalid.join('; ')}` : ''}`,
        );
      } finally {
        await durable?.stop();
        await peer.stop();
        await db.drop();
      }
    }
  }
  const rows: Row[] = [...runs.values()].map((rs) => {
    const valid = rs.filter((r) => r.invalid.length === 0);
    const counted = valid.length ? valid : rs;
    const figures: Row['figures'] = {};
    const spread: NonNullable<Row['spread']> = {};
    for (const key of Object.keys(rs[0].row.figures)) {
      const xs = counted.map((r) => r.row.figures[key]).filter((v): v is number => typeof v === 'number');
      figures[key] = xs.length ? median(xs) : null;
      if (xs.length > 1) spread[key] = [Math.min(...xs), Math.max(...xs)];
    }
    const each = (k: string, d: number) => rs.map((r) => `${r.row.figures[k]?.toFixed(d)}${r.invalid.length ? ' (invalid)' : ''}`).join(', ');
    const notes = [
      ...(rs[0].row.notes ?? []),
      ...(repeat > 1 ? [`median of ${counted.length} ${valid.length ? 'valid ' : ''}run(s) of ${rs.length}; p99 of each: ${each('p99', 0)} ms; CPU µs per delivery: ${each('cpuUsPerDelivery', 1)}`] : []),
      ...rs.flatMap((r, i) => r.invalid.map((why) => `run ${i + 1} invalid: ${why}`)),
    ];
    return { ...rs[0].row, figures, spread, runs: rs.length, validRuns: valid.length, notes };
  });
  const columns: Column[] = [
    { key: 'p99', label: 'p99 ms', digits: 1 },
    ...(s.durability ? [{ key: 'durableP99', label: 'durable p99 ms', digits: 0 }] : []),
    { key: 'cpuUsPerDelivery', label: 'CPU µs/delivery', digits: 1 },
    { key: 'cpuUsPerEdit', label: 'CPU µs/edit', digits: 0 },
    { key: 'p50', label: 'p50 ms', digits: 1 },
    { key: 'p95', label: 'p95 ms', digits: 1 },
    ...(s.durability ? [{ key: 'durableP50', label: 'durable p50 ms', digits: 0 }, { key: 'notDurable', label: 'not durable', digits: 0 }] : []),
    { key: 'connections', label: 'conns', digits: 0 },
    { key: 'editsPerSecond', label: 'edits/s', digits: 0 },
    { key: 'deliveriesPerSecond', label: 'deliveries/s', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
    { key: 'duplicated', label: 'dup', digits: 0 },
    { key: 'diverged', label: 'diverged', digits: 0 },
    { key: 'cpuPercent', label: 'server CPU %', digits: 0 },
    { key: 'rssMiB', label: 'RSS MiB', digits: 0 },
    { key: 'generatorCpuPercent', label: 'generator CPU %', digits: 0 },
    { key: 'generatorLoopDelayP99', label: 'generator loop delay p99 ms', digits: 1 },
    { key: 'generatorSendLagP99', label: 'send lag p99 ms', digits: 1 },
  ];
  return { title: `${s.title} (${os.cpus().length} cores shared by generator, servers and Postgres)`, columns, rows, validity: true };
}
