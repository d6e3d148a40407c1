import * as z from 'zod/mini';

export const MIN_REFRESH_MINUTES = 5;
export const DEFAULT_REFRESH_MINUTES = 60;
export const MAX_REFRESH_MINUTES = 7 * 24 * 60;

/**
 * A team's config served over HTTPS, followed by this browser: refreshed on a schedule with its ETag, its
 * actions read-only here. A failed refresh keeps the last good config and says so.
 */
export const SubscriptionSchema = z.strictObject({
  /** `sub-` and 8 hex digits: the prefix of its actions' ids. */
  id: z.string().check(z.regex(/^sub-[0-9a-f]{8}$/)),
  url: z.string().check(
    z.maxLength(2_048),
    z.refine((value) => {
      try {
        return new URL(value).protocol === 'https:';
      } catch {
        return false;
      }
    }, 'A subscription URL starts with https://'),
  ),
  refreshMinutes: z.number().check(z.int(), z.minimum(MIN_REFRESH_MINUTES), z.maximum(MAX_REFRESH_MINUTES)),
  /** Set by the browser policy: it cannot be removed here. */
  fromPolicy: z.optional(z.boolean()),
  etag: z.optional(z.string().check(z.maxLength(500))),
  lastCheckedAt: z.optional(z.number()),
  /** When the config now in use was fetched. */
  lastGoodAt: z.optional(z.number()),
  /** What the last refresh that changed something changed, in words. */
  lastChange: z.optional(z.string().check(z.maxLength(2_000))),
  /**
   * Changes to constants, custom sites and site fixes the last fetched config makes, held until the user accepts
   * them in the options page (design rule 11): `config` is that file as fetched, `summary` what it would change.
   * A policy's subscription has none: an admin's changes apply at once.
   */
  pending: z.optional(
    z.strictObject({
      config: z.string().check(z.maxLength(6 * 1024 * 1024)),
      summary: z.string().check(z.maxLength(2_000)),
      fetchedAt: z.number(),
    }),
  ),
  /** Why the last refresh failed; cleared by the next one that works. */
  lastError: z.optional(z.string().check(z.maxLength(2_000))),
  createdAt: z.number(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export function newSubscriptionId(): string {
  return `sub-${crypto.randomUUID().replaceAll('-', '').slice(0, 8)}`;
}
