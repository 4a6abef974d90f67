// `npm run bench`: the same workloads against Tropa, Hocuspocus and the classic y-websocket
// server, in one run, on loopback. Readers live in this process, so latency needs no clock
// sync. Writes a table per scenario to stdout and a JSON file to bench/results/.
//
//   BENCH_SCENARIOS  comma-separated, default all: boards (20 boards × 25 clients), crowd
//                    (1 board × 200 clients), durability (adds the time until each edit is
//                    committed in Postgres to `boards`), idle (2,000 idle connections), cold
//                    (1,000 cards, 100,000-update history), ui (first render in Chromium)
//   BENCH_SECONDS    length of each load run (default 15)
//   BENCH_REPEAT     load runs per server, taken in turn; figures are medians of the valid runs, with the spread (default 3)
//   BENCH_IDLE       idle connections (default 2000); BENCH_HISTORY: cold history (100000);
//                    BENCH_COLD_LIMIT: seconds allowed for the load of the uncompacted log (60);
//                    BENCH_HISTORY_KIND: typing,scattered (default both; bench/scenarios/cold.ts)
//   BENCH_SERVERS    e.g. tropa: only those servers in the load and idle scenarios
//   BENCH_PROFILE    a directory: the Tropa server writes a CPU profile there (bench/cpu-profile.mjs)
//   BENCH_DATABASE_URL  the Postgres to make scratch databases in (default the local one)
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from '../server/build';
import { ROOT_DIR } from '../server/root';
import { coldScenario, HISTORY_KINDS, type HistoryKind } from './scenarios/cold';
import type { ScenarioResult } from './scenarios/common';
import { idleScenario } from './scenarios/idle';
import { loadScenario } from './scenarios/load';
import { targetsOf } from './targets';
import { uiScenario } from './scenarios/ui';

const ALL = ['boards', 'crowd', 'durability', 'idle', 'cold', 'ui'];
const chosen = (process.env.BENCH_SCENARIOS ?? ALL.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const unknown = chosen.filter((s) => !ALL.includes(s));
if (unknown.length) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; choose among ${ALL.join(', ')}`);
  process.exit(2);
}
// Tropa is measured as it is served: the production build (made first on a fresh clone).
buildIfNeeded(ROOT_DIR);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const has = (s: string) => chosen.includes(s);

const results: ScenarioResult[] = [];
const failed: string[] = [];
/** A scenario that fails is reported and the others still run. */
async function attempt(name: string, fn: () => Promise<ScenarioResult | null>) {
  try {
    const r = await fn();
    if (r) results.push(r);
  } catch (err) {
    failed.push(`${name}: ${(err as Error).message.split('\n')[0]}`);
    console.error(`${name} failed: ${(err as Error).stack}`);
  }
}
if (has('boards') || has('durability')) {
  const durability = has('durability');
  await attempt('boards', () =>
    loadScenario({ key: 'boards', title: `20 boards × 25 clients, 1 edit/s${durability ? ', with durability' : ''}`, boards: 20, clients: 25, editsPerSecond: 1, seconds, durability }, repeat),
  );
}
if (has('crowd')) await attempt('crowd', () => loadScenario({ key: 'crowd', title: '1 board × 200 clients, 1 edit/s', boards: 1, clients: 200, editsPerSecond: 1, seconds, durability: false }, repeat));
if (has('idle')) await attempt('idle', () => idleScenario(Number(process.env.BENCH_IDLE ?? 2000), 20));
if (has('cold')) {
  const kinds = (process.env.BENCH_HISTORY_KIND ?? HISTORY_KINDS.join(',')).split(',') as HistoryKind[];
  for (const kind of kinds) await attempt(`cold ${kind}`, () => coldScenario(Number(process.env.BENCH_HISTORY ?? 100_000), kind));
}
if (has('ui')) await attempt('ui', () => uiScenario(1000));

/** Tropa's figure ÷ this server's, for every figure both have. */
function ratios(result: ScenarioResult) {
  const t = result.rows.find((r) => r.server === 'tropa');
  return result.rows.map((r) => {
    const ratio: Record<string, number> = {};
    if (t && r.server !== 'tropa') {
      for (const [k, v] of Object.entries(r.figures)) {
        const tv = t.figures[k];
        if (typeof v === 'number' && typeof tv === 'number' && v !== 0 && Number.isFinite(v)) ratio[k] = tv / v;
      }
    }
    return { ...r, ratioTropaToThis: ratio };
  });
}

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
/** The figures whose spread over repeated runs is shown beside the median. */
const SPREAD = new Set(['p99', 'durableP99', 'cpuUsPerDelivery', 'cpuUsPerEdit']);
/** The ratios printed under a load table: Tropa ÷ each peer. */
const RATIOS: [string, string][] = [
  ['p99', 'p99'],
  ['cpuUsPerDelivery', 'CPU per delivery'],
  ['cpuUsPerEdit', 'CPU per edit'],
];
console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, BENCH_SECONDS=${seconds}, BENCH_REPEAT=${repeat}, load average ${os.loadavg()[0].toFixed(2)}`);
const out = results.map((result) => {
  const rows = ratios(result);
  const head = result.columns[0];
  console.log(`\n### ${result.title}\n`);
  const validity = result.validity ? ' valid runs |' : '';
  console.log(`| server |${validity} ${result.columns.map((c) => c.label).join(' | ')} | Tropa ÷ this (${head.label}) |`);
  console.log(`|---|${result.validity ? '---|' : ''}${result.columns.map(() => '---').join('|')}|---|`);
  for (const r of rows) {
    const ratio = r.server === 'tropa' ? '1' : fmt(r.ratioTropaToThis[head.key], 2);
    const valid = result.validity ? ` ${r.validRuns}/${r.runs}${r.validRuns === 0 ? ' INVALID' : ''} |` : '';
    const cell = (c: (typeof result.columns)[number]) => {
      const range = SPREAD.has(c.key) ? r.spread?.[c.key] : undefined;
      return fmt(r.figures[c.key], c.digits) + (range && r.runs! > 1 ? ` (${fmt(range[0], c.digits)}–${fmt(range[1], c.digits)})` : '');
    };
    console.log(`| ${r.server} |${valid} ${result.columns.map(cell).join(' | ')} | ${ratio} |`);
  }
  if (result.validity) {
    for (const r of rows.filter((x) => x.server !== 'tropa')) {
      const parts = RATIOS.filter(([k]) => r.ratioTropaToThis[k] !== undefined).map(([k, label]) => `${label} ${fmt(r.ratioTropaToThis[k], 2)}`);
      if (parts.length) console.log(`- Tropa ÷ ${r.server}: ${parts.join(', ')}`);
    }
  }
  for (const r of rows) for (const n of r.notes ?? []) console.log(`- ${r.server}: ${n}`);
  return { title: result.title, rows };
});
const targets = targetsOf(results);
if (targets.length) {
  console.log('\n### Targets (issue 17)\n');
  for (const t of targets) console.log(`- ${t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met'}: ${t.target} — ${t.measured}`);
}

const dir = path.join(ROOT_DIR, 'bench', 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg() };
await writeFile(file, JSON.stringify({ machine, seconds, repeat, scenarios: chosen, failed, targets, results: out }, null, 2));
for (const f of failed) console.log(`failed: ${f}`);
console.log(`\n${file}`);
process.exit(0);
