import * as z from 'zod/mini';

/**
 * How hard an action tries, as PagerDuty tries a webhook (PagerDuty/developer-docs docs/webhooks/02-Behavior.md):
 * 16 s to answer (its Custom Incident Actions), 5 attempts over about 20 minutes (the schedule is
 * lib/delivery/retry-policy.ts), and no body over 256 KB ("All webhooks with a final size greater than 256 KB are
 * always dropped"; its KB is 1,024 bytes: "55 KB (56320 bytes)"). Retries are for answers that may succeed later
 * (no answer, 429, 5xx); any other answer is final.
 */
export const DEFAULT_DELIVERY = { timeoutSeconds: 16, maxAttempts: 5, giveUpAfterMinutes: 20, maxBodyKB: 256 } as const;

export const DeliveryPolicySchema = z.strictObject({
  timeoutSeconds: z.number().check(z.int(), z.minimum(1, 'At least 1 s'), z.maximum(120, 'At most 120 s')),
  maxAttempts: z.number().check(z.int(), z.minimum(1, 'At least 1 attempt'), z.maximum(10, 'At most 10 attempts')),
  giveUpAfterMinutes: z.number().check(z.int(), z.minimum(1, 'At least 1 minute'), z.maximum(1_440, 'At most a day')),
  /** The largest body sent, in KB of 1,024 bytes; absent (actions saved before it): PagerDuty's 256. */
  maxBodyKB: z.optional(
    z.number().check(z.int(), z.minimum(1, 'At least 1 KB'), z.maximum(10_240, 'At most 10,240 KB (10 MB)')),
  ),
});
/** The policy as an action stores it. */
export type StoredDeliveryPolicy = z.infer<typeof DeliveryPolicySchema>;
/** The policy in force: every value set. */
export type DeliveryPolicy = Required<StoredDeliveryPolicy>;

export function deliveryPolicy(policy: Partial<DeliveryPolicy> | undefined): DeliveryPolicy {
  return { ...DEFAULT_DELIVERY, ...policy };
}
