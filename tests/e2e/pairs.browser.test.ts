import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { linkAccount } from '../../db/queries/people';
import { createUser } from '../../db/queries/users';
import { SYSTEM } from '../../db/queries/organisations';
import { people } from '../../db/schema';
import { DEMO_PAIRS_TITLE, DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { docxText } from '../../lib/people/documents/docx-text';
import { addDays, todayIso } from '../../lib/people/rules';
import { ruDate } from '../../lib/people/view';
import { axeViolations } from '../helpers/axe';
import { demoPrincipal } from '../helpers/db';
import { useServerAndBrowser } from '../helpers/e2e';

// The pairs of issue 14 as their three users see them in Chromium, on the demo: the curator
// forms pairs from the suggestions and downloads the order; the demo mentor drags its pair
// from «Встреча-знакомство» to «Пробная рабочая встреча» and records the meeting; the demo
// mentee sees it in «Моя пара» and rates it; another mentor cannot move that pair; the same
// mentor flow on a 360 × 740 touch screen. The tests run in order on one server.

const MENTOR = DEMO_PEOPLE_NAMES.mentor; // «Пара № 1» with the demo mentee, its intro meeting held
const MENTEE = DEMO_PEOPLE_NAMES.mentee;
const WAITING = 'Дарья Сергеевна Ершова'; // waiting for a pair: the suggestions offer her
const SECOND = { name: 'Сергей Павлович Волков', email: 'volkov@school.test', password: 'volkov-pass-2026' }; // mentors «Пара № 2»
const SUMMARY = 'Посетила два урока наставника, разобрали приёмы удержания внимания.';

/** Before the server starts: the second demo mentor gets an account of its own. */
async function secondMentorAccount(db: Db) {
  const curator = await demoPrincipal(db, 'curator');
  const orgId = curator.memberships[0].orgId;
  await createUser(db, SYSTEM, { email: SECOND.email, name: SECOND.name, password: SECOND.password }, { orgId, role: 'mentor' });
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.fullName, SECOND.name));
  await linkAccount(db, curator, person.id, { email: SECOND.email });
}

describe('pairs: the curator, the mentor and the mentee in Chromium', () => {
  const env = useServerAndBrowser(secondMentorAccount);
  const today = todayIso();
  let boardUrl = '';

  async function signedIn(browser: Browser, email: string, password: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 }, ...options });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${env.srv.url}/signin`);
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  const demo = (role: string, options?: BrowserContextOptions) => signedIn(env.browser, `${role}@demo.tropa`, 'tropa-demo', options);

  async function openBoard(page: Page) {
    if (boardUrl) await page.goto(boardUrl);
    else await page.getByRole('link', { name: DEMO_PAIRS_TITLE }).first().click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    boardUrl = page.url();
  }
  const column = (page: Page, stage: string) => page.locator(`section.pairs-column[data-column-id="${stage}"]`);
  /** A pair's card by its title, on the board or in one stage's column. */
  const card = (page: Page, title: string, stage?: string) =>
    (stage ? column(page, stage) : page).locator('.pair-card', { has: page.locator('.pair-open', { hasText: new RegExp(`^${title}$`) }) });
  const stageOf = (page: Page, title: string) => card(page, title).getAttribute('data-stage');

  /** Two animation frames: what React and dnd-kit do after an event has been drawn. */
  const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

  /** Drags a card with the mouse onto a column's list of cards (dnd-kit's mouse sensor). */
  async function drag(page: Page, from: Locator, to: Locator) {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height - 8);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height - 2, { steps: 4 });
    await page.mouse.move(b.x + 40, b.y + Math.min(b.height - 10, 60), { steps: 12 }); // its left edge: a stage at the right may stand half off the screen
    await page.mouse.up();
  }

  it('a curator forms pairs from the suggestions, sees them on the board and downloads the order', async () => {
    const curator = await demo('curator');
    await curator.getByTestId('pairs-link').first().click();
    await curator.getByTestId('pairs-page').waitFor();
    expect(await curator.getByRole('heading', { level: 1 }).textContent()).toContain('Пары и группы');

    const suggestions = curator.getByTestId('suggestions');
    await suggestions.getByRole('button', { name: 'Подобрать пары' }).click();
    const offered = suggestions.getByTestId('suggestion').filter({ hasText: WAITING });
    await offered.waitFor();
    const head = (await offered.locator('.suggestion-head strong').textContent())!;
    const [mentorName, menteeName] = head.split(' → ');
    expect(menteeName).toBe(WAITING);
    expect(mentorName).not.toBe('ФИО скрыто');
    const reasons = await offered.getByRole('list', { name: `Почему: ${head}` }).getByRole('listitem').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join(' ')).toMatch(/[а-я]/); // in words, in Russian

    await offered.getByRole('button', { name: `Принять: ${head}` }).click();
    await expect.poll(() => suggestions.getByTestId('accept-result').textContent()).toBe('Сформировано пар: 1.');
    expect(await suggestions.getByTestId('suggestion').filter({ hasText: WAITING }).count()).toBe(0);
    // The rest, all at once (the demo offers at least one more: «Ксения Андреевна Павлова»).
    const rest = await suggestions.getByTestId('suggestion').count();
    expect(rest).toBeGreaterThan(0);
    await suggestions.getByTestId('accept-all').click();
    await expect.poll(() => suggestions.getByTestId('accept-result').textContent()).toMatch(/^Сформировано пар: [1-9]\d*\.$/);

    // The new pair is in the list, at the first stage (the demo's past rounds hold completed pairs of the same people).
    const row = curator.getByTestId('pairs-table').locator('tbody tr', { hasText: WAITING }).filter({ hasText: 'Встреча-знакомство' });
    await row.waitFor();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells.slice(1, 5)).toEqual([mentorName, WAITING, 'учитель – учитель', 'Встреча-знакомство']);
    const title = cells[0];
    expect(title).toMatch(/^Пара № \d+$/);

    // The order: number and date kept on the pairs, the DOCX downloads and names the pair's mentor.
    const order = curator.getByTestId('order-form');
    await order.getByLabel('Номер приказа').fill('17-о');
    expect(await order.getByLabel('Дата приказа').inputValue()).toBe(today);
    expect(await order.getByRole('checkbox', { name: new RegExp(`^${title}: `) }).isChecked()).toBe(true);
    const [download] = await Promise.all([curator.waitForEvent('download'), order.getByRole('button', { name: 'Сохранить и скачать приказ (DOCX)' }).click()]);
    expect(download.suggestedFilename()).toBe('Приказ о закреплении наставнических пар № 17-о.docx');
    const text = docxText(new Uint8Array(await readFile((await download.path())!)));
    expect(text).toContain('О закреплении наставнических пар (групп)');
    expect(text).toMatch(new RegExp(`^от ${ruDate(today).replace(/\./g, '\\.')}\\s+№ 17-о$`, 'm'));
    // The new pair's row: its mentor, then the mentee.
    const lines = text.split('\n');
    const at = lines.findIndex((l, i) => l.startsWith(`${mentorName},`) && lines[i + 1]?.startsWith(`${WAITING},`));
    expect(at, text).toBeGreaterThan(0);
    await expect.poll(() => order.getByTestId('order-saved').textContent()).toContain('Номер и дата приказа сохранены');
    await expect.poll(() => row.locator('td').last().textContent()).toBe(`№ 17-о от ${ruDate(today)}`);

    // On the pairs board, in «Встреча-знакомство», with its names.
    await curator.getByRole('link', { name: DEMO_PAIRS_TITLE }).click();
    await curator.locator('[data-testid="connection"][data-state="online"]').waitFor();
    boardUrl = curator.url();
    const onBoard = card(curator, title, 'intro');
    await expect.poll(() => onBoard.getByTestId('pair-names').textContent()).toBe(`наставник → наставляемые: ${mentorName} → ${WAITING}`);
    await curator.context().close();
  });

  it('the demo mentor drags its pair to «Пробная рабочая встреча» and records the meeting; Cancel leaves it', async () => {
    const mentor = await demo('mentor');
    await openBoard(mentor);
    const pair = card(mentor, 'Пара № 1');
    expect(await pair.getByTestId('pair-names').textContent()).toContain(MENTEE);
    expect(await stageOf(mentor, 'Пара № 1')).toBe('intro');
    expect(await pair.getByTestId('pair-meetings').textContent()).toMatch(/^встреч: 1,/);

    await drag(mentor, pair, column(mentor, 'trial').locator('.column-cards'));
    const dialog = mentor.getByTestId('meeting-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { name: 'Запись о встрече' }).count()).toBe(1);
    expect(await dialog.locator('.dialog-sub').textContent()).toBe('Пара № 1: пробная рабочая встреча');
    expect(await dialog.getByLabel('Дата встречи').inputValue()).toBe(today);

    // A date in the future is refused, in Russian, inside the dialog; nothing moves.
    await dialog.getByLabel('Дата встречи').fill(addDays(today, 1));
    await dialog.getByLabel('Краткое содержание').fill(SUMMARY);
    await dialog.getByLabel('Оценка встречи наставником (1–10)').selectOption('8');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    const refusal = dialog.getByText('Дата встречи не может быть в будущем.');
    await refusal.waitFor();
    expect(await dialog.getByLabel('Дата встречи').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Краткое содержание').inputValue()).toBe(SUMMARY); // what was typed stays
    expect(await stageOf(mentor, 'Пара № 1')).toBe('intro');

    await dialog.getByLabel('Дата встречи').fill(today);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => stageOf(mentor, 'Пара № 1')).toBe('trial');
    await expect.poll(() => card(mentor, 'Пара № 1', 'trial').getByTestId('pair-meetings').textContent()).toBe(`встреч: 2, последняя ${ruDate(today)}`);
    // The keyboard's place follows the pair to its new stage (the server moves it, often before the dialog hears back).
    await expect
      .poll(() => mentor.evaluate(() => document.activeElement?.closest('[data-column-id]')?.getAttribute('data-column-id') ?? null), { timeout: 5_000 })
      .toBe('trial');
    expect(await card(mentor, 'Пара № 1', 'intro').count()).toBe(0);

    // Again, with the keyboard: Space, →, Space opens the dialog; Cancel leaves the card where it is.
    await card(mentor, 'Пара № 1').locator('.pair-open').focus();
    const announced = () => mentor.locator('[id^="DndLiveRegion"]').textContent();
    await mentor.keyboard.press('Space');
    await expect.poll(announced).toBe('Карточка «Пара № 1» над: «Пара № 1», этап «Пробная рабочая встреча».');
    await settled(mentor); // dnd-kit measures the stages once the drag has started
    await mentor.keyboard.press('ArrowRight');
    await expect.poll(announced).toMatch(/над: .*этап «Встреча-планирование»\.$/);
    await mentor.keyboard.press('Space');
    await dialog.waitFor();
    expect(await dialog.locator('.dialog-sub').textContent()).toBe('Пара № 1: встреча-планирование');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await stageOf(mentor, 'Пара № 1')).toBe('trial');
    await mentor.reload();
    await mentor.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await expect.poll(() => card(mentor, 'Пара № 1', 'trial').getByTestId('pair-meetings').textContent()).toBe(`встреч: 2, последняя ${ruDate(today)}`);
    await mentor.context().close();
  });

  it('the demo mentee sees the meeting in «Моя пара», rates it, and the rating stays', async () => {
    const mentee = await demo('mentee');
    await mentee.getByTestId('my-pair-link').first().click();
    const mine = mentee.getByTestId('my-pair-mentee');
    await mine.waitFor();
    expect(await mine.getByRole('heading', { level: 2 }).textContent()).toBe('Пара № 1 · Пробная рабочая встреча');
    expect(await mine.getByTestId('my-mentor').textContent()).toContain(MENTOR);
    const meeting = mine.locator('li.meeting', { hasText: SUMMARY });
    expect(await meeting.locator('.meeting-head').textContent()).toBe(`${ruDate(today)} · пробная рабочая встреча · очно`);

    const form = meeting.getByTestId('rate-form');
    await form.getByRole('button', { name: 'Отправить' }).click(); // no rating yet: refused, in Russian
    await form.getByText('Оценка — целое число от 1 до 10.').waitFor();
    await form.getByRole('radio', { name: '9', exact: true }).check();
    await form.getByLabel('Комментарий (по желанию)').fill('Очень полезно, спасибо!');
    await form.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(() => meeting.locator('.rated').textContent()).toContain('Ваша оценка: 9 — «Очень полезно, спасибо!»');

    await mentee.reload();
    await mine.waitFor();
    await expect.poll(() => mentee.locator('li.meeting', { hasText: SUMMARY }).locator('.rated').textContent()).toContain('Ваша оценка: 9 — «Очень полезно, спасибо!»');
    await mentee.context().close();
  });

  it('another mentor cannot move the pair; its own pair it can', async () => {
    const other = await signedIn(env.browser, SECOND.email, SECOND.password);
    await openBoard(other);
    const foreign = card(other, 'Пара № 1');
    await foreign.waitFor();
    const own = card(other, 'Пара № 2');
    // Its own pair: names, movable, «Перенести в…».
    await expect.poll(() => own.getByTestId('pair-names').textContent()).toContain(SECOND.name);
    expect(await own.getAttribute('class')).toContain('movable');
    expect(await own.getByTestId('move-menu').count()).toBe(1);
    // The other pair: no names, not draggable, no menu.
    expect(await foreign.getByTestId('pair-names').count()).toBe(0);
    expect(await foreign.getAttribute('class')).not.toContain('movable');
    expect(await foreign.getByTestId('move-menu').count()).toBe(0);
    expect(await foreign.locator('.pair-open').getAttribute('aria-roledescription')).toBeNull();
    await drag(other, foreign, column(other, 'planning').locator('.column-cards'));
    await other.waitForTimeout(300);
    expect(await other.getByTestId('meeting-dialog').count()).toBe(0);
    expect(await stageOf(other, 'Пара № 1')).toBe('trial');
    // Nor through the API the dialog would call.
    const pairId = await foreign.getAttribute('data-card-id');
    const res = await other.request.post(`${env.srv.url}/api/pairs/${pairId}/meetings`, { data: { kind: 'planning', heldOn: today, format: 'in_person', summary: null, nextSteps: null, rating: 5, goals: [{ text: 'цель' }] } });
    expect([403, 404]).toContain(res.status());

    // Its own pair's card drags: dropped on «Итоговая встреча», it asks for that meeting.
    await drag(other, own, column(other, 'final').locator('.column-cards'));
    const dialog = other.getByTestId('meeting-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('.dialog-sub').textContent()).toBe('Пара № 2: итоговая встреча');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await stageOf(other, 'Пара № 2')).toBe('regular');
    await other.context().close();
  });

  it('the same mentor flow at 360 × 740 with touch: one stage at a time, «Перенести в…», the dialog fits', async () => {
    const phone = await demo('mentor', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await openBoard(phone);
    const tabs = phone.getByTestId('stage-switcher');
    await tabs.waitFor();
    const tab = (name: string) => tabs.getByRole('tab', { name: new RegExp(`^${name} \\(`) });
    const shown = () => phone.locator('section.pairs-column').evaluateAll((list) => list.map((s) => s.getAttribute('data-column-id')));
    expect(await shown()).toEqual(['intro']);
    expect(await tab('Знакомство').getAttribute('aria-selected')).toBe('true');
    expect([await tab('Пробная').textContent(), await tab('Планирование').textContent()]).toEqual(['Пробная (2)', 'Планирование (1)']);
    await tab('Пробная').tap();
    await expect.poll(shown).toEqual(['trial']);
    const pair = card(phone, 'Пара № 1');
    await pair.getByTestId('move-menu').tap();
    await phone.getByTestId('move-menu-dialog').getByRole('button', { name: 'Встреча-планирование' }).tap();
    const dialog = phone.getByTestId('meeting-dialog');
    await dialog.waitFor();
    const save = dialog.getByRole('button', { name: 'Сохранить' });
    const box = (await save.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    const dialogBox = (await dialog.boundingBox())!;
    expect(dialogBox.width).toBeLessThanOrEqual(360);
    expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true); // nothing sticks out sideways
    expect(await axeViolations(phone)).toEqual([]); // the phone's stage tabs and the dialog over them
    await dialog.getByRole('textbox', { name: 'Цель 1' }).fill('Провести открытый урок');
    await dialog.getByLabel('Краткое содержание').fill('Составили план на полугодие.');
    await dialog.getByLabel('Оценка встречи наставником (1–10)').selectOption('9');
    await save.tap();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => card(phone, 'Пара № 1').count()).toBe(0); // gone from «Пробная», still on the screen
    expect([await tab('Пробная').textContent(), await tab('Планирование').textContent()]).toEqual(['Пробная (1)', 'Планирование (2)']);
    await tab('Планирование').tap();
    await expect.poll(shown).toEqual(['planning']);
    await expect.poll(() => card(phone, 'Пара № 1', 'planning').getByTestId('pair-meetings').textContent()).toBe(`встреч: 3, последняя ${ruDate(today)}`);
    await phone.context().close();
  });
});
