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
export const MAX_SECRET_ORIGINS = 20;

/**
 * `https://rundeck.example.com`, `http://127.0.0.1:8080`: the origin of a URL written without a path, lower-case,
 * default port dropped; undefined for anything else (a path, a query, credentials, another scheme).
 */
export function normalizeOrigin(text: string): string | undefined {
  const trimmed = text.trim().replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#@]+$/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

const SecretOriginSchema = z
  .string()
  .check(
    z.refine(
      (text) => normalizeOrigin(text) === text,
      'An origin is like https://rundeck.example.com: no path, lower-case',
    ),
  );

/**
 * A token, password or signing key the user saved once and actions use by name. It is a secret (design rule 2): it
 * stays in the extension's IndexedDB, never reaches a content script, and is masked wherever a request is
 * shown (the modal, the log, "Copy as cURL"). Exports carry the name only. It goes only to its `origins`
 * (design rule 10), so a subscription cannot point it elsewhere; none means it goes nowhere yet.
 */
export const SecretSchema = z.strictObject({
  name: SecretNameSchema,
  value: z
    .string()
    .check(z.minLength(1, 'Enter the secret'), z.maxLength(4_096), z.regex(/^[^\r\n\0]*$/, 'A secret is one line')),
  savedAt: z.number(),
  origins: z._default(
    z
      .array(SecretOriginSchema)
      .check(z.maxLength(MAX_SECRET_ORIGINS, `A secret goes to at most ${MAX_SECRET_ORIGINS} origins`)),
    () => [],
  ),
});
export type Secret = z.infer<typeof SecretSchema>;
/** A secret as saved: without `origins`, it is bound to none. */
export type SecretInput = z.input<typeof SecretSchema>;

/** The origins typed one per line, normalized and deduplicated; the lines that are not an origin, as an error. */
export function parseOriginLines(text: string): { origins: string[]; error?: string } {
  const origins = new Set<string>();
  const wrong: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const origin = normalizeOrigin(line);
    if (origin) origins.add(origin);
    else wrong.push(line.trim());
  }
  const error =
    wrong.length > 0
      ? `Not an origin (write https://host or http://host:port, without a path): ${wrong.join(', ')}`
      : origins.size > MAX_SECRET_ORIGINS
        ? `A secret goes to at most ${MAX_SECRET_ORIGINS} origins`
        : undefined;
  return { origins: [...origins], ...(error ? { error } : {}) };
}

/** Each secret's allowed origins, by name. */
export function secretOriginsScope(list: readonly Secret[]): Record<string, readonly string[]> {
  const scope: Record<string, readonly string[]> = {};
  for (const secret of list) scope[secret.name] = secret.origins;
  return scope;
}

/**
 * Why a request to `origin` may not carry these secrets, naming the first one not bound to it; undefined when all
 * are. A name with no saved secret is left to rendering, which says it is missing.
 */
export function secretOriginProblem(
  names: readonly string[],
  origin: string,
  origins: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  for (const name of names) {
    const allowed = Object.hasOwn(origins, name) ? origins[name] : undefined;
    if (!allowed || allowed.includes(origin)) continue;
    const where = allowed.length > 0 ? `may be sent only to ${allowed.join(', ')}` : 'is not bound to any origin yet';
    return `The secret ${name} ${where}; this action sends to ${origin}: add the origin to the secret under Secrets`;
  }
  return undefined;
}

/** What the options page lists: never the value. */
export interface SecretSummary {
  name: string;
  valueEnd: string;
  savedAt: number;
  origins: string[];
}

export function summarizeSecret(secret: Secret): SecretSummary {
  // Short secrets show nothing of themselves.
  const valueEnd = secret.value.length >= 12 ? secret.value.slice(-4) : '';
  return { name: secret.name, valueEnd, savedAt: secret.savedAt, origins: secret.origins };
}

/** The secrets as templates see them, `{{ secrets.<name> }}`. */
export function secretsScope(list: readonly Secret[]): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const secret of list) scope[secret.name] = secret.value;
  return scope;
}
