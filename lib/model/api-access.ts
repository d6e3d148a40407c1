import * as z from 'zod/mini';

/**
 * A token the user saved so the background can read incidents from a vendor's API. The token is a secret
 * (design rule 2): it stays in the extension's IndexedDB, is never sent to a content script or shown again, and
 * only its last four characters are listed.
 */
export const ApiAccessSchema = z.strictObject({
  site: z.enum(['pagerduty', 'opsgenie', 'grafana-oncall', 'incident-io', 'pagertree']),
  /** The API's base URL: https, or http only to this machine (a local test double or tunnel). */
  base: z.url({ protocol: /^https?$/ }).check(
    z.refine((value) => {
      const url = new URL(value);
      return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    }, 'The API must be https (http only for this machine)'),
    z.refine((value) => !new URL(value).search && !new URL(value).hash, 'No query or fragment in the base URL'),
  ),
  token: z
    .string()
    .check(
      z.trim(),
      z.minLength(8, 'Paste the whole token'),
      z.maxLength(4_096),
      z.regex(/^[\x21-\x7e]+$/, 'A token is printable ASCII without spaces'),
    ),
  savedAt: z.number(),
});
export type ApiAccess = z.infer<typeof ApiAccessSchema>;

/** What the options page may list: never the token itself. */
export interface ApiAccessSummary {
  site: ApiAccess['site'];
  base: string;
  tokenEnd: string;
  savedAt: number;
}

export function summarizeApiAccess(access: ApiAccess): ApiAccessSummary {
  return { site: access.site, base: access.base, tokenEnd: access.token.slice(-4), savedAt: access.savedAt };
}
