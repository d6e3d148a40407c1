import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The self-signed certificate for 127.0.0.1 and localhost in test/support/tls/, which the test config servers
 * present (config-server.ts for unit tests, the subscription e2e). Test-only: its private key is in the repository.
 */
export const TLS_CERT_PATH = fileURLToPath(new URL('./tls/localhost.crt', import.meta.url));
export const TLS_KEY_PATH = fileURLToPath(new URL('./tls/localhost.key', import.meta.url));

/** The certificate's public key as Chromium's `--ignore-certificate-errors-spki-list` names it: base64 SHA-256. */
export function tlsSpkiHash(): string {
  const spki = new X509Certificate(readFileSync(TLS_CERT_PATH)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
