import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

// School computers are shared: a board opened there is cached in IndexedDB for offline work,
// and signing out must take that copy away with the user.
describe('signing out in Chromium', () => {
  const env = useServerAndBrowser();
  const boardCaches = (page: Page) =>
    page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('tropa-board-')));

  it('deletes the offline copies of the boards opened on this computer', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    try {
      for (const kind of [/Дорожная карта/, /Наставнические пары/]) {
        await page.goto(env.srv.url);
        await page.getByRole('link', { name: kind }).first().click();
        await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
      }
      await expect.poll(() => boardCaches(page), { timeout: 5_000 }).toHaveLength(2);

      await page.getByRole('button', { name: 'Выйти' }).click(); // from the open board
      await page.waitForURL(/\/signin/);
      expect(await boardCaches(page)).toEqual([]);
      expect(await page.evaluate(() => localStorage.getItem('tropa-board-caches'))).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});
