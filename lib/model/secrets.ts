import * as z from 'zod/mini';

/** How templates, auth and signing name a secret: `{{ secrets.rundeck_token }}`. */
const SECRET_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const SecretNameSchema = z
  .string()
  .check(z.regex(SECRET_NAME, 'A secret name is lower-case letters, digits and _, starting with a letter'));

/**
 * A token, password or signing key the user saved once and actions use by name. It is a secret (design rule 2): it
 * stays in the extension's IndexedDB, never reaches a content script, and is masked wherever a request is
 * shown (the modal, the log, "Copy as cURL"). Exports carry the name only.
 */
export const SecretSchema = z.strictObject({
  name: SecretNameSchema,
  value: z
    .string()
    .check(z.minLength(1, 'Enter the secret'), z.maxLength(4_096), z.regex(/^[^\r\n\0]*$/, 'A secret is one line')),
  savedAt: z.number(),
});
export type Secret = z.infer<typeof SecretSchema>;

/** What the options page lists: never the value. */
export interface SecretSummary {
  name: string;
  valueEnd: string;
  savedAt: number;
}

export function summarizeSecret(secret: Secret): SecretSummary {
  // Short secrets show nothing of themselves.
  const valueEnd = secret.value.length >= 12 ? secret.value.slice(-4) : '';
  return { name: secret.name, valueEnd, savedAt: secret.savedAt };
}

/** The secrets as templates see them, `{{ secrets.<name> }}`. */
export function secretsScope(list: readonly Secret[]): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const secret of list) scope[secret.name] = secret.value;
  return scope;
}
