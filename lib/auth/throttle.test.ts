import { describe, expect, it } from 'vitest';
import { addressKey, DEFAULT_SIGN_IN_POLICY, delayAfter, SignInThrottle, type SignInPolicy } from './throttle';

function clock(start = 0) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => (c.t += ms) };
  return c;
}

/** Attempts and fails until refused; returns how many attempts got through. */
function failUntilRefused(t: SignInThrottle, email: string, address: string, max = 1000): number {
  let n = 0;
  while (n < max && t.attempt(email, address).allowed) n++;
  return n;
}

describe('sign-in throttling: the delay curve', () => {
  const curve = { free: 3, baseMs: 1000, maxMs: 300_000, forgetMs: 3_600_000 };

  it('is free for the first failures, then doubles up to its ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => delayAfter(curve, n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(curve, 20)).toBe(300_000);
    expect(delayAfter(curve, 10_000)).toBe(300_000);
  });
});

describe('sign-in throttling: the policy', () => {
  it('slows one address guessing one account: three free tries, then a doubling wait', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    expect(failUntilRefused(t, 'head@x.ru', '10.0.0.1')).toBe(3);
    expect(t.attempt('head@x.ru', '10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 1000 });
    c.advance(1000);
    expect(t.attempt('head@x.ru', '10.0.0.1').allowed).toBe(true);
    expect(t.attempt('head@x.ru', '10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 2000 });
    c.advance(1999);
    expect(t.attempt('head@x.ru', '10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 1 });
  });

  it('never locks the owner out: after many failures from one address, the right password from another gets in at once', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    for (let i = 0; i < 50; i++) {
      failUntilRefused(t, 'Curator@x.ru', '203.0.113.9');
      c.advance(60_000);
    }
    // The attacker's address waits minutes; the owner's does not wait at all.
    expect(t.attempt('curator@x.ru', '203.0.113.9').allowed).toBe(false);
    expect(t.attempt('curator@x.ru', '198.51.100.7').allowed).toBe(true);
    t.succeeded('curator@x.ru', '198.51.100.7');
  });

  it('guessing from many addresses slows the account, but never past a short ceiling', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    let admitted = 0;
    for (let i = 0; i < 1000; i++) {
      if (t.attempt('mentor@x.ru', `10.9.${i >> 8}.${i & 255}`).allowed) admitted++;
      c.advance(1000);
    }
    // 1000 s of one try a second from 1000 addresses: the free ten, then about one per 30 s.
    expect(admitted).toBeLessThan(10 + 1000 / 30 + 6);
    // The owner arrives just after an admitted guess, the worst moment: it waits at most the ceiling.
    while (!t.attempt('mentor@x.ru', '10.10.0.1').allowed) c.advance(1000);
    const verdict = t.attempt('mentor@x.ru', '192.0.2.55');
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.retryAfterMs).toBeLessThanOrEqual(DEFAULT_SIGN_IN_POLICY.account.maxMs);
    c.advance(verdict.retryAfterMs);
    expect(t.attempt('mentor@x.ru', '192.0.2.55').allowed).toBe(true);
  });

  it('refused attempts do not lengthen the wait', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    failUntilRefused(t, 'a@x.ru', '10.0.0.1');
    for (let i = 0; i < 500; i++) t.attempt('a@x.ru', '10.0.0.1');
    c.advance(1000);
    expect(t.attempt('a@x.ru', '10.0.0.1').allowed).toBe(true);
  });

  it('counts an attempt before the password is checked: parallel attempts cannot all pass', () => {
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, () => 0);
    const verdicts = Array.from({ length: 50 }, () => t.attempt('a@x.ru', '10.0.0.1'));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
  });

  it('a success forgives the account, from that address and from others', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    failUntilRefused(t, 'a@x.ru', '10.0.0.1');
    c.advance(1000);
    expect(t.attempt('a@x.ru', '10.0.0.1').allowed).toBe(true);
    t.succeeded('A@x.ru', '10.0.0.1');
    expect(failUntilRefused(t, 'a@x.ru', '10.0.0.1')).toBe(3);
  });

  it('locks out an address that fails across many accounts (spraying), and only that address', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    for (let i = 0; i < 20; i++) expect(t.attempt(`user${i}@x.ru`, '10.2.0.1').allowed).toBe(true);
    const verdict = t.attempt('viewer@x.ru', '10.2.0.1');
    expect(verdict).toEqual({ allowed: false, retryAfterMs: 15 * 60_000 });
    expect(t.attempt('viewer@x.ru', '10.2.0.2').allowed).toBe(true);
    c.advance(15 * 60_000);
    expect(t.attempt('viewer@x.ru', '10.2.0.1').allowed).toBe(true);
  });

  it('the owner signing in now and then from a shared address does not count towards spraying', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    for (let i = 0; i < 100; i++) {
      expect(t.attempt(`teacher${i}@x.ru`, '10.3.0.1').allowed).toBe(true);
      t.succeeded(`teacher${i}@x.ru`, '10.3.0.1');
    }
    expect(t.attempt('late@x.ru', '10.3.0.1').allowed).toBe(true);
  });

  it('takes an IPv6 client by its /64 network and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, () => 0);
    for (let i = 0; i < 3; i++) t.attempt('a@x.ru', `2001:db8:1:2::${i + 1}`);
    expect(t.attempt('a@x.ru', '2001:db8:1:2:ffff::9').allowed).toBe(false);
  });
});

describe('sign-in throttling: memory', () => {
  const small: SignInPolicy = { ...DEFAULT_SIGN_IN_POLICY, maxKeys: 1000 };

  it('sweeps expired keys: the map shrinks back once the failures are forgotten', () => {
    const c = clock();
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, c.now);
    for (let i = 0; i < 2000; i++) t.attempt(`nobody${i}@x.ru`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(t.size()).toBe(6000);
    c.advance(30 * 60_000);
    t.attempt('one@x.ru', '10.200.0.1');
    // The addresses' spraying windows have passed; the streaks are still remembered.
    expect(t.size()).toBe(4003);
    c.advance(DEFAULT_SIGN_IN_POLICY.pair.forgetMs + 1);
    t.attempt('two@x.ru', '10.200.0.2');
    expect(t.size()).toBe(3);
  });

  it('holds at most maxKeys entries per map under a flood of new keys', () => {
    const c = clock();
    const t = new SignInThrottle(small, c.now);
    for (let i = 0; i < 20_000; i++) {
      t.attempt(`flood${i}@x.ru`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      c.advance(1);
    }
    expect(t.size()).toBeLessThanOrEqual(3 * small.maxKeys);
  });

  it('keeps a bounded record per address however many accounts it tries', () => {
    const t = new SignInThrottle(DEFAULT_SIGN_IN_POLICY, () => 0);
    for (let i = 0; i < 10_000; i++) t.attempt(`guess${i}@x.ru`, '10.0.0.1');
    const spread = (t as unknown as { addresses: Map<string, { accounts: Map<string, number> }> }).addresses.get('10.0.0.1')!;
    expect(spread.accounts.size).toBeLessThan(DEFAULT_SIGN_IN_POLICY.address.accounts);
  });
});
