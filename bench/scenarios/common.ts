// What every scenario shares: its result rows, a few statistics, and the typed tokens.
import * as Y from 'yjs';

/** One server's figures in one scenario; `null` = not measurable for that server (see notes). */
export type Row = {
  scenario: string;
  server: string;
  figures: Record<string, number | null>;
  notes?: string[];
  /** Over repeated runs: each figure's [min, max]. */
  spread?: Record<string, [number, number]>;
  /** Repeated runs, and how many of them were valid (the load generator kept up). */
  runs?: number;
  validRuns?: number;
};

/** A column of a scenario's table: a figure, its label, and its decimals. */
export type Column = { key: string; label: string; digits?: number };

/** A scenario's rows and the columns its table shows (the first is the headline, given as Tropa ÷ peer). */
export type ScenarioResult = { title: string; columns: Column[]; rows: Row[]; /** Rows carry runs/validRuns: the table says whether each is valid. */ validity?: boolean };

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
export const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 0.5);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const adminUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `fn` on `items` with at most `n` in flight. */
export async function inWaves<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(fn));
}

/** What the load clients type: `~client.seq~`. */
export const token = (client: number, seq: number) => `~${client}.${seq}~`;
const TOKEN = /~(\d+)\.(\d+)~/g;

/** The tokens ("client.seq") in the text an update carries, read from the update itself. */
export function tokensOf(update: Uint8Array): string[] {
  const out: string[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (s instanceof Y.Item && s.content instanceof Y.ContentString) for (const m of s.content.str.matchAll(TOKEN)) out.push(`${m[1]}.${m[2]}`);
  }
  return out;
}
