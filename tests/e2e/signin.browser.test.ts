import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

describe('signing in from Chromium', () => {
  const env = useServerAndBrowser();

  const signInAs = (role: string): Promise<Page> => signedInPage(env.browser, env.srv.url, role);

  it('the home page sends a visitor without a session to the sign-in page', async () => {
    const page = await (await env.browser.newContext({ locale: 'ru-RU' })).newPage();
    await page.goto(`${env.srv.url}/`);
    await page.waitForURL(/\/signin/);
    await page.context().close();
  });

  it('a wrong password shows a Russian message that does not say whether the account exists', async () => {
    const page = await (await env.browser.newContext({ locale: 'ru-RU' })).newPage();
    await page.goto(`${env.srv.url}/signin`);
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
    await page.goto(`${env.srv.url}/admin`);
    await page.getByTestId('admin-forbidden').waitFor();
    expect(await page.getByTestId('admin-page').count()).toBe(0);
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${env.srv.url}/`);
    await page.waitForURL(/\/signin/); // signed out for real: the home page sends it back
    await page.context().close();
  });

  // Seven sign-ins (a password hash each) and home pages: 28–30 s on a two-core CI machine.
  it('every demo role signs in and sees its own name', { timeout: 90_000 }, async () => {
    for (const role of ['admin', 'head', 'curator', 'member', 'mentor', 'mentee', 'viewer']) {
      const page = await signInAs(role);
      expect(await page.getByTestId('current-user').textContent()).toMatch(/\S+ \S+/);
      await page.context().close();
    }
  });

  it('the admin creates a user from the admin page, and a duplicate email gets a clear error', async () => {
    const page = await signInAs('admin');
    await page.getByRole('link', { name: 'Администрирование' }).click();
    await page.getByTestId('admin-page').waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Новый пользователь' }) });
    const fill = async (email: string) => {
      await form.getByLabel('Фамилия, имя, отчество').fill('Петрова Анна Сергеевна');
      await form.getByLabel('Электронная почта').fill(email);
      await form.getByLabel('Пароль').fill('new-user-pass');
      await form.locator('select[name="role"]').selectOption('mentor');
      await form.getByRole('button', { name: 'Создать пользователя' }).click();
    };
    await fill('petrova@demo.tropa');
    await form.getByRole('status').waitFor();
    expect(await page.getByRole('cell', { name: 'Петрова Анна Сергеевна' }).count()).toBeGreaterThan(0);
    await fill('PETROVA@demo.tropa');
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Пользователь с такой электронной почтой уже есть.');
    expect(await form.getByLabel('Электронная почта').inputValue()).toBe('PETROVA@demo.tropa'); // nothing typed is lost

    await page.getByRole('combobox', { name: 'Новая роль для Петрова Анна Сергеевна' }).selectOption('viewer');
    await page.locator('form', { has: page.getByRole('combobox', { name: 'Новая роль для Петрова Анна Сергеевна' }) }).getByRole('button', { name: 'Изменить' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Петрова Анна Сергеевна/ }).getByRole('combobox').inputValue()).toBe('viewer');

    const orgForm = page.locator('form', { has: page.getByRole('heading', { name: 'Новая организация' }) });
    await orgForm.getByLabel('Название').fill('МБОУ «Гимназия № 2»');
    await orgForm.getByLabel('Короткий адрес').fill('novograd-school-7');
    await orgForm.getByRole('button', { name: 'Создать организацию' }).click();
    await expect.poll(() => orgForm.getByRole('alert').textContent()).toBe('Такой адрес (slug) организации уже занят.');
    await orgForm.getByLabel('Короткий адрес').fill('novograd-gymnasium-2');
    await orgForm.getByRole('button', { name: 'Создать организацию' }).click();
    await orgForm.getByRole('status').waitFor();
    await page.context().close();
  });

  it('the curator creates, renames and archives a board from the home page', async () => {
    const page = await signInAs('curator');
    const school = page.locator('article', { hasText: 'Школа' }).last();
    await school.getByText('Новая доска').click();
    await school.getByLabel('Название').fill('Пробная дорожная карта');
    await school.getByRole('button', { name: 'Создать' }).click();
    const row = page.locator('li', { has: page.getByRole('link', { name: 'Пробная дорожная карта' }) });
    await row.waitFor();
    await row.getByRole('button', { name: /Переименовать/ }).click();
    const editing = page.locator('li', { has: page.locator('input[id^="title-"]') });
    await editing.getByRole('textbox').fill('Дорожная карта 2027');
    await editing.getByRole('button', { name: 'Сохранить' }).click();
    const renamed = page.locator('li', { has: page.getByRole('link', { name: 'Дорожная карта 2027' }) });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: 'В архив' }).click();
    await expect.poll(() => renamed.count()).toBe(0);
    await page.getByRole('link', { name: 'Показать архивные' }).click();
    await page.locator('li', { has: page.getByRole('link', { name: 'Дорожная карта 2027' }) }).getByRole('button', { name: 'Вернуть из архива' }).waitFor();
    await page.context().close();
  });

  it('speaks English when the browser prefers it, and switches to Russian on request', async () => {
    const page = await (await env.browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${env.srv.url}/signin`);
    await page.getByRole('heading', { name: 'Sign in to Tropa' }).waitFor();
    await page.getByRole('button', { name: 'RU' }).click();
    await page.getByRole('heading', { name: 'Вход в Тропу' }).waitFor();
    await page.context().close();
  });
});
