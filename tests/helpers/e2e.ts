import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startServer, type RunningServer } from './server';

/** In a describe block: a production server on port 0 and Chromium, shared by its tests and closed after them. */
export function useServerAndBrowser(): { srv: RunningServer; browser: Browser } {
  const env = {} as { srv: RunningServer; browser: Browser };
  beforeAll(async () => {
    [env.srv, env.browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}
