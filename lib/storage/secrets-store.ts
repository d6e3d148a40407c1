import { type Secret, SecretSchema, type SecretSummary, summarizeSecret } from '../model/secrets';
import { announce } from './announce';
import type { Database } from './database';

export function listSecrets(db: Database): Promise<Secret[]> {
  return db.getAll('secrets');
}

export async function saveSecret(db: Database, secret: Secret): Promise<SecretSummary> {
  const valid = SecretSchema.parse(secret);
  await db.put('secrets', valid);
  await announce('settingsChangedAt');
  return summarizeSecret(valid);
}

export async function deleteSecret(db: Database, name: string): Promise<void> {
  await db.delete('secrets', name);
  await announce('settingsChangedAt');
}
