import * as z from 'zod/mini';

/**
 * How much history is kept: the oldest rows go first when either limit is passed. Pruned after each send
 * and once a day, and at once when the disk is full.
 */
export const DEFAULT_RETENTION = { maxEntries: 100_000, maxAgeDays: 180 } as const;

export const RetentionSchema = z.strictObject({
  maxEntries: z.number().check(z.int(), z.minimum(100, 'Keep at least 100'), z.maximum(1_000_000, 'At most 1,000,000')),
  maxAgeDays: z.number().check(z.int(), z.minimum(1, 'At least a day'), z.maximum(3_650, 'At most 10 years')),
});
export type Retention = z.infer<typeof RetentionSchema>;
