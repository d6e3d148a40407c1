import * as z from 'zod/mini';

/**
 * How hard an action tries: PagerDuty gives a custom incident action 16 s to answer and retries over about
 * twenty minutes, so those are the defaults. Retries are for answers that may succeed later (network
 * errors, timeouts, 408, 429, 5xx); any other answer is final.
 */
export const DEFAULT_DELIVERY = { timeoutSeconds: 16, maxAttempts: 5, giveUpAfterMinutes: 20 } as const;

export const DeliveryPolicySchema = z.strictObject({
  timeoutSeconds: z.number().check(z.int(), z.minimum(1, 'At least 1 s'), z.maximum(120, 'At most 120 s')),
  maxAttempts: z.number().check(z.int(), z.minimum(1, 'At least 1 attempt'), z.maximum(10, 'At most 10 attempts')),
  giveUpAfterMinutes: z.number().check(z.int(), z.minimum(1, 'At least 1 minute'), z.maximum(1_440, 'At most a day')),
});
export type DeliveryPolicy = z.infer<typeof DeliveryPolicySchema>;

export function deliveryPolicy(policy: Partial<DeliveryPolicy> | undefined): DeliveryPolicy {
  return { ...DEFAULT_DELIVERY, ...policy };
}
