import { plural } from '../core/plural';
import type { DeliveryPolicy } from '../model/delivery-policy';
import type { Verdict } from '../model/outbox-item';
import type { SendResult } from './send-request';

/** Backoff before attempt n+1: 2 s, 6 s, 18 s, … (×3, at most 5 minutes), with half of it random (jitter). */
const FIRST_BACKOFF_MS = 2_000;
const BACKOFF_FACTOR = 3;
const MAX_BACKOFF_MS = 5 * 60_000;
/** A worker stopped during an attempt leaves its lease; it expires this long after the attempt's timeout. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Answers that may succeed later: no answer at all (network error, reset, timeout), 408, 429 and 5xx, as
 * PagerDuty retries them. Any other 4xx, and a redirect (refused, never followed), is final.
 */
export function isRetryable(result: Pick<SendResult, 'outcome' | 'httpStatus'>): boolean {
  if (result.outcome === 'failed') return true;
  if (result.outcome !== 'rejected' || result.httpStatus === undefined) return false;
  return result.httpStatus === 408 || result.httpStatus === 429 || result.httpStatus >= 500;
}

/** Equal jitter: half the step fixed, half random, so clients that failed together do not retry together. */
export function backoffMs(attemptsMade: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * BACKOFF_FACTOR ** Math.max(0, attemptsMade - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long an attempt holds its item: its timeout, then a margin for the answer to be written. */
export const leaseMs = (policy: DeliveryPolicy) => policy.timeoutSeconds * 1000 + LEASE_MARGIN_MS;

/** What follows an attempt: the final outcome, or when to try again (within the action's attempts and time). */
export function nextStep(
  item: { attempts: number; policy: DeliveryPolicy; deadline: number },
  result: SendResult,
  now: number,
  random: () => number = Math.random,
): Verdict {
  if (result.outcome === 'delivered') return { final: true, outcome: 'delivered' };
  const outcome = result.outcome === 'not-sent' ? 'failed' : result.outcome;
  if (!isRetryable(result)) return { final: true, outcome, error: result.error };
  const answer = result.error ?? `HTTP ${result.httpStatus}`;
  if (item.attempts >= item.policy.maxAttempts) {
    return { final: true, outcome, error: `Gave up after ${plural(item.attempts, 'attempt')}: ${answer}` };
  }
  const asked =
    result.httpStatus === 429 || result.httpStatus === 503 ? retryAfterMs(result.retryAfter, now) : undefined;
  const retryAt = now + (asked ?? backoffMs(item.attempts, random));
  if (retryAt > item.deadline) {
    const wait = Math.ceil((retryAt - now) / 1000);
    return {
      final: true,
      outcome,
      error: `Gave up: the next attempt (in ${wait} s${asked !== undefined ? ', as Retry-After asked' : ''}) would pass this action's limit of ${plural(item.policy.giveUpAfterMinutes, 'minute')}. Last answer: ${answer}`,
    };
  }
  return { final: false, retryAt, error: answer };
}
