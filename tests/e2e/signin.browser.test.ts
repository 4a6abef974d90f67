import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

describe('signing in from Chromium', () => {
  let srv: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  async function signInAs(role: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${srv.url}/`);
    await page.waitForURL(/\/signin/);
    await page.getByLabel('Электронная почта').fill(`${role}@demo.tropa`);
    await page.getByLabel('Пароль').fill('tropa-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('a wrong password shows a Russian message that does not say whether the account exists', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${srv.url}/signin`);
    await page.getByLabel('Электронная почта').fill('curator@demo.tropa');
    await page.getByLabel('Пароль').fill('wrong-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBe('Неверная электронная почта или пароль.');
    await page.context().close();
  });

  it('the curator sees the demo boards and can open the roadmap', async () => {
    const page = await signInAs('curator');
    const list = page.getByTestId('board-list');
    await expect.poll(() => list.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Дорожная карта'), expect.stringContaining('пары')]),
    );
    await list.getByRole('link', { name: /Дорожная карта/ }).click();
    await page.getByTestId('board-columns').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('Подготовка условий');
    await page.context().close();
  });

  it('a viewer sees no admin link and the admin page refuses it', async () => {
    const page = await signInAs('viewer');
    expect(await page.getByRole('link', { name: 'Администрирование' }).count()).toBe(0);
    await page.goto(`${srv.url}/admin`);
    await page.getByTestId('admin-forbidden').waitFor();
    expect(await page.getByTestId('admin-page').count()).toBe(0);
    await page.context().close();
  });

  it('the admin reaches the admin page', async () => {
    const page = await signInAs('admin');
    await page.getByRole('link', { name: 'Администрирование' }).click();
    await page.getByTestId('admin-page').waitFor();
    await page.context().close();
  });
});
