import path from 'node:path';
import { z } from 'zod';
import type { DbTarget } from '../db/client';

/**
 * Configuration, read and validated once at start. Every variable is listed in README.
 * An invalid value stops the process with a message that names the variable.
 */
const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: z.url().optional(),
    TRUST_PROXY: flag,
    SEED_DEMO: flag,
    DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('tropa-demo'),
    YJS_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
    COMMIT_WINDOW_MS: z.coerce.number().int().min(1).max(100).default(50),
    AUDIT_TYPING_QUIET_MS: z.coerce.number().int().min(10).default(30_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000),
    // Live-editing budgets (server/yjs/budget.ts): per connection, a burst then a steady rate.
    YJS_BUDGET_MESSAGES_PER_SEC: z.coerce.number().positive().default(60),
    YJS_BUDGET_BURST_MESSAGES: z.coerce.number().int().min(10).default(600),
    YJS_BUDGET_BYTES_PER_SEC: z.coerce.number().int().min(1024).default(512 * 1024),
    YJS_BUDGET_BURST_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
    // A board's size cap: its encoded document and its cards.
    BOARD_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
    BOARD_MAX_CARDS: z.coerce.number().int().min(1).default(5_000),
    // Sign-in and accounts: further host names the server answers to when PUBLIC_URL is unset.
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean)),
    // Import: the worker threads that parse uploaded documents (server/import-pool).
    IMPORT_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
    IMPORT_WORKER_MEMORY_MB: z.coerce.number().int().min(16).default(256),
    IMPORT_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  })
  .superRefine((env, ctx) => {
    if (env.YJS_BUDGET_BURST_BYTES < env.YJS_MAX_MESSAGE_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['YJS_BUDGET_BURST_BYTES'], message: 'must be at least YJS_MAX_MESSAGE_BYTES (a largest message must fit in a burst)' });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'is required when NODE_ENV=production and DATABASE_URL is set (several instances must share it)',
      });
    }
  });

export type Config = z.infer<typeof EnvSchema> & { dataDir: string };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (as in `DATABASE_URL= npm start`).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/** The database the configuration names: DATABASE_URL, or the embedded one in DATA_DIR. */
export const dbTarget = (config: Config): DbTarget => (config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.dataDir });
