// The board's first render in Chromium (bench/board-ui.ts), Tropa only: the peers have no UI.
// Optional: skipped, with the command printed, when Chromium is not installed.
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../tests/helpers/browser';
import { tsx } from '../proc';
import { median, type ScenarioResult } from './common';

export async function uiScenario(cards: number): Promise<ScenarioResult | null> {
  const command = `npx tsx bench/board-ui.ts ${cards}`;
  if (!existsSync(CHROMIUM)) {
    console.error(`ui · skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH); run \`${command}\` where there is one`);
    return null;
  }
  const out = await new Promise<string>((resolve, reject) => {
    const proc = tsx('bench/board-ui.ts', [String(cards)]);
    let text = '';
    proc.stdout!.on('data', (d) => (text += d));
    const timer = setTimeout(() => proc.kill('SIGTERM'), 300_000);
    proc.once('exit', (code) => (clearTimeout(timer), code === 0 ? resolve(text) : reject(new Error(`${command} exited ${code}:\n${text}`))));
  });
  const renders = /3 runs: ([\d, ]+) ms/.exec(out)?.[1].split(',').map(Number) ?? [];
  const move = /p50 (\d+) ms, p95 (\d+) ms/.exec(out);
  console.error(`ui · first render of ${cards} cards: ${renders.join(', ')} ms`);
  return {
    title: `first render of a ${cards}-card board in Chromium (\`${command}\`)`,
    columns: [
      { key: 'firstRenderMs', label: 'first render ms (median of 3)', digits: 0 },
      { key: 'firstRenderColdMs', label: 'first run ms', digits: 0 },
      { key: 'remoteMoveP50', label: 'remote move shown p50 ms', digits: 0 },
      { key: 'remoteMoveP95', label: 'p95 ms', digits: 0 },
    ],
    rows: [
      {
        scenario: 'ui',
        server: 'tropa',
        figures: { firstRenderMs: median(renders), firstRenderColdMs: renders[0] ?? null, remoteMoveP50: move ? Number(move[1]) : null, remoteMoveP95: move ? Number(move[2]) : null },
        notes: ['navigation → every card in the DOM; production build, embedded database'],
      },
    ],
  };
}
