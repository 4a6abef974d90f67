import { describe, expect, it } from 'vitest';
import { FailureThrottle, SignInThrottle } from './throttle';

describe('sign-in throttling', () => {
  it('blocks a key after maxFailures within the window and lets it in after', () => {
    let now = 0;
    const t = new FailureThrottle({ maxFailures: 3, windowMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.check('k').allowed).toBe(true);
      t.fail('k');
      now += 100;
    }
    const verdict = t.check('k');
    expect(verdict).toEqual({ allowed: false, retryAfterMs: 700 });
    now = 1001;
    expect(t.check('k').allowed).toBe(true);
  });

  it('a success clears the account, not the address', () => {
    let now = 0;
    const t = new SignInThrottle(
      { account: { maxFailures: 2, windowMs: 1000 }, address: { maxFailures: 3, windowMs: 1000 } },
      () => now,
    );
    t.failed('A@x.ru', '1.1.1.1');
    t.failed('a@x.ru', '1.1.1.1');
    expect(t.check('a@x.ru', '2.2.2.2').allowed).toBe(false); // per account, case-insensitive
    t.succeeded('a@x.ru');
    expect(t.check('a@x.ru', '2.2.2.2').allowed).toBe(true);
    t.failed('b@x.ru', '1.1.1.1');
    expect(t.check('c@x.ru', '1.1.1.1').allowed).toBe(false); // per address, whatever the account
    expect(t.check('c@x.ru', '3.3.3.3').allowed).toBe(true);
  });

  it('keeps bounded memory under a flood of failures', () => {
    const t = new FailureThrottle({ maxFailures: 5, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 10_000; i++) t.fail('k');
    expect((t as unknown as { failures: Map<string, number[]> }).failures.get('k')!.length).toBe(5);
  });
});
