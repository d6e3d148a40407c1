import { constantsScope } from '../model/constants';
import { secretOriginsScope, secretsScope } from '../model/secrets';
import type { RenderContext } from '../render/request';
import { getConstants } from '../storage/constants-store';
import type { Database } from '../storage/database';
import { listSecrets } from '../storage/secrets-store';

/** The stored values a request is rendered with: shared constants and saved secrets, with where each may go. */
export async function loadRenderContext(
  db: Database,
  extra: Pick<RenderContext, 'answers' | 'invocation'> = {},
): Promise<
  RenderContext & {
    secrets: Record<string, string>;
    secretValues: string[];
    secretOrigins: Record<string, readonly string[]>;
  }
> {
  const [constants, secrets] = await Promise.all([getConstants(db), listSecrets(db)]);
  return {
    ...extra,
    constants: constantsScope(constants),
    secrets: secretsScope(secrets),
    secretValues: secrets.map((secret) => secret.value),
    secretOrigins: secretOriginsScope(secrets),
  };
}
