import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const env = (vars: Record<string, string> = {}) => vars as NodeJS.ProcessEnv;

describe('budget settings', () => {
  it('have defaults that let the largest message through', () => {
    const c = loadConfig(env());
    expect(c.YJS_BUDGET_BURST_BYTES).toBeGreaterThanOrEqual(c.YJS_MAX_MESSAGE_BYTES);
    expect(c).toMatchObject({ YJS_BUDGET_MESSAGES_PER_SEC: 60, YJS_BUDGET_BURST_MESSAGES: 600, BOARD_MAX_CARDS: 5_000 });
  });

  it('refuse a burst smaller than the largest message, naming the variable', () => {
    expect(() => loadConfig(env({ YJS_MAX_MESSAGE_BYTES: '65536', YJS_BUDGET_BURST_BYTES: '4096' }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ YJS_MAX_MESSAGE_BYTES: '65536', YJS_BUDGET_BURST_BYTES: '4096' }))).toThrow(/YJS_BUDGET_BURST_BYTES/);
    expect(() => loadConfig(env({ BOARD_MAX_CARDS: '0' }))).toThrow(/BOARD_MAX_CARDS/);
  });
});
