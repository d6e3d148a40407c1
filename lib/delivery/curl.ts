import type { RenderedRequest } from '../model/request';

/** POSIX shell single-quoting: safe for any text, including quotes, `$` and line breaks. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The request as a curl command, byte for byte what the extension sends (body with --data-binary, so curl
 * neither strips line breaks nor reads `@file`). The caller decides whether secrets are masked first.
 */
export function toCurl(request: RenderedRequest): string {
  const parts = [`curl -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of request.headers) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-binary ${quote(request.body)}`);
  return parts.join(' \\\n  ');
}
