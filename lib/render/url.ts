import type { Lookup } from './placeholders';
import { renderText } from './placeholders';
import { fail, ok, type Result } from './result';

const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** Edit-time check: the URL must be http(s) with a literal scheme, host and port. */
export function urlTemplateProblem(template: string): string | undefined {
  const authority = AUTHORITY.exec(template)?.[0];
  if (!authority) return 'Enter a full URL starting with https://';
  if (authority.includes('{{')) return 'The scheme, host and port cannot contain placeholders';
  let parsed: URL;
  try {
    parsed = new URL(template.replace(/\{\{[^{}]*\}\}/g, 'x'));
  } catch {
    return 'Not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Only http and https URLs can be called';
  if (parsed.username || parsed.password) return 'Put credentials in a secret header, not in the URL';
  if (!parsed.hostname) return 'The URL needs a host';
  return undefined;
}

export function templateOrigin(template: string): string {
  return new URL(template.replace(/\{\{[^{}]*\}\}/g, 'x')).origin;
}

/**
 * Values are percent-encoded, so they can add to the path or query but never change the origin. A value
 * that is `.` or `..` would still move the path (URL parsers resolve `%2E%2E` too), so it is refused.
 */
export function renderUrl(template: string, lookup: Lookup): Result<string> {
  const problem = urlTemplateProblem(template);
  if (problem) return fail(problem);
  let refused: string | undefined;
  const rendered = renderText(template, lookup, (value) => {
    if (value === '.' || value === '..') refused ??= `A value of "${value}" would change the URL path: refused`;
    else if (!value.isWellFormed())
      refused ??= 'A value contains a broken character (lone surrogate) that cannot go in a URL: refused';
    return refused ? '' : encodeURIComponent(value);
  });
  if (refused) return fail(refused);
  if (!rendered.ok) return rendered;
  const url = new URL(rendered.value);
  if (url.origin !== templateOrigin(template)) return fail('A value would change the endpoint origin: refused');
  return ok(url.href);
}
