import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedInPage } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/e2e';
import { ROADMAPS_DIR } from '../fixtures/paths';


// A curator brings the organisation's roadmap in: upload → preview → correct → board → Word.
describe('roadmap import in Chromium', () => {
  const env = useServerAndBrowser();

  it('upload, see the preview with parsed deadlines and warnings, correct a row, create the board and download it as Word', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    await page.getByRole('link', { name: 'Импортировать дорожную карту' }).first().click();
    await page.getByRole('heading', { name: 'Импорт дорожной карты' }).waitFor();

    // A file that is not a roadmap: a clear Russian error, and the form is still there.
    await page.locator('input[type=file]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 ...') });
    await page.getByRole('button', { name: 'Загрузить и разобрать' }).click();
    await expect.poll(() => page.locator('.msg.error[role=alert]').textContent()).toContain('не поддерживается');

    await page.locator('input[type=file]').setInputFiles(path.join(ROADMAPS_DIR, 'mordovia-regional.txt'));
    await page.getByRole('button', { name: 'Загрузить и разобрать' }).click();
    await page.getByRole('heading', { name: 'Проверьте, что найдено' }).waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/мероприятий: \d\d/);
    expect(await page.locator('.import-warnings li').count()).toBeGreaterThan(0);

    // The first activity: its deadline is shown as read, and it can be corrected before creating.
    const first = page.getByTestId('import-activity').first();
    const deadline = first.getByRole('textbox', { name: 'Сроки (как в документе)' });
    expect(await deadline.inputValue()).toBe('октябрь');
    expect(await first.locator('.deadline-read').textContent()).toContain('01.10.2020');
    // A corrected period moves the deadlines read against it.
    await page.getByRole('textbox', { name: 'Год начала' }).fill('2021');
    await page.getByRole('textbox', { name: 'Год окончания' }).fill('2025');
    await expect.poll(() => first.locator('.deadline-read').textContent()).toContain('01.10.2021');
    await deadline.fill('до 15.11.2020');
    await deadline.blur();
    await expect.poll(() => first.locator('.deadline-read').textContent()).toContain('15.11.2020');
    await page.getByRole('textbox', { name: 'Название доски' }).fill('Региональная дорожная карта (проверка импорта)');

    await page.getByRole('button', { name: 'Создать доску' }).click();
    await page.getByTestId('board-columns').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Региональная дорожная карта (проверка импорта)');
    expect(await page.locator('.board-card').count()).toBeGreaterThan(30);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать Word (.docx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = await download.path();
    expect(saved).toBeTruthy();
  });

  it('keeps a file chosen before the page has come alive', async () => {
    const page = await signedInPage(env.browser, env.srv.url, 'curator');
    // The page's scripts are held back until the file is chosen in the server-rendered form.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_next/static/chunks/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${env.srv.url}/import`, { waitUntil: 'commit' });
    await page.locator('input[type=file]').setInputFiles(path.join(ROADMAPS_DIR, 'mordovia-regional.txt'));
    release();
    await page.getByRole('button', { name: 'Загрузить и разобрать' }).click();
    await page.getByRole('heading', { name: 'Проверьте, что найдено' }).waitFor();
    await page.context().close();
  });
});
