import * as z from 'zod/mini';
import { type ManagedBy, ManagedBySchema } from './action';
import { PageFieldSchema } from './custom-site';
import { SiteIdSchema } from './incident';

/**
 * A repair of how a site's incident pages are read, made when the vendor changed its markup: where the buttons
 * dock and which element holds a field, as selectors a responder picked on the page (or an admin wrote). A fix is
 * data, not code: it travels in config files, team subscriptions and the browser policy, so one person's repair
 * serves the whole team. Its fields win over the adapter's reading; the adapter still reads everything else.
 */
export const SiteFixSchema = z.strictObject({
  /** The site's id for the user's own fix; `policy:<site>` or `<subscription id>:<site>` for an admin's. */
  id: z.string().check(z.minLength(1), z.maxLength(160)),
  site: SiteIdSchema,
  /** Where the buttons go; absent: where the adapter finds its dock. */
  dockSelector: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  fields: z.array(PageFieldSchema).check(z.maxLength(30)),
  /**
   * Set by an admin (meaningful on a subscription's fix; the policy's are always locked): responders cannot override
   * this fix on their machine. A locked fix with no dock and no
   * fields resets the site to the adapter's own reading for everyone.
   */
  locked: z.optional(z.boolean()),
  managedBy: z.optional(ManagedBySchema),
  updatedAt: z.number(),
});
export type SiteFix = z.infer<typeof SiteFixSchema>;

/** Where the fix in force came from, for the options page and the picker's answer. */
export type SiteFixOrigin = 'policy' | 'subscription' | 'own';

/** The key a fix is stored under, so that no file can overwrite the user's own fix or another owner's. */
export function siteFixId(site: string, owner?: ManagedBy): string {
  if (!owner) return site;
  return owner.kind === 'policy' ? `policy:${site}` : `${owner.subscriptionId}:${site}`;
}

export function siteFixOrigin(fix: SiteFix): SiteFixOrigin {
  return fix.managedBy ? (fix.managedBy.kind === 'policy' ? 'policy' : 'subscription') : 'own';
}

/**
 * The one fix that applies to a site: the policy's; else a subscription's locked one; else the user's own; else
 * the newest subscription's. An admin's lock is the only thing that beats a responder's own repair, which is
 * usually the freshest (made on today's page).
 */
export function fixInForce(fixes: readonly SiteFix[], site: string): SiteFix | undefined {
  const forSite = fixes.filter((fix) => fix.site === site);
  const subscribed = forSite
    .filter((fix) => fix.managedBy?.kind === 'subscription')
    .sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    forSite.find((fix) => fix.managedBy?.kind === 'policy') ??
    subscribed.find((fix) => fix.locked) ??
    forSite.find((fix) => !fix.managedBy) ??
    subscribed[0]
  );
}

/** Why a responder cannot save a fix of their own for this site (an admin locked it), or undefined. */
export function lockedBy(fixes: readonly SiteFix[], site: string): string | undefined {
  const fix = fixInForce(fixes, site);
  if (!fix?.managedBy || (fix.managedBy.kind === 'subscription' && !fix.locked)) return undefined;
  return fix.managedBy.kind === 'policy'
    ? "Your organization's policy fixes how this site is read"
    : 'A team subscription locked how this site is read';
}
