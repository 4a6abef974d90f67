// `npx tsx bench/board-ui.ts [cards]`: the board UI in Chromium with a large board.
// Measures the first render of the board page (navigation start → every card on screen)
// and how long a move made by another person takes to show (the peer is a Node client
// with the stock y-websocket provider; the page timestamps the DOM change itself).
import { launchChromium } from '../tests/helpers/browser';
import { signIn, startServer } from '../tests/helpers/server';
import { connectBoard } from '../tests/helpers/yjs-client';
import { readBoard } from '../lib/board/doc';
import { addCard, moveCard } from '../lib/board/ops';

const N = Number(process.argv[2] ?? 500);
const srv = await startServer();
const browser = await launchChromium();
try {
  const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
  const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookie! } })).json()) as { id: string; kind: string }[];
  const boardId = boards.find((b) => b.kind === 'roadmap')!.id;
  const peer = connectBoard(srv.url, boardId, cookie);
  await peer.synced;
  const columns = readBoard(peer.doc).columns;
  const existing = readBoard(peer.doc).columns.flatMap((c) => c.cards).length;
  peer.doc.transact(() => {
    for (let i = existing; i < N; i++) addCard(peer.doc, { columnId: columns[i % columns.length].id, title: `Мероприятие ${i}`, fields: { status: 'todo', responsible: ['Рабочая группа'] } });
  });
  await new Promise((r) => setTimeout(r, 1500)); // committed and compacted server-side

  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: cookie!.split('=')[0], value: cookie!.split('=').slice(1).join('='), url: srv.url }]);
  const page = await context.newPage();
  const renders: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto(`${srv.url}/boards/${boardId}`);
    await page.waitForFunction((n) => document.querySelectorAll('.board-card').length >= n, N);
    renders.push(await page.evaluate(() => performance.now()));
    await page.locator('[data-state="online"]').waitFor();
  }

  // Remote moves: the page records when each moved card appears in its new column.
  await page.evaluate(() => {
    (window as unknown as { seen: Record<string, number> }).seen = {};
    new MutationObserver(() => {
      document.querySelectorAll('[data-column-id] .board-card').forEach((el) => {
        const key = `${el.getAttribute('data-card-id')}@${el.closest('[data-column-id]')!.getAttribute('data-column-id')}`;
        (window as unknown as { seen: Record<string, number> }).seen[key] ??= performance.now() + performance.timeOrigin;
      });
    }).observe(document.body, { subtree: true, childList: true });
  });
  const latencies: number[] = [];
  const cards = readBoard(peer.doc).columns.flatMap((c) => c.cards);
  for (let i = 0; i < 30; i++) {
    const card = cards[(i * 37) % cards.length];
    const target = columns[(columns.findIndex((c) => c.id === readBoard(peer.doc).columns.find((col) => col.cards.some((k) => k.id === card.id))!.id) + 1) % columns.length];
    const key = `${card.id}@${target.id}`;
    await page.evaluate((k) => delete (window as unknown as { seen: Record<string, number> }).seen[k], key);
    const sent = Date.now();
    moveCard(peer.doc, card.id, target.id, 0);
    const at = await page.waitForFunction((k) => (window as unknown as { seen: Record<string, number> }).seen[k], key, { polling: 5 });
    latencies.push((await at.jsonValue()) - sent);
    await new Promise((r) => setTimeout(r, 50));
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(0);
  console.log(`board with ${N} cards`);
  console.log(`first render (navigation → all cards in the DOM), 3 runs: ${renders.map((r) => r.toFixed(0)).join(', ')} ms`);
  console.log(`remote move shown in the other browser: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${latencies.at(-1)!.toFixed(0)} ms (30 moves)`);
  peer.close();
} finally {
  await browser.close();
  await srv.stop();
}
