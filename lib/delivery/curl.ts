import type { RenderedRequest } from '../model/request';

/** POSIX shell single-quoting: safe for any text, including quotes, `$` and line breaks. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The request as a curl command, byte for byte what the extension sends (body with --data-raw: like
 * --data-binary it keeps line breaks, and unlike it never reads `@file`; curl 7.43 and later). The caller decides whether secrets are masked first.
 */
export function toCurl(request: RenderedRequest): string {
  const parts = [`curl -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of request.headers) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-raw ${quote(request.body)}`);
  return parts.join(' \\\n  ');
}
