// `npm run screenshots`: README's pictures of the board, taken from a fresh demo server.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium, signedInPage } from '../helpers/browser';
import { startServer } from '../helpers/server';
import { ROOT_DIR } from '../../server/root';
import { ROADMAPS_DIR } from '../fixtures/paths';

const out = path.join(ROOT_DIR, 'docs', 'screenshots');
await mkdir(out, { recursive: true });
const [srv, browser] = await Promise.all([startServer(), launchChromium()]);
try {
  const signIn = (role: string, width: number, height: number) => signedInPage(browser, srv.url, role, { width, height });
  const curator = await signIn('curator', 1440, 900);
  const member = await signIn('member', 1440, 900);
  await curator.getByRole('link', { name: /Дорожная карта/ }).first().click();
  await curator.locator('[data-state="online"]').waitFor();
  const boardUrl = curator.url();
  await member.goto(boardUrl);
  await member.locator('[data-state="online"]').waitFor();
  await member.locator('.board-card').nth(2).click();
  await member.locator('dialog[open]').waitFor();
  await curator.waitForTimeout(500);
  await curator.screenshot({ path: path.join(out, 'board.png') });
  await member.screenshot({ path: path.join(out, 'card-dialog.png') });
  const tablet = await signIn('viewer', 1024, 768);
  await tablet.goto(boardUrl);
  await tablet.locator('[data-state="online"]').waitFor();
  await tablet.screenshot({ path: path.join(out, 'board-tablet-viewer.png') });
  // The import preview of a real regional roadmap (tests/fixtures/roadmaps).
  await curator.goto(`${srv.url}/import`);
  await curator.locator('input[type=file]').setInputFiles(path.join(ROADMAPS_DIR, 'mordovia-regional.txt'));
  await curator.getByRole('button', { name: 'Загрузить и разобрать' }).click();
  await curator.getByRole('heading', { name: 'Проверьте, что найдено' }).waitFor();
  await curator.screenshot({ path: path.join(out, 'import-preview.png') });
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await srv.stop();
}
