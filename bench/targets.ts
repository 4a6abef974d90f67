// The issue's targets for the live core, judged from one `npm run bench` run's results: each
// met, not met, or not measured (its scenario was not chosen, or a run was invalid).
import type { Row, ScenarioResult } from './scenarios/common';

export type Target = { target: string; met: boolean | null; measured: string };

const f = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : v.toFixed(d));

export function targetsOf(results: ScenarioResult[]): Target[] {
  const rows = results.flatMap((r) => r.rows);
  const row = (scenario: string, server: string): Row | undefined => rows.find((r) => r.scenario === scenario && r.server === server);
  const valid = (r: Row | undefined) => !!r && (r.validRuns === undefined || r.validRuns > 0);
  const out: Target[] = [];
  for (const [scenario, name, limit] of [
    ['boards', '20 boards × 25 clients', 25],
    ['crowd', '1 board × 200 clients, all edits sent', 50],
  ] as const) {
    const t = row(scenario, 'tropa');
    const h = row(scenario, 'hocuspocus');
    if (!t) continue;
    const ok = valid(t) && valid(h);
    // A server that lost, duplicated or diverged an edit meets nothing, whatever its latency.
    const faults = (r: Row | undefined) => (r ? (r.figures.lost ?? 0) + (r.figures.duplicated ?? 0) + (r.figures.diverged ?? 0) : 0);
    const clean = faults(t) === 0;
    const p99 = t.figures.p99 ?? NaN;
    const hp99 = h?.figures.p99 ?? NaN;
    out.push({
      target: `${name}: p99 ≤ ${limit} ms and ≤ 0.8 × Hocuspocus's`,
      met: ok ? clean && p99 <= limit && p99 <= 0.8 * hp99 : null,
      measured: `Tropa ${f(p99)} ms, Hocuspocus ${f(hp99)} ms (ratio ${f(p99 / hp99, 2)})${ok ? '' : '; a run was invalid'}${clean ? '' : `; Tropa lost, duplicated or diverged ${faults(t)} edit deliveries`}`,
    });
    const c = t.figures.cpuUsPerDelivery ?? NaN;
    const hc = h?.figures.cpuUsPerDelivery ?? NaN;
    out.push({
      target: `${name}: server CPU per delivered message ≤ Hocuspocus's`,
      met: ok ? clean && c <= hc : null,
      measured: `Tropa ${f(c)} µs, Hocuspocus ${f(hc)} µs (ratio ${f(c / hc, 2)})`,
    });
    if (t.figures.durableP99 !== undefined) {
      out.push({
        target: 'every edit durable in Postgres ≤ 100 ms p99 (20 × 25)',
        met: valid(t) ? (t.figures.notDurable ?? 1) === 0 && (t.figures.durableP99 ?? Infinity) <= 100 : null,
        measured: `p99 ${f(t.figures.durableP99, 0)} ms, not durable ${f(t.figures.notDurable, 0)}`,
      });
    }
  }
  const idle = row('idle', 'tropa');
  if (idle) {
    out.push({
      target: '≤ 30 KiB per idle connection and 2,000 connections held',
      met: (idle.figures.kibPerConnection ?? Infinity) <= 30 && (idle.figures.connections ?? 0) >= 2000,
      measured: `${f(idle.figures.kibPerConnection)} KiB with ${f(idle.figures.connections, 0)} connections`,
    });
  }
  for (const kind of ['typing', 'scattered']) {
    const cold = row(`cold-${kind}`, 'tropa');
    if (!cold) continue;
    const open = cold.figures.firstSyncMs ?? null;
    out.push({
      target: `cold load ≤ 20 ms server time with a 100,000-update history (${kind})`,
      met: open === null ? null : open <= 20,
      measured: `first sync answered in ${f(open)} ms; room built in ${f(cold.figures.serverLoadMs)} ms`,
    });
  }
  return out;
}
