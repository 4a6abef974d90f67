import { describe, expect, it } from 'vitest';
import { upgradeOriginAllowed } from './origin';

describe('the Origin of a websocket upgrade', () => {
  it('allows no Origin, and our own (PUBLIC_URL, else the Host the request came to)', () => {
    expect(upgradeOriginAllowed(undefined, { host: 'tropa.local:3000' })).toBe(true);
    expect(upgradeOriginAllowed('http://tropa.local:3000', { host: 'tropa.local:3000' })).toBe(true);
    expect(upgradeOriginAllowed('https://TROPA.local:3000', { host: 'tropa.local:3000' })).toBe(true); // TLS ends at a proxy
    expect(upgradeOriginAllowed('https://tropa.example', { publicUrl: 'https://tropa.example/', host: 'internal:3000' })).toBe(true);
  });

  it('refuses any other origin', () => {
    expect(upgradeOriginAllowed('http://evil.example', { host: 'tropa.local:3000' })).toBe(false);
    expect(upgradeOriginAllowed('http://tropa.local:3001', { host: 'tropa.local:3000' })).toBe(false);
    expect(upgradeOriginAllowed('http://tropa.example', { publicUrl: 'https://tropa.example', host: 'tropa.example' })).toBe(false);
    expect(upgradeOriginAllowed('null', { host: 'tropa.local:3000' })).toBe(false);
    expect(upgradeOriginAllowed('http://tropa.local:3000', {})).toBe(false);
    expect(upgradeOriginAllowed('chrome-extension://tropa.local:3000', { host: 'tropa.local:3000' })).toBe(false);
  });
});
