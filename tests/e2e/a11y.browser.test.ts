import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../lib/demo/content';
import { LOCALE_COOKIE } from '../../lib/i18n/messages';
import { axeViolations } from '../helpers/axe';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';
import { FIXTURES_DIR } from '../fixtures/paths';

const BANK_XLSX = path.join(FIXTURES_DIR, 'banks', 'mentees-school.xlsx');

// Every page of the app (app/**/page.tsx) passes axe-core's WCAG 2 A and AA rules, as a role
// that can see it, in Russian (and the home page in English too), once it has rendered.
describe('every page passes axe-core’s WCAG 2 A/AA rules in Chromium', () => {
  const env = useServerAndBrowser(); // the demo's pairs board has pairs in every stage (lib/demo/pairs.ts)

  type Org = { id: string; name: string; kind: string; parentId: string | null };
  type Board = { id: string; title: string; kind: 'roadmap' | 'pairs'; orgId: string };
  const api = async <T,>(page: Page, url: string): Promise<T> => {
    const res = await page.request.get(`${env.srv.url}${url}`);
    expect(res.status(), url).toBe(200);
    return (await res.json()) as T;
  };
  const ready = (page: Page, what: string) => page.locator(what).first().waitFor();
  /** Checks the page as it is, with every <details> (the forms folded away) opened first. */
  async function checkHere(page: Page, label: string) {
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect.soft(await axeViolations(page), label).toEqual([]); // soft: one run lists every page's violations
  }
  /** Visits a page, waits for `selector`, then checks it. */
  async function check(page: Page, url: string, selector: string, label = url) {
    await page.goto(`${env.srv.url}${url}`);
    await ready(page, selector);
    await checkHere(page, label);
  }
  const NOT_FOUND = 'h1:has-text("Страница не найдена")';
  const LIVE = '[data-testid="connection"][data-state="online"]';

  it('the sign-in page and the not-found page, signed out, in Russian and English', async () => {
    const context = await env.browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await check(page, '/signin', 'form button[type=submit]');
    await page.getByLabel('Электронная почта').fill('curator@demo.tropa');
    await page.getByLabel('Пароль').fill('wrong-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('signin-error').waitFor();
    await checkHere(page, '/signin, a refused sign-in');
    await check(page, '/no-such-page', NOT_FOUND, 'not found (signed out)');
    const host = new URL(env.srv.url).hostname;
    await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', domain: host, path: '/' }]);
    await check(page, '/signin', 'form button[type=submit]', '/signin (en)');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  // A curator's pages, in two runs of about ten pages each (each page gets its own axe pass).
  const curatorPage = async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator', { width: 1600, height: 1000 });
    const boards = await api<Board[]>(page, '/api/boards');
    const orgs = await api<Org[]>(page, '/api/orgs');
    const school = orgs.find((o) => o.name === DEMO_ORGS.school.name)!;
    const roadmap = boards.find((b) => b.kind === 'roadmap' && b.orgId === school.id) ?? boards.find((b) => b.kind === 'roadmap')!;
    const pairs = boards.find((b) => b.kind === 'pairs')!;
    const mentees = await api<{ id: string; erased: boolean }[]>(page, `/api/orgs/${school.id}/people?bank=mentee`);
    const person = mentees.find((p) => !p.erased)!;
    expect({ school: !!school, roadmap: !!roadmap, pairs: !!pairs, person: !!person }).toEqual({ school: true, roadmap: true, pairs: true, person: true });
    return { page, school, roadmap, pairs, person };
  };

  it('a curator’s boards: home, the roadmap and a card, the pairs board and its dialogs, history, the board as of a date', async () => {
    const { page, school, roadmap, pairs } = await curatorPage();

    await check(page, '/', '[data-testid="current-user"]', 'home (curator)');
    await check(page, `/boards/${roadmap.id}`, LIVE, 'roadmap board');
    await page.locator('.board-card', { hasText: 'Сбор согласий' }).click(); // a card with a checklist
    await page.locator('dialog[open]').waitFor();
    await checkHere(page, 'roadmap board, a card open');
    await check(page, `/boards/${pairs.id}`, LIVE, 'pairs board');
    await page.locator('.board-card').first().click();
    await page.locator('dialog[open]').waitFor();
    await checkHere(page, 'pairs board, a card open');
    await page.keyboard.press('Escape');
    await page.locator('.pair-card', { hasText: 'Пара № 1' }).getByTestId('move-menu').click();
    await page.getByTestId('move-menu-dialog').waitFor();
    await checkHere(page, 'pairs board, «Перенести в…»');
    await page.getByTestId('move-menu-dialog').getByRole('button', { name: 'Пробная рабочая встреча' }).click();
    const meeting = page.getByTestId('meeting-dialog');
    await meeting.waitFor();
    await checkHere(page, 'pairs board, the meeting dialog');
    await meeting.getByLabel('Дата встречи').fill('2999-01-01'); // refused: the dialog shows its errors
    await meeting.getByRole('button', { name: 'Сохранить' }).click();
    await meeting.getByText('Дата встречи не может быть в будущем.').waitFor();
    await checkHere(page, 'pairs board, the meeting dialog with an error');
    await meeting.getByRole('button', { name: 'Отмена' }).click();
    await check(page, `/boards/${roadmap.id}/history`, '[data-testid="history"] li', 'board history (the school’s history filtered by the board)');
    await check(page, `/orgs/${school.id}/history`, '[data-testid="chains"] li', 'the school’s history, with restore controls');
    await check(page, `/boards/${roadmap.id}/as-of`, '[data-testid="as-of-board"]', 'the roadmap as of a week ago');
    await page.context().close();
  }, 90_000);

  it('a curator’s other pages: imports, banks, a person, pairs, the report, account, not found', async () => {
    const { page, school, person } = await curatorPage();
    await check(page, '/import', 'textarea[name=text]', 'roadmap import');
    await page.locator('textarea[name=text]').fill(
      ['Мероприятие\tСроки\tОтветственные', 'Разработка положения о наставничестве\tдо 15.10.2026\tКуратор', 'Обучение наставников\tноябрь 2026\tМетодист'].join('\n'),
    );
    await page.getByRole('button', { name: 'Разобрать вставленный текст' }).click();
    await page.getByRole('heading', { name: 'Проверьте, что найдено' }).waitFor();
    await checkHere(page, 'roadmap import, the preview');

    await check(page, `/orgs/${school.id}/people?bank=mentor`, '[data-testid="bank-page"]', 'mentor bank');
    await check(page, `/orgs/${school.id}/people?bank=mentee`, '[data-testid="bank-page"]', 'mentee bank');
    await check(page, `/orgs/${school.id}/people/import`, 'input[type=file]', 'bank import');
    await page.locator('input[type=file]').setInputFiles(BANK_XLSX);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.locator('.bank-import-preview').waitFor();
    await checkHere(page, 'bank import, the preview');
    await check(page, `/people/${person.id}`, '[data-testid="person-title"]', 'a person');
    await check(page, `/orgs/${school.id}/pairs`, '[data-testid="pairs-table"]', 'pairs and groups');
    await page.getByRole('button', { name: 'Подобрать пары' }).click();
    await page.getByTestId('suggestion').first().waitFor();
    await checkHere(page, 'pairs and groups, the suggestions');
    const pairList = await api<{ id: string; mentees: unknown[]; stage: string; status: string }[]>(page, `/api/orgs/${school.id}/pairs`);
    const group = pairList.find((p) => p.mentees.length > 1 && p.status === 'active')!; // at its final meeting: goals marked, ratings, surveys
    await check(page, `/pairs/${group.id}`, '[data-testid="pair-page"]', 'a group');
    const regular = pairList.find((p) => p.stage === 'regular' && p.status === 'active')!;
    await check(page, `/pairs/${regular.id}`, '[data-testid="pair-page"]', 'a pair');
    await page.getByTestId('record-meeting').click();
    await page.getByTestId('meeting-dialog').waitFor();
    await checkHere(page, 'a pair, the meeting dialog');
    await check(page, `/orgs/${school.id}/reports`, '[data-testid="report-page"]', 'the school’s monitoring report, with the curator’s forms');
    await check(page, '/account', '[data-testid="account-page"]', 'account');
    await check(page, '/boards/no-such-board', NOT_FOUND, 'not found (signed in)');
    await page.context().close();
  }, 90_000);

  it('the home page in English', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'en', domain: new URL(env.srv.url).hostname, path: '/' }]);
    await check(page, '/', '[data-testid="current-user"]', 'home (en)');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });

  it('a head’s home, counts and report, «Моя пара» of a mentee and a mentor, and the admin page', async () => {
    const head = await signedInPage(env.browser, env.srv.url, 'head');
    const municipality = (await api<Org[]>(head, '/api/orgs')).find((o) => o.name === DEMO_ORGS.municipality.name)!;
    await check(head, '/', '[data-testid="current-user"]', 'home (head)');
    await check(head, `/orgs/${municipality.id}/people/counts`, '[data-testid="counts-table"]', 'counts (head)');
    await check(head, `/orgs/${municipality.id}/history`, '[data-testid="chains"] li', 'the municipality’s history (head)');
    await check(head, `/orgs/${municipality.id}/reports`, '[data-testid="report-page"]', 'the municipality’s report with its roll-up (head)');
    if (await head.getByTestId('sign-report').count()) {
      await head.getByTestId('sign-report').click();
      await head.getByTestId('sign-dialog').waitFor();
      await checkHere(head, 'the municipality’s report, «Подписать отчёт?»');
      await head.getByTestId('sign-dialog').getByRole('button', { name: 'Отмена' }).click();
    }
    await head.context().close();

    const mentee = await signedInPage(env.browser, env.srv.url, 'mentee');
    await check(mentee, '/my-pair', '[data-testid="rate-form"]', '«Моя пара» (mentee)');
    await mentee.context().close();
    const mentor = await signedInPage(env.browser, env.srv.url, 'mentor');
    await check(mentor, '/my-pair', '[data-testid="my-pairs-mentor"]', '«Моя пара» (mentor)');
    await mentor.context().close();

    const admin = await signedInPage(env.browser, env.srv.url, 'admin');
    await check(admin, '/admin', '[data-testid="admin-page"]', 'admin');
    await admin.context().close();
   }, 90_000);
});
