import { type Constant, ConstantsSchema } from '../model/constants';
import { announce } from './announce';
import type { Database } from './database';

const KEY = 'constants';

export async function getConstants(db: Database): Promise<Constant[]> {
  const record = await db.get('settings', KEY);
  return record?.key === KEY ? record.value : [];
}

export async function saveConstants(db: Database, constants: Constant[]): Promise<Constant[]> {
  const valid = ConstantsSchema.parse(constants);
  await db.put('settings', { key: KEY, value: valid });
  // Labels and conditions use them: the buttons an incident shows may change.
  await announce('actionsChangedAt');
  return valid;
}

const POLICY_KEY = 'policyConstants';

/** The names of the constants the browser policy's config set (an admin's: no subscription overrides them). */
export async function getPolicyConstantNames(db: Database): Promise<string[]> {
  const record = await db.get('settings', POLICY_KEY);
  return record?.key === POLICY_KEY ? record.value : [];
}

export async function savePolicyConstantNames(db: Database, names: readonly string[]): Promise<void> {
  await db.put('settings', { key: POLICY_KEY, value: [...names].sort() });
}
