import { type Secret, type SecretInput, SecretSchema, type SecretSummary, summarizeSecret } from '../model/secrets';
import { announce } from './announce';
import type { Database } from './database';

export function listSecrets(db: Database): Promise<Secret[]> {
  return db.getAll('secrets');
}

export async function saveSecret(db: Database, secret: SecretInput): Promise<SecretSummary> {
  const valid = SecretSchema.parse(secret);
  await db.put('secrets', valid);
  await announce('settingsChangedAt');
  return summarizeSecret(valid);
}

export async function deleteSecret(db: Database, name: string): Promise<void> {
  await db.delete('secrets', name);
  await announce('settingsChangedAt');
}

/** Binds a saved secret to one more origin, keeping its value: the user's click on "Allow <origin> for <secret>". */
export async function allowSecretOrigin(db: Database, name: string, origin: string): Promise<void> {
  const secret = await db.get('secrets', name);
  if (!secret || secret.origins.includes(origin)) return;
  await saveSecret(db, { ...secret, origins: [...secret.origins, origin] });
}

/** Replaces a saved secret's origins, keeping its value. */
export async function setSecretOrigins(db: Database, name: string, origins: readonly string[]): Promise<void> {
  const secret = await db.get('secrets', name);
  if (!secret) return;
  await saveSecret(db, { ...secret, origins: [...origins] });
}
