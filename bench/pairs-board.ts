// `npx tsx bench/pairs-board.ts [pairs]`: the pairs board UI in Chromium with many pairs (issue 14:
// «a pairs board of 500 pairs renders ≤ 1 s, its names arrive in one request»).
// The data directory is prepared before the server starts (the demo, then N mentors and N mentees
// with consents and N pairs formed through the verbs, their cards written by the board writer);
// the page is opened as the demo curator three times. Reported: navigation start → every pair
// card on screen with its names, and how many requests went to /api/boards/<id>/pairs after the
// page itself (the page brings the names it renders: 0 unless the board changed meanwhile).
// WARM_HOME=1 visits the home page first, so the first run is this board's first load on a
// server that has served a page (not the first request after start).
import { rm } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { createPair } from '../db/queries/pairs';
import { createPerson } from '../db/queries/people';
import { boards } from '../db/schema';
import { addDays, todayIso } from '../lib/people/rules';
import { launchChromium } from '../tests/helpers/browser';
import { demoPrincipal } from '../tests/helpers/db';
import { prepareDataDir } from '../tests/helpers/pairs';
import { signIn, startServer } from '../tests/helpers/server';

const N = Number(process.argv[2] ?? 500);
const FORM = 'учитель – учитель';
const today = todayIso();
const t0 = performance.now();
const { dir, value: boardId } = await prepareDataDir(async (db) => {
  const curator = await demoPrincipal(db, 'curator');
  const orgId = curator.memberships[0].orgId;
  const person = async (i: number, bank: 'mentor' | 'mentee') =>
    (
      await createPerson(
        db,
        curator,
        orgId,
        {
          fullName: `${bank === 'mentor' ? 'Наставник' : 'Наставляемый'} Тестовый ${i}`,
          birthDate: bank === 'mentor' ? '1975-01-01' : '1999-01-01',
          category: 'teacher',
          bank,
          forms: [FORM],
          tags: ['методика'],
          capacity: bank === 'mentor' ? 1 : null,
          consent: { signer: 'self', signerName: `Подписант ${i}`, signedOn: addDays(today, -30) },
        },
        today,
      )
    ).id;
  for (let i = 0; i < N; i++) {
    await createPair(db, curator, orgId, { mentorId: await person(i, 'mentor'), menteeIds: [await person(i, 'mentee')], form: FORM }, today);
  }
  const [board] = await db.select({ id: boards.id }).from(boards).where(and(eq(boards.orgId, orgId), eq(boards.kind, 'pairs')));
  return board.id;
});
console.log(`prepared ${N} pairs (plus the demo's) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const srv = await startServer({ DATA_DIR: dir });
const browser = await launchChromium();
try {
  const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: cookie!.split('=')[0], value: cookie!.split('=').slice(1).join('='), url: srv.url }]);
  const page = await context.newPage();
  let pairRequests = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/boards/${boardId}/pairs`) pairRequests++;
  });
  if (process.env.WARM_HOME) await page.goto(`${srv.url}/`); // the server has served some page before (not this board)
  const renders: number[] = [];
  const served: number[] = []; // the page's first byte: the server's part (the board and its pairs read, the access log written)
  const requests: number[] = [];
  for (let run = 0; run < 3; run++) {
    pairRequests = 0;
    await page.goto(`${srv.url}/boards/${boardId}`);
    // every card of the board has its face with names (the demo's pairs included)
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pair-names"]').length >= n, N, { polling: 'raf', timeout: 60_000 });
    renders.push(await page.evaluate(() => performance.now()));
    served.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart));
    await page.locator('[data-state="online"]').waitFor();
    requests.push(pairRequests);
  }
  console.log(`pairs board with ${N} pairs`);
  console.log(`first render (navigation → every card with its names), 3 runs: ${renders.map((r) => r.toFixed(0)).join(', ')} ms`);
  console.log(`of which the server's first byte: ${served.map((r) => r.toFixed(0)).join(', ')} ms`);
  console.log(`requests for the names after the page per load: ${requests.join(', ')} (the names come with the page)`);
} finally {
  await browser.close();
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
}
