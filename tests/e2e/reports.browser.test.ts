import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../lib/demo/content';
import { axeViolations } from '../helpers/axe';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';

// Issue 16 from the UI, on the demo (two past rounds with figures, one signed: lib/demo/reports.ts):
// a school's curator enters the round's contingent, sees the coverage figures and the charts,
// and downloads the «Аналитическая справка»; the municipality's head sees every school in the
// roll-up and signs the municipality's round off. The tests run in order on one server.
const PK = [0x50, 0x4b, 0x03, 0x04]; // a DOCX is a zip

describe('monitoring reports in Chromium', () => {
  const env = useServerAndBrowser();

  /** From the home page, the reports of the organisation named `name`. */
  async function openReports(page: Page, name: string) {
    await page.locator('article', { has: page.getByRole('heading', { name }) }).getByTestId('org-reports-link').click();
    await page.getByRole('heading', { name: `Мониторинг: ${name}` }).waitFor();
    await page.getByTestId('report-page').waitFor();
  }
  const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"]`);

  it('a school’s curator enters the contingent, sees the coverage and the charts, and downloads the справка', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    await openReports(page, DEMO_ORGS.school.name);
    expect(await page.getByTestId('report-signed').textContent()).toMatch(/Не подписано|Подписано .* версия \d+/);

    // The round picker is a GET form: the round is in the address, so the view can be shared.
    const picker = page.getByRole('form', { name: 'Раунд мониторинга' });
    const current = await picker.getByLabel('Раунд мониторинга').inputValue();
    await picker.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL((u) => u.searchParams.get('round') === current);

    // The contingent: last round's figures are offered; the curator types this round's own.
    const form = page.getByTestId('contingent-form');
    const offer = form.getByRole('button', { name: 'Взять из прошлого раунда' });
    if (await offer.count()) {
      await offer.click();
      expect(await form.getByLabel('Обучающиеся в возрастной группе').inputValue()).not.toBe('');
    }
    await form.getByLabel('Обучающиеся в возрастной группе').fill('400');
    await form.getByLabel(/Возрастная группа/).fill('10–18 лет');
    await form.getByLabel('Педагоги').fill('60');
    await form.getByLabel('Молодые специалисты (стаж 0–3 года)').fill('12');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByRole('status').filter({ hasText: 'Сохранено.' }).waitFor();

    // The figures follow: coverage has a value now, with the contingent as its denominator and its formula.
    const students = figure(page, 'studentCoverage');
    await expect.poll(() => students.locator('.figure-value').getAttribute('data-value')).not.toBe('');
    expect(await students.textContent()).toContain('из 400');
    await students.locator('summary', { hasText: 'Как посчитано' }).click();
    expect((await students.locator('.figure-formula').textContent())!.length).toBeGreaterThan(0);
    expect(await figure(page, 'youngSpecialistCoverage').textContent()).toContain('из 12');
    expect(await page.getByTestId('indicators-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('indicators-table').textContent()).toMatch(/в графике|под угрозой|отстаёт|нет данных|нет цели/);

    // The charts: an SVG inside each chart's figure.
    expect(await page.getByTestId('target-chart').locator('svg').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('trend-chart').locator('svg').count()).toBeGreaterThan(0);
    expect.soft(await axeViolations(page), 'the school’s report, curator').toEqual([]);

    // The справка: a download, and a DOCX (a zip) answered with 200.
    const link = page.getByRole('link', { name: 'Аналитическая справка (DOCX)' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain(`round=${current}`);
    const res = await page.request.get(`${env.srv.url}${href}`);
    expect(res.status()).toBe(200);
    expect([...(await res.body()).subarray(0, 4)]).toEqual(PK);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 4)]).toEqual(PK);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    // Its charts were drawn by the server process (the zip names its pictures in the clear).
    expect(file.includes(Buffer.from('word/media/'))).toBe(true);
    await page.context().close();
  });

  it('the municipality’s head sees every school in the roll-up, drills down, and signs the round off', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'head');
    await openReports(page, DEMO_ORGS.municipality.name);
    expect(await page.getByTestId('report-edit').count()).toBe(0); // a head reads and signs, never edits

    const rollup = page.getByTestId('rollup-table');
    expect(await page.getByTestId('rollup-summary').textContent()).toMatch(/Не отчитались: \d+, не подписали: \d+/);
    const school = rollup.getByRole('link', { name: DEMO_ORGS.school.name });
    const round = new URL(page.url()).searchParams.get('round') ?? (await page.getByRole('form', { name: 'Раунд мониторинга' }).getByLabel('Раунд мониторинга').inputValue());
    expect(await school.getAttribute('href')).toContain(`round=${round}`);
    // The curator's contingent reached the roll-up: the school reported.
    expect(await rollup.getByRole('row').filter({ has: page.getByRole('link', { name: DEMO_ORGS.school.name }) }).textContent()).toContain('данные есть');
    expect.soft(await axeViolations(page), 'the municipality’s report with its roll-up, head').toEqual([]);

    // Drill-down to the school's report for the same round, and back.
    await school.click();
    await page.getByRole('heading', { name: `Мониторинг: ${DEMO_ORGS.school.name}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('round')).toBe(round);
    await page.goBack();
    await page.getByTestId('rollup-table').waitFor();

    // A round signed before (the demo signs one) is opened again first, with a reason.
    const signedState = page.getByTestId('report-signed');
    if ((await signedState.textContent())!.startsWith('Подписано')) {
      await page.getByLabel('Причина (обязательно)').fill('Уточнены данные школы');
      await page.getByRole('button', { name: 'Открыть новую версию' }).click();
      await expect.poll(() => signedState.textContent()).toBe('Не подписано');
    }
    await page.getByTestId('sign-report').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Показатели будут зафиксированы');
    await dialog.getByRole('button', { name: 'Подписать', exact: true }).click();
    await expect.poll(() => signedState.textContent()).toMatch(/^Подписано .*Белова.*версия \d+$/);
    expect(await page.getByRole('button', { name: 'Подписать отчёт' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Открыть новую версию' }).count()).toBe(1);
    await page.context().close();
  });
});
