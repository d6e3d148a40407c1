import { type ApiAccess, ApiAccessSchema, type ApiAccessSummary, summarizeApiAccess } from '../model/api-access';
import { announce } from './announce';
import type { Database } from './database';

export function getApiAccess(db: Database, site: string): Promise<ApiAccess | undefined> {
  return db.get('apiAccess', site);
}

export async function listApiAccess(db: Database): Promise<ApiAccessSummary[]> {
  return (await db.getAll('apiAccess')).map(summarizeApiAccess);
}

export async function saveApiAccess(db: Database, access: ApiAccess): Promise<ApiAccessSummary> {
  const valid = ApiAccessSchema.parse(access);
  await db.put('apiAccess', valid);
  await announce('settingsChangedAt');
  return summarizeApiAccess(valid);
}

export async function deleteApiAccess(db: Database, site: string): Promise<void> {
  await db.delete('apiAccess', site);
  await announce('settingsChangedAt');
}
