import { plural } from '../core/plural';
import type { DeliveryPolicy } from '../model/delivery-policy';
import type { Verdict } from '../model/outbox-item';
import type { SendResult } from './send-request';

/**
 * PagerDuty's schedule, as its webhook docs described it: "retried up to 4 times (total of 5 attempts) with
 * exponential backoff over the course of about 20 minutes" (in PagerDuty/developer-docs docs/webhooks/02-Behavior.md
 * until its commit 94ca665 of 2024-11-26, which changed the text to "periodically retried for up to 48 hours" and
 * gives no schedule). The waits are 25 s, 75 s, 225 s, 675 s (×3), so the
 * attempts start at 0 s, ~25 s, ~2 min, ~5 min and ~17 min: the last one still reaches an endpoint that was
 * down for 6 minutes (it starts at 15 minutes at the earliest), and every one is within PagerDuty's 20 minutes
 * (18.3 at the latest).
 */
const FIRST_BACKOFF_MS = 25_000;
const BACKOFF_FACTOR = 3;
/** A sixth or later attempt (an action may ask for up to 10) waits an hour at most. */
const MAX_BACKOFF_MS = 60 * 60_000;
/**
 * Each wait is off by up to a tenth either way (jitter), so clients that failed together do not retry
 * together; a tenth keeps the fifth attempt between 15 and 18.3 minutes.
 */
const JITTER = 0.1;
/** A worker stopped during an attempt leaves its lease; it expires this long after the attempt's timeout. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Answers that may succeed later, as PagerDuty retries them: no answer at all (timeout, reset, refused
 * connection, DNS failure), 429 and 5xx. Any other 4xx (408 too: PagerDuty's docs list every 4xx but 429 as
 * a permanent error), and a redirect (refused, never followed), is final.
 *
 * PagerDuty also drops a webhook on a TLS error (not on an expired certificate). A `fetch` from an extension
 * cannot tell one: Chromium and Firefox reject it with the same `TypeError` ("Failed to fetch", "NetworkError
 * when attempting to fetch resource.") for a bad certificate, a refused connection and an unknown host, and
 * say nothing more to script. So a TLS failure is retried like a connection error, and the attempt's error
 * says that it may have been one (`sendRequest`).
 */
export function isRetryable(result: Pick<SendResult, 'outcome' | 'httpStatus'>): boolean {
  if (result.outcome === 'failed') return true;
  if (result.outcome !== 'rejected' || result.httpStatus === undefined) return false;
  return result.httpStatus === 429 || result.httpStatus >= 500;
}

/** The wait before attempt n+1, without jitter: 25 s, 75 s, 225 s, 675 s, … */
function nominalBackoffMs(attemptsMade: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * BACKOFF_FACTOR ** Math.max(0, attemptsMade - 1));
}

/** The wait before attempt n+1, a tenth either way at random. */
export function backoffMs(attemptsMade: number, random: () => number = Math.random): number {
  const step = nominalBackoffMs(attemptsMade);
  return Math.round(step * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * When each attempt starts, counted from the first, with every wait at its longest (the latest each can be):
 * the attempts the policy allows that start before its limit. The editor says this schedule; the runner makes
 * its waits with `backoffMs`, which is never longer.
 */
export function attemptTimes(policy: Pick<DeliveryPolicy, 'maxAttempts' | 'giveUpAfterMinutes'>): number[] {
  const times = [0];
  while (times.length < policy.maxAttempts) {
    const next = (times.at(-1) ?? 0) + backoffMs(times.length, () => 1);
    if (next > policy.giveUpAfterMinutes * 60_000) break;
    times.push(next);
  }
  return times;
}

/** "0 s, ~25 s, ~2 min, ~5 min, ~17 min": the schedule in words, each time as the nominal wait puts it. */
export function scheduleInWords(policy: Pick<DeliveryPolicy, 'maxAttempts' | 'giveUpAfterMinutes'>): string {
  let at = 0;
  return attemptTimes(policy)
    .map((_, index) => {
      if (index === 0) return '0 s';
      at += nominalBackoffMs(index);
      return at < 60_000 ? `~${Math.round(at / 1000)} s` : `~${Math.round(at / 60_000)} min`;
    })
    .join(', ');
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
