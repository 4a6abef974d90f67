import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { childrenRunning, registerProcess, unregisterProcess } from './processes';

// Debian's Chromium, never a downloaded one. The flags keep it off this machine's closed network.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Chromium and registers it with the test run's process register (playwright starts
 * it as the leader of its own process group; the run's teardown reaps it if a test forgets to
 * close it). Closing the browser unregisters it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const before = new Set(childrenRunning(process.pid, CHROMIUM_EXE));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const started = childrenRunning(process.pid, CHROMIUM_EXE).filter((pid) => !before.has(pid));
  for (const pid of started) registerProcess(pid, 'chromium');
  browser.on('disconnected', () => started.forEach(unregisterProcess));
  return browser;
}

const CHROMIUM_EXE = /chrom/i;

/** A new browser context signed in as a demo role through the Russian sign-in form. */
export async function signedInPage(browser: Browser, base: string, role: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ru-RU', viewport });
  context.setDefaultTimeout(10_000); // fail at the step, not at the test's timeout
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel('Электронная почта').fill(`${role}@demo.tropa`);
  await page.getByLabel('Пароль').fill('tropa-demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}
