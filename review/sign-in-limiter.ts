/**
 * Sign-in throttling: after too many failed sign-ins for one account (or from one address) within a
 * window, further attempts are refused for a lock-out period, even with the right password, with a
 * message that says so and until when. In memory: it protects this process, which holds the sessions.
 */

/** Limits; all have defaults. */
export interface SignInLimits {
  /** Failures allowed per account within the window (default 5). */
  maxFailuresPerAccount?: number;
  /** Failures allowed per client address within the window (default 20: a shared office NAT). */
  maxFailuresPerAddress?: number;
  /** Window and lock-out length (default 15 minutes). */
  windowMs?: number;
  now?: () => number;
}

/** Why a sign-in attempt is refused before the password is checked, or null when it may proceed. */
export interface SignInLimiter {
  lockedUntil(account: string, address: string): number | null;
  recordFailure(account: string, address: string): void;
  recordSuccess(account: string): void;
}

/** An in-memory limiter. */
export function createSignInLimiter(limits: SignInLimits = {}): SignInLimiter {
  const windowMs = limits.windowMs ?? 15 * 60_000;
  const now = limits.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const locks = new Map<string, number>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((time) => time > now() - windowMs);
  const fail = (key: string, max: number) => {
    const times = [...recent(key), now()];
    failures.set(key, times);
    if (times.length >= max) locks.set(key, now() + windowMs);
  };
  const lockOf = (key: string) => {
    const until = locks.get(key);
    if (until === undefined) return null;
    if (until > now()) return until;
    locks.delete(key);
    failures.delete(key);
    return null;
  };
  return {
    lockedUntil(account, address) {
      const times = [lockOf(`account:${account.toLowerCase()}`), lockOf(`address:${address}`)].filter((time): time is number => time !== null);
      return times.length ? Math.max(...times) : null;
    },
    recordFailure(account, address) {
      fail(`account:${account.toLowerCase()}`, limits.maxFailuresPerAccount ?? 5);
      fail(`address:${address}`, limits.maxFailuresPerAddress ?? 20);
    },
    recordSuccess(account) {
      failures.delete(`account:${account.toLowerCase()}`);
    },
  };
}
