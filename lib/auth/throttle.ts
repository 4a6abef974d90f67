/**
 * Sign-in throttling: slow guessing down without ever locking an account's owner out.
 *
 * The policy (DEFAULT_SIGN_IN_POLICY):
 *
 * 1. Per account and address. The first 3 failures are free; after that each attempt must
 *    wait 1 s, 2 s, 4 s, … (doubling, at most 5 min) since the previous one. One address
 *    guessing one account gets about a dozen tries in its first ten minutes, then one per
 *    five minutes.
 * 2. Per account, from any address. The first 10 failures are free, then the same curve
 *    capped at 30 s: guessing one account from many addresses gets at most two tries a
 *    minute. This is the only limit an owner who signs in from another address can meet,
 *    so the owner waits 30 s at most; no account is ever locked.
 * 3. Per address, across accounts. An address that fails on 20 different accounts within
 *    15 minutes is refused for the rest of those 15 minutes (password spraying). Addresses
 *    are compared as the client's IPv4 address or IPv6 /64 network, which one client
 *    usually holds whole.
 *
 * Every attempt is counted before the password is checked, so parallel requests cannot all
 * pass while the hash is verified, and forgiven when it succeeds. A refused attempt is not
 * counted: hammering an account does not lengthen the owner's wait.
 *
 * Pure and in memory, the clock injected. State is forgotten after a quiet period and swept
 * once a minute, and each map holds at most `maxKeys` entries (the oldest go first), so a
 * flood of made-up emails or addresses cannot grow memory without bound. One instance per
 * process (server/auth/throttle.ts): with several instances each throttles on its own.
 */
export type DelayCurve = { free: number; baseMs: number; maxMs: number; forgetMs: number };
export type SprayLimit = { accounts: number; windowMs: number };
export type SignInPolicy = {
  pair: DelayCurve;
  account: DelayCurve;
  address: SprayLimit;
  maxKeys: number;
  sweepEveryMs: number;
};
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  pair: { free: 3, baseMs: 1000, maxMs: 5 * 60_000, forgetMs: 60 * 60_000 },
  account: { free: 10, baseMs: 1000, maxMs: 30_000, forgetMs: 60 * 60_000 },
  address: { accounts: 20, windowMs: 15 * 60_000 },
  maxKeys: 100_000,
  sweepEveryMs: 60_000,
};

/** How long the attempt after `failures` counted ones must wait since the last of them. */
export function delayAfter(curve: DelayCurve, failures: number): number {
  if (failures < curve.free) return 0;
  return Math.min(curve.maxMs, curve.baseMs * 2 ** Math.min(failures - curve.free, 40));
}

/** The throttling key of a client address: IPv4 as is, IPv6 by its /64 network. */
export function addressKey(address: string): string {
  let a = address.trim().toLowerCase().replace(/%.*$/, '');
  if (a.startsWith('::ffff:') && a.includes('.')) a = a.slice('::ffff:'.length);
  if (!a.includes(':')) return a;
  const [head, tail] = a.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return a;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const emailKey = (email: string) => email.trim().toLowerCase();

type Streak = { failures: number; lastAt: number };
type Spread = { accounts: Map<string, number>; lockedUntil: number };

export class SignInThrottle {
  private readonly pairs = new Map<string, Streak>();
  private readonly accounts = new Map<string, Streak>();
  private readonly addresses = new Map<string, Spread>();
  private lastSweep: number;

  constructor(
    private readonly policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /**
   * Decides an attempt and, when it is allowed, counts it as a failure until `succeeded`
   * forgives it. Call before checking the password.
   */
  attempt(email: string, address: string): ThrottleVerdict {
    const now = this.now();
    this.sweepIfDue(now);
    const account = emailKey(email);
    const addr = addressKey(address);
    const pairKey = `${account}\n${addr}`;
    const pair = this.live(this.pairs, pairKey, this.policy.pair, now);
    const acc = this.live(this.accounts, account, this.policy.account, now);
    const spread = this.liveSpread(addr, now);

    const wait = Math.max(
      pair ? pair.lastAt + delayAfter(this.policy.pair, pair.failures) - now : 0,
      acc ? acc.lastAt + delayAfter(this.policy.account, acc.failures) - now : 0,
      spread ? spread.lockedUntil - now : 0,
    );
    if (wait > 0) return { allowed: false, retryAfterMs: Math.ceil(wait) };

    this.put(this.pairs, pairKey, { failures: (pair?.failures ?? 0) + 1, lastAt: now });
    this.put(this.accounts, account, { failures: (acc?.failures ?? 0) + 1, lastAt: now });
    const s = spread ?? { accounts: new Map<string, number>(), lockedUntil: 0 };
    s.accounts.delete(account);
    s.accounts.set(account, now);
    if (s.accounts.size >= this.policy.address.accounts) {
      s.lockedUntil = now + this.policy.address.windowMs;
      // What the lock needs is its end; the accounts it counted need not be kept.
      s.accounts.clear();
    }
    this.put(this.addresses, addr, s);
    return { allowed: true };
  }

  /** The password was right: the attempt was no failure, and the account's streaks end. */
  succeeded(email: string, address: string): void {
    const account = emailKey(email);
    const addr = addressKey(address);
    this.pairs.delete(`${account}\n${addr}`);
    this.accounts.delete(account);
    this.addresses.get(addr)?.accounts.delete(account);
  }

  /** Entries held, for tests and the health of a long-running process. */
  size(): number {
    return this.pairs.size + this.accounts.size + this.addresses.size;
  }

  /** Drops everything that no longer counts. Runs by itself once per `sweepEveryMs`. */
  sweep(now = this.now()): void {
    this.lastSweep = now;
    for (const [key, streak] of this.pairs) if (this.expired(streak, this.policy.pair, now)) this.pairs.delete(key);
    for (const [key, streak] of this.accounts) if (this.expired(streak, this.policy.account, now)) this.accounts.delete(key);
    for (const [key, spread] of this.addresses) {
      this.prune(spread, now);
      if (spread.accounts.size === 0 && spread.lockedUntil <= now) this.addresses.delete(key);
    }
  }

  private sweepIfDue(now: number) {
    if (now - this.lastSweep >= this.policy.sweepEveryMs) this.sweep(now);
  }

  private expired(streak: Streak, curve: DelayCurve, now: number) {
    return now - streak.lastAt > Math.max(curve.forgetMs, delayAfter(curve, streak.failures));
  }

  private live(map: Map<string, Streak>, key: string, curve: DelayCurve, now: number): Streak | undefined {
    const streak = map.get(key);
    if (streak && this.expired(streak, curve, now)) {
      map.delete(key);
      return undefined;
    }
    return streak;
  }

  private prune(spread: Spread, now: number) {
    const since = now - this.policy.address.windowMs;
    for (const [account, at] of spread.accounts) if (at <= since) spread.accounts.delete(account);
  }

  private liveSpread(addr: string, now: number): Spread | undefined {
    const spread = this.addresses.get(addr);
    if (spread) this.prune(spread, now);
    return spread;
  }

  /** Re-inserts so the map's order is least recently failed first, then caps its size. */
  private put<V>(map: Map<string, V>, key: string, value: V) {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.policy.maxKeys) map.delete(map.keys().next().value as string);
  }
}
