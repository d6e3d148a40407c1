import type { CustomField } from '../model/custom-site';
import { lockedBy, type SiteFix, SiteFixSchema, siteFixId } from '../model/site-fix';
import { announce } from './announce';
import type { Database } from './database';

export function listSiteFixes(db: Database): Promise<SiteFix[]> {
  return db.getAll('siteFixes');
}

/** What a responder changes from the page: the dock, or one field's element (replacing that field's old one). */
export type OwnFixChange = { dockSelector: string } | { field: CustomField };

/**
 * Adds a change to the user's own fix of a site, unless an admin locked the site (then nothing is written and
 * the reason is returned). The page re-reads itself on the announcement.
 */
export async function saveOwnFix(
  db: Database,
  site: string,
  change: OwnFixChange,
  now: number,
): Promise<{ ok: true; fix: SiteFix } | { ok: false; error: string }> {
  const tx = db.transaction('siteFixes', 'readwrite');
  const all = await tx.store.getAll();
  const locked = lockedBy(all, site);
  if (locked) {
    await tx.done;
    return { ok: false, error: locked };
  }
  const before = all.find((fix) => fix.id === siteFixId(site)) ?? { id: siteFixId(site), site, fields: [] };
  const fix = SiteFixSchema.parse(
    'dockSelector' in change
      ? { ...before, dockSelector: change.dockSelector, updatedAt: now }
      : {
          ...before,
          fields: [...before.fields.filter((field) => field.field !== change.field.field), change.field],
          updatedAt: now,
        },
  );
  await tx.store.put(fix);
  await tx.done;
  await announce('actionsChangedAt');
  return { ok: true, fix };
}

/** Back to the adapter's own reading (or the admin's fix): removes the user's own fix of the site. */
export async function resetOwnFix(db: Database, site: string): Promise<void> {
  await db.delete('siteFixes', siteFixId(site));
  await announce('actionsChangedAt');
}
