import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_ROADMAP_TITLE } from '../../lib/demo/content';
import { toLocalMoment } from '../../lib/history/period';
import { axeViolations } from '../helpers/axe';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

// Issue 15 as a head of a municipality uses it, on the demo (whose roadmap has a three-week past,
// lib/demo/history.ts): «кто и когда изменил срок этого мероприятия, и как выглядела дорожная
// карта школы неделю назад» — from the UI. Then a curator restores the old deadline from the
// card's history. The tests run in order on one server.
const DAY = 86_400_000;
const ymd = (t: number) => new Date(t + 3 * 3600_000).toISOString().slice(0, 10); // a Moscow day
const CONSENTS = 'Сбор согласий на обработку персональных данных';
const STATUTE = 'Разработка и утверждение Положения о наставничестве';

describe('history for heads in Chromium', () => {
  const env = useServerAndBrowser();
  let consentsCardId = '';
  let boardUrl = '';

  const entries = (page: Page) => page.getByTestId('history');

  it('a municipality head filters the history by the school and a period, opens a grouped entry, and exports it as XLSX', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'head');
    await page.locator('article', { has: page.getByRole('heading', { name: DEMO_ORGS.municipality.name }) }).getByTestId('org-history-link').click();
    await page.getByRole('heading', { name: `История изменений: ${DEMO_ORGS.municipality.name}` }).waitFor();

    const filters = page.getByRole('form', { name: 'Фильтры' });
    await filters.getByLabel('Организация').selectOption({ label: DEMO_ORGS.school.name });
    await filters.getByLabel('Доска').selectOption({ label: DEMO_ROADMAP_TITLE });
    await filters.getByLabel('С', { exact: true }).fill(ymd(Date.now() - 30 * DAY));
    await filters.getByLabel('По', { exact: true }).fill(ymd(Date.now() - 15 * DAY));
    await filters.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/from=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('to')).toBe(ymd(Date.now() - 15 * DAY));
    expect(url.searchParams.get('org')).toBeTruthy();

    // Three weeks ago the board was created; twenty days ago the member edited the statute three times in three minutes: one entry.
    const group = entries(page).locator('li.history-group', { hasText: 'О. П. Смирнова изменила' });
    await expect.poll(() => group.count()).toBe(1);
    await expect.poll(() => entries(page).locator('> li').count()).toBe(2); // the group and the board's creation; nothing newer than the period
    const summary = group.locator('summary');
    expect(await summary.textContent()).toMatch(/3 изменения/);
    await summary.focus();
    await page.keyboard.press('Enter'); // opens from the keyboard
    const inside = group.locator('.history-entry');
    await expect.poll(() => inside.count()).toBe(3);
    expect(await group.textContent()).toContain('до 01.09.2026');
    expect(await group.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('и утверждение')]));
    expect.soft(await axeViolations(page), 'the history with a group open').toEqual([]);

    // The export is exactly the filtered view.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Дата и время', 'Кто', 'Организация', 'Доска', 'Карточка', 'Событие', 'Было', 'Стало']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(4); // three edits and the board's creation
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set([DEMO_ORGS.school.name]));
    expect(rows.map((r) => r[5]).join('\n')).toContain('О. П. Смирнова изменила срок');
  });

  it('the head answers who changed the consents’ deadline and when, and sees the roadmap as it was a week ago', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'head');
    // Who changed the deadline: the card's history, from the board.
    await page.getByRole('link', { name: DEMO_ROADMAP_TITLE }).first().click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    boardUrl = page.url();

    // As of a week ago, from the board's «История» control.
    const weekAgo = toLocalMoment(new Date(Date.now() - 7 * DAY));
    await page.getByTestId('as-of-picker').getByLabel('История: доска на').fill(weekAgo);
    await page.getByTestId('as-of-picker').getByRole('button', { name: 'Показать' }).click();
    await page.getByTestId('as-of-board').waitFor();
    expect(await page.getByRole('status').first().textContent()).toMatch(/Так доска выглядела/);
    const consents = page.locator('.as-of-card', { hasText: CONSENTS });
    expect(await consents.getAttribute('data-change')).toBe('changed');
    expect(await consents.textContent()).toContain('изменено: срок');
    consentsCardId = (await consents.getAttribute('data-card'))!;
    expect(await page.locator('.as-of-added').textContent()).toContain('Методическое сопровождение наставников');
    expect(await page.getByTestId('as-of-board').textContent()).toContain('теперь «Формирование наставнических пар/групп»');
    expect.soft(await axeViolations(page), 'the board as of a week ago').toEqual([]);

    // A step to the next event: the renamed stage five days ago.
    await page.getByTestId('as-of-next').click();
    await page.waitForURL(/at=/);
    await expect.poll(async () => page.getByTestId('as-of-board').textContent()).not.toContain('теперь «Формирование наставнических пар/групп»');

    // And who changed the deadline: the card's history says it, with the old and the new value.
    await page.goto(`${boardUrl}/history?card=${consentsCardId}`);
    await page.getByTestId('org-history').waitFor();
    const change = entries(page).locator('.history-entry', { hasText: 'изменила срок' });
    expect(await change.first().textContent()).toMatch(/И\. С\. Корнилова изменила срок «Сбор согласий на обработку персональных данных»/);
    expect(await change.first().textContent()).toContain('до 30.09.2026');
    expect(await page.getByRole('button', { name: 'Вернуть прежнее значение' }).count()).toBe(0); // a head reads, never edits
  });

  it('a curator restores the old deadline from the card’s history, and the board has it', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    await page.goto(`${boardUrl}/history?card=${consentsCardId}`); // the school's history, filtered by the card
    await page.getByTestId('org-history').waitFor();
    const change = entries(page).locator('.history-entry', { hasText: 'изменила срок' }).first();
    await change.getByRole('button', { name: 'Вернуть прежнее значение' }).click();
    await expect.poll(() => change.getByRole('status').textContent()).toContain('Восстановлено');
    await page.reload();
    expect(await entries(page).locator('.history-entry').first().textContent()).toMatch(/восстановила/);
    await page.getByRole('link', { name: /доска «Дорожная карта/ }).first().click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await expect.poll(() => page.locator('.card', { hasText: CONSENTS }).first().textContent()).toContain('30.09.2026');
  });
});
