import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';

/**
 * The secret that signs sessions: AUTH_SECRET when set; otherwise one generated on first
 * start and kept in DATA_DIR, so sessions survive restarts of a single instance.
 */
export async function resolveAuthSecret(config: Config, log: (msg: string) => void): Promise<string> {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.join(config.dataDir, 'auth-secret');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 32) {
      log(`AUTH_SECRET is not set: using the secret kept in ${file}`);
      return kept;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  log(`AUTH_SECRET is not set: generated a new secret and kept it in ${file}`);
  return secret;
}
