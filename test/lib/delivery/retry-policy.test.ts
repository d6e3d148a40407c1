import { describe, expect, it } from 'vitest';
import {
  attemptTimes,
  backoffMs,
  isRetryable,
  nextStep,
  retryAfterMs,
  scheduleInWords,
} from '@/lib/delivery/retry-policy';
import { sendRequest } from '@/lib/delivery/send-request';
import { DEFAULT_DELIVERY } from '@/lib/model/delivery-policy';

describe('retry policy', () => {
  // PagerDuty/developer-docs docs/webhooks/02-Behavior.md: "No response / timeout", "5XX", "429",
  // "Connection cannot be established", "DNS errors" are retried; "4XX response from the server (except for 429)"
  // is permanent. A redirect is never followed, so it is final too.
  it.each([
    [{ outcome: 'failed' }, true],
    [{ outcome: 'rejected', httpStatus: 429 }, true],
    [{ outcome: 'rejected', httpStatus: 500 }, true],
    [{ outcome: 'rejected', httpStatus: 502 }, true],
    [{ outcome: 'rejected', httpStatus: 503 }, true],
    [{ outcome: 'rejected', httpStatus: 504 }, true],
    [{ outcome: 'rejected', httpStatus: 599 }, true],
    [{ outcome: 'rejected', httpStatus: 400 }, false],
    [{ outcome: 'rejected', httpStatus: 401 }, false],
    [{ outcome: 'rejected', httpStatus: 404 }, false],
    [{ outcome: 'rejected', httpStatus: 408 }, false],
    [{ outcome: 'rejected', httpStatus: 410 }, false],
    [{ outcome: 'rejected', httpStatus: 413 }, false],
    [{ outcome: 'rejected', httpStatus: 499 }, false],
    [{ outcome: 'rejected', httpStatus: 302 }, false],
    [{ outcome: 'rejected' }, false],
    [{ outcome: 'delivered', httpStatus: 200 }, false],
  ] as const)('%j is retried: %s', (result, expected) => {
    expect(isRetryable(result)).toBe(expected);
  });

  it.each([
    ['a refused connection', new TypeError('Failed to fetch')],
    ['an unknown host (Firefox)', new TypeError('NetworkError when attempting to fetch resource.')],
    ['a bad certificate, which fetch reports the same way', new TypeError('Failed to fetch')],
  ])('%s is retried, and the log says the browser does not tell the causes apart', async (_, thrown) => {
    const fetch = (async () => {
      throw thrown;
    }) as unknown as typeof globalThis.fetch;
    const request = { method: 'POST', url: 'https://hooks.example.com/x', headers: [], body: '{}' } as const;
    const result = await sendRequest({ ...request, headers: [] }, fetch, 1_000, []);
    expect(result.outcome).toBe('failed');
    expect(isRetryable(result)).toBe(true);
    expect(result.error).toBe(
      `Could not reach the endpoint: ${thrown.message} (refused, unknown host, or a TLS or certificate error: the browser does not say which)`,
    );
  });

  it('backs off 25 s, 75 s, 225 s, 675 s (×3), a tenth either way at random', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([25_000, 75_000, 225_000, 675_000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([22_500, 67_500, 202_500, 607_500]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 1))).toEqual([27_500, 82_500, 247_500, 742_500]);
    expect(backoffMs(20, () => 1)).toBe(3_960_000);
  });

  describe("PagerDuty's schedule: 5 attempts over about 20 minutes", () => {
    const MINUTE = 60_000;
    /** The attempt times the runner makes, from the first, with a given jitter. */
    const runnerTimes = (random: () => number) => {
      const times = [0];
      for (let made = 1; made < DEFAULT_DELIVERY.maxAttempts; made++) {
        times.push((times.at(-1) ?? 0) + backoffMs(made, random));
      }
      return times;
    };

    it.each([0, 0.5, 1])('with jitter %s every attempt starts within 20 minutes, the last after 6', (jitter) => {
      const times = runnerTimes(() => jitter);
      expect(times).toHaveLength(5);
      expect(Math.max(...times)).toBeLessThan(20 * MINUTE);
      expect(times.at(-1)).toBeGreaterThan(6 * MINUTE);
    });

    it('an endpoint down for 6 minutes gets the fifth attempt, and the runner allows it', () => {
      for (const jitter of [0, 0.25, 0.5, 0.75, 1]) {
        let item = { attempts: 1, policy: { ...DEFAULT_DELIVERY }, deadline: 20 * MINUTE };
        let now = 0;
        const down = { outcome: 'failed', error: 'Failed to fetch' } as const;
        while (now < 6 * MINUTE) {
          const step = nextStep(item, down, now, () => jitter);
          if (step.final) throw new Error(`gave up at ${now} ms: ${step.error}`);
          now = step.retryAt;
          item = { ...item, attempts: item.attempts + 1 };
        }
        expect(item.attempts).toBeLessThanOrEqual(5);
        expect(now).toBeLessThan(20 * MINUTE);
      }
    });

    it('the editor says the schedule the runner keeps', () => {
      expect(scheduleInWords(DEFAULT_DELIVERY)).toBe('0 s, ~25 s, ~2 min, ~5 min, ~17 min');
      expect(attemptTimes(DEFAULT_DELIVERY)).toEqual(runnerTimes(() => 1));
      expect(attemptTimes({ maxAttempts: 5, giveUpAfterMinutes: 5 })).toHaveLength(3);
      expect(scheduleInWords({ maxAttempts: 5, giveUpAfterMinutes: 5 })).toBe('0 s, ~25 s, ~2 min');
      expect(scheduleInWords({ maxAttempts: 1, giveUpAfterMinutes: 20 })).toBe('0 s');
    });
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
      retryAt: 22_500,
      error: 'HTTP 503',
    });
  });
});
