import { type CustomSite, CustomSiteSchema } from '../model/custom-site';
import { announce } from './announce';
import type { Database } from './database';

export async function listCustomSites(db: Database): Promise<CustomSite[]> {
  return (await db.getAll('sites')).sort((a, b) => a.createdAt - b.createdAt);
}

export async function saveCustomSite(db: Database, site: CustomSite): Promise<CustomSite> {
  const valid = CustomSiteSchema.parse(site);
  await db.put('sites', valid);
  await announce('actionsChangedAt');
  return valid;
}

export async function deleteCustomSite(db: Database, id: string): Promise<void> {
  await db.delete('sites', id);
  await announce('actionsChangedAt');
}
