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
