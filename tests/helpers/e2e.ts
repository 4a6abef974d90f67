import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/client';
import { launchChromium } from './browser';
import { prepareDataDir } from './pairs';
import { startServer, type RunningServer } from './server';

/**
 * In a describe block: a production server on port 0 and Chromium, shared by its tests and
 * closed after them. `setup` (optional) runs on the demo database before the server starts.
 */
export function useServerAndBrowser(setup?: (db: Db) => Promise<unknown>): { srv: RunningServer; browser: Browser } {
  const env = {} as { srv: RunningServer; browser: Browser };
  let dir: string | undefined;
  beforeAll(async () => {
    if (setup) dir = (await prepareDataDir(setup)).dir;
    [env.srv, env.browser] = await Promise.all([startServer(dir ? { DATA_DIR: dir } : {}), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.srv?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return env;
}
