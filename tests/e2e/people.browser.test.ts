import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../lib/demo/content';
import { bankXlsx } from '../../lib/people/bank-file';
import { FIXTURES_DIR } from '../fixtures/paths';
import { axeViolations } from '../helpers/axe';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

// The banks of mentors and mentees as a school's curator keeps them (issue 13): a minor is
// approved only with a guardian's consent; a withdrawn person is erased to «Участник №N»;
// a mentee cannot open a bank and a municipality's head sees counts, never names.
describe('the banks of mentors and mentees in Chromium', () => {
  const env = useServerAndBrowser();
  let curator: Page;
  let bankUrl = ''; // the school's mentee bank
  let personUrl = '';
  const MINOR = 'Соколова Алиса Игоревна';
  const ADULT = 'Журавлёв Пётр Андреевич';

  const isoYearsAgo = (years: number) => {
    const d = new Date();
    d.setFullYear(d.getFullYear() - years);
    d.setDate(d.getDate() - 10); // well inside the 12th year whatever the time zone
    return d.toISOString().slice(0, 10);
  };
  const alertText = (page: Page, scope: string) => page.getByTestId(scope).getByRole('alert').textContent();

  async function addPerson(page: Page, fields: { name: string; birthDate: string; category?: string; consentSelf?: boolean }) {
    await page.locator('details.add-person > summary').click();
    const form = page.getByTestId('add-person');
    await form.getByLabel('ФИО', { exact: true }).fill(fields.name);
    await form.getByLabel('Дата рождения').fill(fields.birthDate);
    if (fields.category) await form.getByLabel('Категория').selectOption(fields.category);
    if (fields.consentSelf) {
      await form.getByLabel('Согласие на обработку персональных данных уже подписано').check();
      await form.getByLabel('сам участник').check();
      await form.getByLabel('№ документа').fill('С-17');
    }
    await form.getByRole('button', { name: 'Добавить в банк' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  }

  it('a curator adds a minor, cannot approve without a guardian’s consent, records it and approves', async () => {
    curator = await signedInPage(env.browser, env.srv.url, 'curator');
    await curator.getByRole('link', { name: 'Банк наставляемых' }).first().click();
    await curator.getByTestId('bank-page').waitFor();
    bankUrl = curator.url();
    await addPerson(curator, { name: MINOR, birthDate: isoYearsAgo(12) });
    personUrl = curator.url();
    expect(await curator.getByTestId('person-title').textContent()).toBe(MINOR);
    expect(await curator.getByTestId('person-consent').textContent()).toContain('нет согласия');

    // No consent: approval is refused with the reason.
    await curator.getByTestId('status-mentee').getByRole('button', { name: 'Утвердить в банке' }).click();
    await expect.poll(() => alertText(curator, 'status-mentee')).toBe(
      'Нельзя утвердить участника в банке без действующего согласия на обработку персональных данных.',
    );

    // A minor's own signature is refused: a guardian signs.
    await curator.locator('[data-testid="record-consent"] > summary').click();
    const consent = curator.getByTestId('consent-form');
    expect(await consent.getByLabel('родитель (законный представитель)').isChecked()).toBe(true); // the default for a minor
    await consent.getByLabel('сам участник').check();
    await consent.getByRole('button', { name: 'Записать согласие' }).click();
    await expect.poll(() => alertText(curator, 'consent-form')).toBe('Участнику нет 18 лет: согласие подписывает родитель или законный представитель.');
    expect(await consent.getByRole('radiogroup').getAttribute('aria-invalid')).toBe('true');

    await consent.getByLabel('родитель (законный представитель)').check();
    await consent.getByLabel('ФИО подписавшего').fill('Соколова Мария Петровна');
    await consent.getByLabel('Степень родства').fill('мать');
    await consent.getByLabel('№ документа').fill('С-12');
    await consent.getByRole('button', { name: 'Записать согласие' }).click();
    await expect.poll(() => curator.getByTestId('consents-table').textContent()).toContain('Соколова Мария Петровна (мать)');
    expect(await curator.getByTestId('person-consent').textContent()).toContain('действует');

    await curator.getByTestId('status-mentee').getByRole('button', { name: 'Утвердить в банке' }).click();
    await expect.poll(() => curator.getByTestId('entry-mentee').getByTestId('entry-status').textContent()).toBe('утверждён');

    // The bank shows the person approved, with a valid consent and the minor's badge.
    await curator.goto(bankUrl);
    await curator.getByLabel('Поиск по ФИО').fill('соколова алиса');
    await curator.getByRole('button', { name: 'Показать' }).click();
    await curator.waitForURL(/q=/);
    const row = curator.getByTestId('bank-table').locator('tbody tr', { hasText: MINOR });
    expect(await row.getByTestId('status-badge').textContent()).toBe('утверждён');
    expect(await row.getByTestId('consent-badge').textContent()).toBe('действует');
    expect(await row.textContent()).toContain('несовершеннолетний');
    expect(await curator.getByTestId('bank-total').textContent()).toBe('Всего: 1');
  });

  it('the curator withdraws a consent and erases the person, who becomes «Участник №N»', async () => {
    await curator.goto(bankUrl.replace('bank=mentee', 'bank=mentor'));
    await addPerson(curator, { name: ADULT, birthDate: isoYearsAgo(30), category: 'teacher', consentSelf: true });
    expect(await curator.getByTestId('person-consent').textContent()).toContain('действует');
    await curator.getByRole('button', { name: /^Отозвать согласие «обработка ПДн»/ }).click();
    await expect.poll(() => curator.getByTestId('processing-stopped').textContent()).toMatch(
      /^Обработка прекращена\. Персональные данные будут уничтожены не позднее \d\d\.\d\d\.\d{4}$/,
    );

    await curator.getByRole('button', { name: 'Уничтожить персональные данные' }).click();
    const dialog = curator.locator('dialog[open]');
    expect(await dialog.textContent()).toContain('нельзя отменить');
    await dialog.getByRole('button', { name: 'Уничтожить безвозвратно' }).click();
    await expect.poll(() => curator.getByTestId('person-title').textContent()).toMatch(/^Участник №\d+ — данные уничтожены$/);
    expect(await curator.getByRole('link', { name: 'Акт об уничтожении (DOCX)' }).getAttribute('href')).toMatch(/\/documents\/erasure-act$/);
    expect(await curator.locator('main').textContent()).not.toContain('Журавлёв');
  });

  it('the curator loads a list from Excel: a file with errors saves nothing, a clean one adds everyone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tropa-bank-'));
    const clean = path.join(dir, 'наставники.xlsx');
    const rows = ['Лебедев Олег Викторович', 'Морозова Анна Павловна'].map((fullName, i) => ({
      fullName,
      birthDate: isoYearsAgo(40 + i),
      minor: false,
      category: 'teacher' as const,
      positionOrClass: 'учитель',
      experienceYears: 15,
      youngSpecialist: false,
      contacts: { email: null, phone: null },
      forms: ['учитель – учитель'],
      tags: ['методика'],
      requestText: null,
      capacity: 2,
      status: 'approved' as const,
      consent: { valid: true, signer: 'self' as const, signerName: fullName, guardianRelation: null, signedOn: isoYearsAgo(0), withdrawnOn: null, documentRef: `С-${i}` },
    }));
    writeFileSync(clean, await bankXlsx(rows, { bank: 'mentor', orgName: DEMO_ORGS.school.name, filterSummary: '', generatedAt: new Date() }));

    await curator.goto(bankUrl.replace('bank=mentee', 'bank=mentor'));
    await curator.getByRole('link', { name: 'Загрузить из Excel' }).click();
    await curator.getByRole('radio', { name: 'Банк наставников' }).check();
    // The real-shaped sample has broken rows: they are named and nothing can be saved.
    await curator.getByLabel('Файл со списком (.xlsx или .csv)').setInputFiles(path.join(FIXTURES_DIR, 'banks', 'mentees-school.xlsx'));
    await curator.getByRole('button', { name: 'Проверить' }).click();
    await curator.getByRole('heading', { name: 'Ошибки по строкам' }).waitFor();
    expect(await curator.locator('.bank-import').getByRole('alert').first().textContent()).toContain('ничего не сохранено');
    expect(await curator.getByRole('button', { name: /^Загрузить \d+ участников$/ }).count()).toBe(0);
    expect(await axeViolations(curator)).toEqual([]);

    await curator.getByLabel('Файл со списком (.xlsx или .csv)').setInputFiles(clean);
    await curator.getByRole('button', { name: 'Проверить' }).click();
    await curator.getByRole('button', { name: 'Загрузить 2 участников' }).click();
    await curator.locator('.bank-import').getByText('Загружено участников: 2.').waitFor();
    await curator.getByRole('link', { name: 'Открыть банк' }).click();
    await curator.getByTestId('bank-page').waitFor();
    const text = await curator.locator('main').textContent();
    expect(text).toContain('Лебедев Олег Викторович');
    expect(text).toContain('Морозова Анна Павловна');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a mentee cannot open the bank; the municipality’s head sees counts but no names', async () => {
    const mentee = await signedInPage(env.browser, env.srv.url, 'mentee');
    expect(await mentee.getByRole('link', { name: /Банк наставля/ }).count()).toBe(0);
    for (const url of [bankUrl, personUrl]) {
      await mentee.goto(url);
      expect(await mentee.getByRole('heading', { level: 1 }).textContent()).toBe('Страница не найдена');
      expect(await mentee.locator('main').textContent()).not.toContain('Соколова');
    }
    await mentee.context().close();

    const head = await signedInPage(env.browser, env.srv.url, 'head');
    const schoolOnHome = head.locator('article.org', { has: head.getByRole('heading', { name: DEMO_ORGS.school.name }) });
    expect(await schoolOnHome.getByRole('link', { name: 'Участники (сводно)' }).count()).toBe(1);
    expect(await schoolOnHome.getByRole('link', { name: /Банк наставни|Банк наставляемых/ }).count()).toBe(0);
    await head.goto(bankUrl);
    await head.getByTestId('people-forbidden').waitFor();
    await head.goto(personUrl);
    expect(await head.locator('main').textContent()).not.toContain('Соколова');
    await head.goto(`${env.srv.url}/`);
    await head.getByRole('link', { name: 'Участники (сводно)' }).first().click();
    const table = head.getByTestId('counts-table');
    await table.waitFor();
    const text = (await head.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Соколова|Журавлёв|Участник №/);
    // The school's row counts at least the two people added above (the demo may hold more).
    const school = table.locator('tbody tr', { has: head.getByRole('rowheader', { name: DEMO_ORGS.school.name }) });
    const [mentors, mentees, approved, , consented, minors] = (await school.locator('td').allTextContents()).map(Number);
    expect({ mentors, mentees, approved, consented, minors }).toEqual({
      mentors: expect.any(Number),
      mentees: expect.any(Number),
      approved: expect.any(Number),
      consented: expect.any(Number),
      minors: expect.any(Number),
    });
    expect(Math.min(mentors, mentees, approved, consented, minors)).toBeGreaterThanOrEqual(1);
    await head.context().close();
  });

  it('the bank, the person page and the counts page pass axe-core’s WCAG 2 A/AA rules', async () => {
    await curator.goto(bankUrl);
    await curator.locator('details.add-person > summary').click(); // the form's fields are checked too
    expect(await axeViolations(curator)).toEqual([]);
    await curator.goto(personUrl);
    await curator.locator('[data-testid="record-consent"] > summary').click();
    expect(await axeViolations(curator)).toEqual([]);
    await curator.goto(bankUrl.replace(/people\?.*$/, 'people/counts'));
    await curator.getByTestId('counts-table').waitFor();
    expect(await axeViolations(curator)).toEqual([]);
    await curator.context().close();
  });
});
