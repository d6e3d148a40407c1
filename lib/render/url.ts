import { fail, ok, type Result } from '../core/result';
import { MASK } from './mask';
import { isMaskingSecrets, renderTemplate, TemplateRefusal } from './template';

/** Outputs and tags replaced by a letter: what the URL looks like whatever the values are. */
const TEMPLATE_PARTS = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

const RAW_FILTER = /\|\s*raw(?![\w-])/;

/**
 * `| raw` skips the encoding that keeps a value from adding `/`, `..`, `?`, `#`, `&` or `=`: refused in URLs and
 * form bodies, at save, import and render (design rule 4). Raw has no use there: literal structure belongs in the
 * template itself.
 */
export function rawOutputProblem(template: string, where: string): string | undefined {
  return template.match(TEMPLATE_PARTS)?.some((part) => RAW_FILTER.test(part))
    ? `"| raw" cannot be used in ${where}: values are encoded there so they cannot change its structure`
    : undefined;
}

/** Edit-time check: the URL must be http(s) with a literal scheme, host and port, and no raw output. */
export function urlTemplateProblem(template: string): string | undefined {
  const raw = rawOutputProblem(template, 'the URL');
  if (raw) return raw;
  const authority = AUTHORITY.exec(template)?.[0];
  if (!authority) return 'Enter a full URL starting with https://';
  if (authority.includes('{{') || authority.includes('{%')) {
    return 'The scheme, host and port cannot contain placeholders';
  }
  let parsed: URL;
  try {
    parsed = new URL(template.replace(TEMPLATE_PARTS, 'x'));
  } catch {
    return 'Not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Only http and https URLs can be called';
  if (parsed.username || parsed.password) return 'Put credentials in a secret header, not in the URL';
  if (!parsed.hostname) return 'The URL needs a host';
  return undefined;
}

export function templateOrigin(template: string): string {
  return new URL(template.replace(TEMPLATE_PARTS, 'x')).origin;
}

/**
 * Values are percent-encoded, so they can add to the path or query but never change the origin. A value
 * that is `.` or `..` would still move the path (URL parsers resolve `%2E%2E` too), so it is refused.
 */
export function renderUrl(template: string, scope: object): Result<string> {
  const problem = urlTemplateProblem(template);
  if (problem) return fail(problem);
  const rendered = renderTemplate(template, scope, (value) => {
    if (value === '.' || value === '..') {
      throw new TemplateRefusal(`A value of "${value}" would change the URL path: refused`);
    }
    if (!value.isWellFormed()) {
      throw new TemplateRefusal(
        'A value contains a broken character (lone surrogate) that cannot go in a URL: refused',
      );
    }
    return encodeURIComponent(value);
  });
  if (!rendered.ok) return rendered;
  // A URL a secret shapes beyond one value shows only its origin.
  if (isMaskingSecrets() && rendered.value === MASK) return ok(`${templateOrigin(template)}/${MASK}`);
  const url = new URL(rendered.value);
  if (url.origin !== templateOrigin(template)) return fail('A value would change the endpoint origin: refused');
  return ok(url.href);
}
