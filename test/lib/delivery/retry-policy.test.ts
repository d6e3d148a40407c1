import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryable, nextStep, retryAfterMs } from '@/lib/delivery/retry-policy';
import { DEFAULT_DELIVERY } from '@/lib/model/delivery-policy';

describe('retry policy', () => {
  it.each([
    [{ outcome: 'failed' }, true],
    [{ outcome: 'rejected', httpStatus: 408 }, true],
    [{ outcome: 'rejected', httpStatus: 429 }, true],
    [{ outcome: 'rejected', httpStatus: 500 }, true],
    [{ outcome: 'rejected', httpStatus: 502 }, true],
    [{ outcome: 'rejected', httpStatus: 503 }, true],
    [{ outcome: 'rejected', httpStatus: 504 }, true],
    [{ outcome: 'rejected', httpStatus: 400 }, false],
    [{ outcome: 'rejected', httpStatus: 401 }, false],
    [{ outcome: 'rejected', httpStatus: 404 }, false],
    [{ outcome: 'rejected', httpStatus: 410 }, false],
    [{ outcome: 'rejected', httpStatus: 302 }, false],
    [{ outcome: 'rejected' }, false],
    [{ outcome: 'delivered', httpStatus: 200 }, false],
  ] as const)('%j is retried: %s', (result, expected) => {
    expect(isRetryable(result)).toBe(expected);
  });

  it('backs off 2 s, 6 s, 18 s … up to 5 minutes, half of each step random', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([1_000, 3_000, 9_000]);
    expect([1, 2, 3].map((n) => backoffMs(n, () => 1))).toEqual([2_000, 6_000, 18_000]);
    expect(backoffMs(20, () => 1)).toBe(300_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('stops at the last attempt and before the deadline, and says why', () => {
    const policy = { ...DEFAULT_DELIVERY, maxAttempts: 3 };
    const busy = { outcome: 'rejected', httpStatus: 503 } as const;
    expect(nextStep({ attempts: 3, policy, deadline: 10_000_000 }, busy, 0)).toEqual({
      final: true,
      outcome: 'rejected',
      error: 'Gave up after 3 attempts: HTTP 503',
    });
    const late = nextStep({ attempts: 1, policy, deadline: 60_000 }, { ...busy, retryAfter: '3600' }, 0);
    expect(late).toMatchObject({ final: true, outcome: 'rejected' });
    expect(late.final && late.error).toContain('in 3600 s, as Retry-After asked');
    expect(nextStep({ attempts: 1, policy, deadline: 60_000 }, busy, 0, () => 0)).toEqual({
      final: false,
      retryAt: 1_000,
      error: 'HTTP 503',
    });
  });
});
