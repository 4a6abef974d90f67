/**
 * Failed sign-in throttling: a sliding window of failure times per key. Pure and in memory;
 * the clock is injected so the tests need no waiting. One instance per process (see
 * server/auth): with several instances, each throttles on its own, which still bounds guessing.
 */
export type ThrottlePolicy = { maxFailures: number; windowMs: number };
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.policy.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  check(key: string): ThrottleVerdict {
    const recent = this.recent(key);
    if (recent.length < this.policy.maxFailures) return { allowed: true };
    // Allowed again when the oldest failure that still counts leaves the window.
    const oldest = recent[recent.length - this.policy.maxFailures];
    return { allowed: false, retryAfterMs: Math.max(1, oldest + this.policy.windowMs - this.now()) };
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Keep at most what the policy can look at: memory stays bounded under a flood.
    this.failures.set(key, recent.slice(-this.policy.maxFailures));
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

/** Both limits of the sign-in form: per account (email) and per client address. */
export class SignInThrottle {
  readonly byAccount: FailureThrottle;
  readonly byAddress: FailureThrottle;

  constructor(
    policy: { account: ThrottlePolicy; address: ThrottlePolicy },
    now: () => number = Date.now,
  ) {
    this.byAccount = new FailureThrottle(policy.account, now);
    this.byAddress = new FailureThrottle(policy.address, now);
  }

  check(email: string, address: string): ThrottleVerdict {
    const verdicts = [this.byAccount.check(`e:${email.toLowerCase()}`), this.byAddress.check(`a:${address}`)];
    const blocked = verdicts.filter((v): v is Extract<ThrottleVerdict, { allowed: false }> => !v.allowed);
    return blocked.length ? { allowed: false, retryAfterMs: Math.max(...blocked.map((b) => b.retryAfterMs)) } : { allowed: true };
  }

  failed(email: string, address: string): void {
    this.byAccount.fail(`e:${email.toLowerCase()}`);
    this.byAddress.fail(`a:${address}`);
  }

  succeeded(email: string): void {
    this.byAccount.reset(`e:${email.toLowerCase()}`);
  }
}

export const DEFAULT_SIGN_IN_POLICY = {
  account: { maxFailures: 5, windowMs: 15 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000 },
};
