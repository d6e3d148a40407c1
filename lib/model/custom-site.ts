import * as z from 'zod/mini';
import { fieldRegexProblem } from '../core/field-regex';
import { CUSTOM_SITE_FIELDS } from './page-fields';

export { CUSTOM_SITE_FIELDS };

/**
 * A site the user teaches the extension: a self-hosted or in-house incident page. Where its pages are (a
 * match pattern), how to find the incident id (a regex over the URL path), and where each field is shown
 * (CSS selector, optional attribute, optional regex whose first group is the value). No secrets in here.
 */

/** A match pattern for one host (optionally `*.` subdomains), https or http: never every site. */
const MATCH_PATTERN = /^(https?):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?\/.*$/i;

/**
 * Common public suffixes: `*.` right over one of these would cover every customer's site under it. A short list
 * kept here rather than the whole Public Suffix List (tldts), which the options page and background would carry for
 * a check that only has to stop the obvious mistakes.
 */
const PUBLIC_SUFFIXES = new Set([
  ...['com', 'net', 'org', 'io', 'co', 'app', 'dev', 'cloud', 'ai', 'info', 'biz', 'me', 'us', 'eu', 'tech'],
  ...['xyz', 'site', 'online', 'page', 'tv', 'cc', 'de', 'fr', 'nl', 'es', 'it', 'ch', 'se', 'uk', 'ca', 'in'],
  ...['jp', 'au', 'br', 'cn', 'ru', 'pl', 'be', 'at', 'dk', 'no', 'fi', 'ie', 'nz', 'sg', 'za', 'mx', 'kr', 'il'],
  ...['co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp', 'co.in'],
  ...['com.br', 'com.cn', 'com.mx', 'co.za', 'co.kr', 'com.sg', 'co.il', 'com.tr', 'com.ar', 'gov', 'edu', 'mil'],
  // Hosts where anyone gets a subdomain (the Public Suffix List's private part).
  ...['github.io', 'gitlab.io', 'herokuapp.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev'],
  ...['web.app', 'firebaseapp.com', 'appspot.com', 'azurewebsites.net', 'cloudfront.net', 'amazonaws.com'],
  ...['onrender.com', 'fly.dev', 'ngrok.io', 'ngrok-free.app', 'blogspot.com'],
]);

/** Whether a pattern's `*.` sits right over a public suffix (`https://*.com/*`, `https://*.co.uk/*`). */
function wildcardOverPublicSuffix(pattern: string): boolean {
  const host = /^https?:\/\/\*\.([^/:]+)/i.exec(pattern.trim())?.[1];
  return host !== undefined && PUBLIC_SUFFIXES.has(host.toLowerCase().replace(/\.$/, ''));
}

const compiles = (flags = '') =>
  z.superRefine((value: string, ctx) => {
    try {
      new RegExp(value, flags);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a valid regular expression: ${(error as Error).message}`,
        input: value,
      });
    }
  });

/** Where a page shows one field: a site the user defines, or a fix to a built-in site's reading (site-fix.ts). */
export const PageFieldSchema = z.strictObject({
  /** A normalized field, or `custom_fields.<name>`. */
  field: z
    .string()
    .check(
      z.regex(
        new RegExp(
          `^(${CUSTOM_SITE_FIELDS.join('|')}|custom_fields\\.(?!__proto__$|constructor$|prototype$)[A-Za-z0-9_ -]{1,60})$`,
        ),
        'Choose a field, or custom_fields.<name>',
      ),
    ),
  selector: z.string().check(z.minLength(1, 'Enter a CSS selector'), z.maxLength(500)),
  attribute: z.optional(z.string().check(z.regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/, 'Not an attribute name'))),
  regex: z.optional(
    z.string().check(
      z.maxLength(500),
      compiles(),
      z.superRefine((value: string, ctx) => {
        const problem = fieldRegexProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    ),
  ),
});
export type CustomField = z.infer<typeof PageFieldSchema>;

export const CustomSiteSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'Lower-case letters, digits and -')),
  name: z.string().check(z.trim(), z.minLength(1, 'Give the site a name'), z.maxLength(60)),
  urlPattern: z.string().check(
    z.trim(),
    z.regex(MATCH_PATTERN, 'A pattern like https://oncall.example.com/* (one host; *. for its subdomains)'),
    z.refine(
      (pattern) => !wildcardOverPublicSuffix(pattern),
      'That *. covers every site under a public suffix: put your own domain after it, like https://*.example.com/*',
    ),
  ),
  /** Over the URL's path and query; its first capture group is the incident id. */
  incidentIdRegex: z.string().check(
    z.minLength(1),
    z.maxLength(500),
    compiles(),
    z.refine((value) => captureGroups(value) >= 1, 'Put the id in a capture group: ^/incidents/([A-Z0-9-]+)'),
  ),
  anchorSelector: z.optional(z.string().check(z.maxLength(500))),
  fields: z.array(PageFieldSchema).check(z.maxLength(30)),
  /**
   * Read the pages as a built-in site does, on this one host: `grafana-oncall` for a self-hosted Grafana OnCall,
   * `opsgenie` for JSM Operations alerts on a Jira site's custom domain (the site's URL check, markers, fields and
   * dock; the id regex, dock selector and fields above are then not used).
   */
  reads: z.optional(z.enum(['grafana-oncall', 'opsgenie'])),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CustomSite = z.infer<typeof CustomSiteSchema>;

/** How many capture groups a pattern has (an invalid one is reported elsewhere, so it counts as fine). */
function captureGroups(source: string): number {
  try {
    return (new RegExp(`${source}|`).exec('') ?? ['']).length - 1;
  } catch {
    return 1;
  }
}
