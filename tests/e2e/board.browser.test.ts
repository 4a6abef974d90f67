import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

// The roadmap board as a working group uses it: two people in two browsers, live.
describe('the live roadmap board in Chromium', () => {
  const env = useServerAndBrowser();
  let boardUrl: string;

  async function openBoard(role: string): Promise<Page> {
    const page = await signedInPage(env.browser, env.srv.url, role, { width: 1600, height: 1000 });
    if (!boardUrl) {
      await page.getByRole('link', { name: /Дорожная карта/ }).first().click();
      await page.getByTestId('board-columns').waitFor();
      boardUrl = page.url();
    } else {
      await page.goto(boardUrl);
    }
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    return page;
  }
  const column = (page: Page, n: number) => page.locator('section.column.live').nth(n);
  const card = (page: Page, title: string) => page.locator('.board-card', { hasText: title });
  /** Fails unless the other browser shows the change within a second. */
  const withinASecond = (what: () => Promise<unknown>) => expect.poll(what, { timeout: 1_000, interval: 50 });

  it('a card created, renamed and moved by one person appears for the other within a second', async () => {
    const [ann, bob] = await Promise.all([openBoard('curator'), openBoard('member')]);
    await column(ann, 1).getByRole('button', { name: '+ Добавить мероприятие' }).click();
    await column(ann, 1).getByRole('textbox', { name: /Название мероприятия/ }).fill('Встреча с родителями');
    await column(ann, 1).getByRole('textbox', { name: /Название мероприятия/ }).press('Enter');
    await withinASecond(() => card(bob, 'Встреча с родителями').count()).toBe(1);

    await card(ann, 'Встреча с родителями').click();
    const title = ann.locator('dialog[open]').getByRole('textbox', { name: 'Название' });
    await title.fill('Встреча с родителями наставляемых');
    await ann.locator('dialog[open]').getByRole('button', { name: 'Закрыть' }).click();
    await withinASecond(() => card(bob, 'Встреча с родителями наставляемых').count()).toBe(1);

    // Drag with the mouse into the third column.
    const from = await card(ann, 'Встреча с родителями наставляемых').boundingBox();
    const to = await column(ann, 2).locator('.column-cards').boundingBox();
    await ann.mouse.move(from!.x + 20, from!.y + 10);
    await ann.mouse.down();
    await ann.mouse.move(from!.x + 40, from!.y + 20, { steps: 4 });
    await ann.mouse.move(to!.x + 40, to!.y + to!.height - 10, { steps: 12 });
    await ann.mouse.up();
    await withinASecond(() => column(bob, 2).locator('.board-card', { hasText: 'Встреча с родителями наставляемых' }).count()).toBe(1);
    expect(await column(ann, 1).locator('.board-card', { hasText: 'Встреча с родителями наставляемых' }).count()).toBe(0);
  });

  it('two people typing into the same description both keep their words', async () => {
    const [ann, bob] = await Promise.all([openBoard('curator'), openBoard('member')]);
    await card(ann, 'Анкетирование для выявления').click();
    await card(bob, 'Анкетирование для выявления').click();
    const a = ann.locator('dialog[open] textarea').first();
    const b = bob.locator('dialog[open] textarea').first();
    await a.click();
    await a.press('Control+End');
    await b.click();
    await b.press('Control+Home');
    await Promise.all([a.pressSequentially(' Итоги — на педсовете.', { delay: 15 }), b.pressSequentially('Важно: ', { delay: 15 })]);
    await expect
      .poll(async () => [await a.inputValue(), await b.inputValue()], { timeout: 3_000 })
      .toEqual([expect.stringMatching(/^Важно: .* Итоги — на педсовете\.$/), expect.stringMatching(/^Важно: .* Итоги — на педсовете\.$/)]);
    expect(await a.inputValue()).toBe(await b.inputValue());
    // The other person's presence shows on the card.
    await ann.keyboard.press('Escape');
    await withinASecond(() => card(ann, 'Анкетирование для выявления').locator('.avatar').count()).toBe(1);
  });

  it('on a tablet, a long press picks a card up and a touch drag moves it to another stage', async () => {
    const context = await env.browser.newContext({ locale: 'ru-RU', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
    const bob = await openBoard('member');
    try {
      const cookies = await bob.context().cookies();
      await context.addCookies(cookies);
      const tab = await context.newPage();
      await tab.goto(boardUrl);
      await tab.locator('[data-testid="connection"][data-state="online"]').waitFor();
      const title = 'Разработка программы наставничества ОО';
      await card(tab, title).first().scrollIntoViewIfNeeded();
      const from = await card(tab, title).first().boundingBox();
      const to = await column(tab, 1).locator('.column-cards').boundingBox();
      const cdp = await context.newCDPSession(tab);
      const at = (x: number, y: number) => [{ x, y, id: 1 }];
      const [x0, y0, x1, y1] = [from!.x + 20, from!.y + 12, to!.x + 40, Math.max(to!.y, 0) + 30];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x0, y0) });
      await tab.waitForTimeout(350); // the long press (TouchSensor: 200 ms)
      for (let i = 1; i <= 12; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * i) / 12) });
        await tab.waitForTimeout(25);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await withinASecond(() => column(bob, 1).locator('.board-card', { hasText: title }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('a card is moved with the keyboard alone, with Russian announcements', async () => {
    const [ann, bob] = await Promise.all([openBoard('curator'), openBoard('member')]);
    const target = card(ann, 'Отбор наставников по итогам');
    await target.focus();
    await ann.keyboard.press('Space');
    await expect.poll(() => ann.locator('[id^="DndLiveRegion"]').textContent()).toMatch(/взята|над:/);
    await ann.keyboard.press('ArrowRight');
    // The announcement says where the card is now, as a screen reader would read it.
    await expect.poll(() => ann.locator('[id^="DndLiveRegion"]').textContent()).toContain('над: «Организация встречи');
    await ann.keyboard.press('Space');
    await expect.poll(() => ann.locator('[id^="DndLiveRegion"]').textContent()).toContain('перенесена');
    await withinASecond(() => column(bob, 4).locator('.board-card', { hasText: 'Отбор наставников по итогам' }).count()).toBe(1);
    // Enter opens the card; Escape closes it.
    await column(ann, 4).locator('.board-card', { hasText: 'Отбор наставников по итогам' }).focus();
    await ann.keyboard.press('Enter');
    await ann.locator('dialog[open]').waitFor();
    await ann.keyboard.press('Escape');
    await expect.poll(() => ann.locator('dialog[open]').count()).toBe(0);
  });

  it('edits made offline merge when the connection returns', async () => {
    const [ann, bob] = await Promise.all([openBoard('curator'), openBoard('member')]);
    await ann.context().setOffline(true);
    await ann.locator('[data-testid="connection"][data-state="offline"]').waitFor();
    await column(ann, 0).getByRole('button', { name: '+ Добавить мероприятие' }).click();
    await column(ann, 0).getByRole('textbox', { name: /Название мероприятия/ }).fill('Сделано без связи');
    await column(ann, 0).getByRole('textbox', { name: /Название мероприятия/ }).press('Enter');
    await column(bob, 0).getByRole('button', { name: '+ Добавить мероприятие' }).click();
    await column(bob, 0).getByRole('textbox', { name: /Название мероприятия/ }).fill('Сделано в сети');
    await column(bob, 0).getByRole('textbox', { name: /Название мероприятия/ }).press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    expect(await card(bob, 'Сделано без связи').count()).toBe(0);
    await ann.context().setOffline(false);
    await ann.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => card(bob, 'Сделано без связи').count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => card(ann, 'Сделано в сети').count(), { timeout: 5_000 }).toBe(1);
  });

  it('filters narrow the board and say how much is shown', async () => {
    const ann = await openBoard('curator');
    await ann.getByRole('searchbox', { name: 'Поиск' }).fill('приказ');
    await expect.poll(() => ann.locator('.board-card').count()).toBeLessThan(6);
    expect(await ann.getByText(/Показано \d+ из \d+/).count()).toBe(1);
    await ann.getByRole('searchbox', { name: 'Поиск' }).fill('');
    await ann.getByRole('combobox', { name: 'Статус' }).selectOption('done');
    const statuses = await ann.locator('.board-card .badge[class*="status-"]').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['выполнено']));
  });

  it('a viewer sees the same board without any edit control', async () => {
    const viewer = await openBoard('viewer');
    await viewer.getByTestId('read-only').waitFor();
    expect(await viewer.getByRole('button', { name: /Добавить/ }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Удалить этап|Переименовать этап/ }).count()).toBe(0);
    await card(viewer, 'Издание приказа').click();
    const dialog = viewer.locator('dialog[open]');
    expect(await dialog.getByRole('textbox', { name: 'Название' }).getAttribute('readonly')).not.toBeNull();
    expect(await dialog.getByRole('button', { name: 'Удалить мероприятие' }).count()).toBe(0);
    expect(await dialog.getByRole('combobox', { name: 'Статус' }).isDisabled()).toBe(true);
  });
});
