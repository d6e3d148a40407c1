import * as z from 'zod/mini';
import { SecretNameSchema } from './secrets';

/** RFC 9110 token: what a header name may be. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * How the endpoint knows the request is the user's: a saved secret, named, put where the receiver looks
 * for it. Added by the background after the templates are rendered, and masked wherever the request shows.
 */
export const AuthSchema = z.discriminatedUnion('kind', [
  /** `Authorization: Bearer <secret>` (Rundeck API tokens, most SaaS APIs). */
  z.strictObject({ kind: z.literal('bearer'), secret: SecretNameSchema }),
  /** `Authorization: Basic base64(username:secret)`. */
  z.strictObject({
    kind: z.literal('basic'),
    username: z.string().check(z.minLength(1, 'Enter the user name'), z.maxLength(200), z.regex(/^[^:\r\n\0]*$/)),
    secret: SecretNameSchema,
  }),
  /** A header of the receiver's choosing: `pagertree-token`, `X-Rundeck-Auth-Token`, `X-API-Key`. */
  z.strictObject({
    kind: z.literal('header'),
    header: z.string().check(z.regex(HEADER_NAME, 'A header name is letters, digits and - (no spaces or colons)')),
    secret: SecretNameSchema,
  }),
  /** `?<param>=<secret>` on the URL, for receivers that take nothing else (Rundeck's `authtoken`). */
  z.strictObject({
    kind: z.literal('query'),
    param: z.string().check(z.regex(/^[A-Za-z0-9_.~-]{1,100}$/, 'A parameter name is letters, digits and _ . ~ -')),
    secret: SecretNameSchema,
  }),
]);
export type Auth = z.infer<typeof AuthSchema>;
export type AuthKind = Auth['kind'];
