import * as z from 'zod/mini';
import { SecretNameSchema } from './secrets';

export const SIGNING_SCHEMES = ['pagerduty', 'standard-webhooks', 'github'] as const;
export type SigningScheme = (typeof SIGNING_SCHEMES)[number];

/**
 * A signature over the exact bytes sent, computed by the background at each attempt:
 * - `pagerduty`: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256(secret, body)>`, one per secret, comma-separated
 *   (PagerDuty signs with both secrets while one is rotated);
 * - `standard-webhooks`: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>` over
 *   `id.timestamp.body` with a `whsec_` key, one signature per secret, space-separated;
 * - `github`: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`, one secret.
 */
export const SigningSchema = z
  .strictObject({
    scheme: z.enum(SIGNING_SCHEMES),
    secrets: z.array(SecretNameSchema).check(z.minLength(1, 'Choose the signing secret'), z.maxLength(3)),
  })
  .check(
    z.superRefine((signing, ctx) => {
      if (signing.scheme === 'github' && signing.secrets.length > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['secrets'],
          message: 'GitHub signatures use one secret',
          input: signing,
        });
      if (new Set(signing.secrets).size !== signing.secrets.length)
        ctx.addIssue({ code: 'custom', path: ['secrets'], message: 'Each secret once', input: signing });
    }),
  );
export type Signing = z.infer<typeof SigningSchema>;

export const SIGNING_LABELS: Record<SigningScheme, string> = {
  pagerduty: 'PagerDuty (X-PagerDuty-Signature)',
  'standard-webhooks': 'Standard Webhooks (webhook-signature)',
  github: 'GitHub (X-Hub-Signature-256)',
};

/** The headers each scheme writes: the action may not set them itself. */
export const SIGNING_HEADERS: Record<SigningScheme, readonly string[]> = {
  pagerduty: ['x-pagerduty-signature'],
  'standard-webhooks': ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  github: ['x-hub-signature-256'],
};
