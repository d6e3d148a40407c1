import { Drop, Liquid, type TagToken, type Template, Tokenizer, type TopLevelToken, TypeGuards } from 'liquidjs';
import { fail, ok, type Result } from '../core/result';
import { MASK } from './mask';

/**
 * Templates are Liquid (LiquidJS: eval-free, so MV3's CSP holds) in the `{{incident.id}}` syntax PagerDuty
 * users know, with Liquid's filters: `default`, `upcase`, `downcase`, `truncate`, `date`, `url_encode`,
 * `json`, `join`, ... Rendering runs in the background and the options page, never in a content script.
 *
 * What the product adds around the engine:
 * - every `{{ output }}` without a `default` filter must have a value: one that is missing is named, and
 *   nothing is sent with a hole in it;
 * - values are inserted once, as text, so a value containing `{{ }}` is never expanded;
 * - scope objects expose their own properties only: `__proto__` or `constructor` in a path reads nothing;
 * - no file system (`include`/`render` find nothing) and limits on template size, render time and memory.
 */
const REQUIRED_FILTER = 'ia_required_value';
const SECRET_FILTER = 'ia_secret_output';

const engine = new Liquid({
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: false,
  templates: {},
  parseLimit: 200_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
  timezoneOffset: 0,
  outputEscape: (value: unknown) => escapeOutput(value),
});

/** The render in progress: rendering is synchronous, so one slot serves every call. */
let active: { labels: readonly string[]; missing: Set<string>; escape: (text: string) => string } | undefined;

/** Set while `maskingSecretOutputs` renders: outputs that come from `secrets` render as the mask. */
let masking = false;

/** What a secret output evaluates to in a masked render; reads as the mask even where no escape runs. */
const SECRET_OUTPUT = Object.freeze({ toString: () => MASK });

// Appended, in masked renders only, as the last filter of each output that comes from a secret.
engine.registerFilter(SECRET_FILTER, () => SECRET_OUTPUT);

// Inserted by `markRequiredOutputs` as the first filter of each output that has no `default`.
engine.registerFilter(REQUIRED_FILTER, (value: unknown, index: number) => {
  if (active && (value === undefined || value === null)) active.missing.add(active.labels[index] ?? '?');
  return value;
});

function escapeOutput(value: unknown): string {
  // The mask is not encoded: a URL or form shows it as it is.
  if (value === SECRET_OUTPUT) return MASK;
  const text = valueText(value);
  return active ? active.escape(text) : text;
}

/** How a value reads as text: lists as their items joined by ", ", references by their name. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Parsed templates by source: actions are rendered again and again with the same few templates. */
const parsed = new Map<string, Template[]>();
function parse(source: string): Template[] {
  let templates = parsed.get(source);
  if (!templates) {
    templates = engine.parse(source);
    if (parsed.size > 500) parsed.clear();
    parsed.set(source, templates);
  }
  return templates;
}

/**
 * Renders a template over a scope (`{incident, ...}`). `encode` is applied to each output's text (URL
 * templates percent-encode in `encode`); it may throw a `TemplateRefusal` to refuse a value. Missing values fail
 * the render, unless `collect` is given: then they are added to it (to name every hole of a whole body).
 */
export function renderTemplate(
  template: string,
  scope: object,
  encode: (text: string) => string = (text) => text,
  collect?: Set<string>,
): Result<string> {
  const { source, labels, shown } = markRequiredOutputs(template);
  if (masking && shown.everywhere) return ok(MASK);
  const rendered = masking ? shown.source : source;
  return withRequiredValues(labels, encode, collect, () => String(engine.renderSync(parse(rendered), scope)));
}

/**
 * Runs `render` (a whole request's rendering) with every output that comes from `secrets` rendered as the mask,
 * whatever filters it went through: what the modal, the log and "Copy as cURL" show (design rule 10).
 */
export function maskingSecretOutputs<T>(render: () => T): T {
  const before = masking;
  masking = true;
  try {
    return render();
  } finally {
    masking = before;
  }
}

/** True inside `maskingSecretOutputs`. */
export function isMaskingSecrets(): boolean {
  return masking;
}

/**
 * The value of a template that is exactly one output, with its type (a number stays a number, a list a
 * list), for JSON bodies. Undefined when the template is anything else.
 */
export function renderSoleValue(template: string, scope: object, collect?: Set<string>): Result<unknown> | undefined {
  const { labels, sole, shown } = markRequiredOutputs(template);
  if (sole === undefined) return undefined;
  if (masking && (shown.everywhere || shown.sole)) return ok(MASK);
  return withRequiredValues(
    labels,
    (text) => text,
    collect,
    () => plainValue(engine.evalValueSync(sole, scope)),
  );
}

/** Liquid's literals `nil`, `empty` and `blank` evaluate to drops; JSON wants what they stand for. */
function plainValue(value: unknown): unknown {
  return value instanceof Drop ? (value.valueOf() as unknown) : value;
}

/**
 * Runs one render with the required-value filter and the output encoder pointed at this call's labels,
 * missing set and encoder. Missing values fail the render unless they are being collected.
 */
function withRequiredValues<T>(
  labels: readonly string[],
  encode: (text: string) => string,
  collect: Set<string> | undefined,
  render: () => T,
): Result<T> {
  const missing = collect ?? new Set<string>();
  active = { labels, missing, escape: encode };
  try {
    const value = render();
    return !collect && missing.size > 0 ? fail(missingMessage([...missing])) : ok(value);
  } catch (error) {
    return fail(renderErrorMessage(error));
  } finally {
    active = undefined;
  }
}

/** The value at a variable path (`incident.title`, `variables.host`), or undefined. */
export function readPath(path: string, scope: object): unknown {
  try {
    return engine.evalValueSync(path, scope) as unknown;
  } catch {
    return undefined;
  }
}

export class TemplateRefusal extends Error {}

function renderErrorMessage(error: unknown): string {
  const refusal = findCause(error, TemplateRefusal);
  if (refusal) return refusal.message;
  return `The template cannot be rendered: ${(error as Error).message}`;
}

function findCause<T extends Error>(error: unknown, kind: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof kind) return current;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as Error).cause;
  }
  return undefined;
}

export function missingMessage(names: string[]): string {
  return `No value on this page for ${names.map((name) => `{{${name}}}`).join(', ')}: nothing was sent`;
}

/** Edit-time problems: syntax errors with their line and column. */
export function templateSyntaxProblem(template: string): string | undefined {
  try {
    engine.parse(template);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/, file:.*$/, '');
  }
}

/** The variable paths a template reads from its scope (`incident.title`), for edit-time checks. */
export function templateVariables(template: string): string[] {
  try {
    return engine.globalVariableSegmentsSync(template).map((segments) => segments.join('.'));
  } catch {
    return [];
  }
}

/** A template's top-level tokens as the engine reads them (`{% raw %}` content is text); undefined if it cannot. */
function topLevelTokens(template: string): TopLevelToken[] | undefined {
  try {
    return new Tokenizer(template).readTopLevelTokens(engine.options);
  } catch {
    return undefined;
  }
}

/** The expression of a template that is one output and nothing else (blank text around it aside). */
export function soleOutput(template: string): string | undefined {
  const tokens = topLevelTokens(template)?.filter(
    (token) => !(TypeGuards.isHTMLToken(token) && token.getText().trim() === ''),
  );
  const [only] = tokens ?? [];
  return (tokens?.length === 1 && TypeGuards.isOutputToken(only) && only.content.trim()) || undefined;
}

interface Marked {
  readonly source: string;
  readonly labels: readonly string[];
  /** The marked expression, when the template is one output and nothing else. */
  readonly sole?: string | undefined;
  /** How a masked render shows the template (see `secretProvenance`). */
  readonly shown: {
    /** `source` with the secret filter last in each output that comes from a secret. */
    readonly source: string;
    /** The sole output comes from a secret. */
    readonly sole: boolean;
    /** A secret decides more than an output's text (a condition, a loop): the whole template is masked. */
    readonly everywhere: boolean;
  };
}

/** Marked sources by template: actions are rendered again and again with the same few templates. */
const marked = new Map<string, Marked>();

/**
 * Adds the required-value filter as the first filter of every output that has no `default` filter,
 * leaving `{% raw %}` and `{% comment %}` blocks alone. The labels say each output's expression, for the
 * "no value for ..." message. A template the tokenizer refuses is returned as it is, so that parsing it
 * reports the syntax error where the author wrote it.
 */
export function markRequiredOutputs(template: string): Marked {
  let found = marked.get(template);
  if (!found) {
    found = markOutputs(template);
    if (marked.size > 500) marked.clear();
    marked.set(template, found);
  }
  return found;
}

function markOutputs(template: string): Marked {
  const unmarked = { source: template, labels: [], shown: { source: template, sole: false, everywhere: true } };
  const labels: string[] = [];
  const inserts: { at: number; text: string; shownOnly?: boolean }[] = [];
  let outputs = 0;
  let soleSecret = false;
  try {
    const tokens = uncommentedTokens(template);
    const provenance = secretProvenance(tokens);
    for (const token of tokens) {
      if (!TypeGuards.isOutputToken(token)) continue;
      const value = new Tokenizer(template, engine.options.operators, undefined, token.contentRange);
      const expression = value.readExpression();
      if (!expression.valid()) return unmarked;
      // The filter goes right after the expression, before any filter the author wrote.
      const label = template.slice(token.contentRange[0], value.p).trimEnd();
      const secret = provenance.outputs[outputs++] === true;
      soleSecret = secret;
      if (secret) inserts.push({ at: token.contentRange[1], text: ` | ${SECRET_FILTER}`, shownOnly: true });
      if (value.readFilters().some((filter) => filter.name === 'default')) continue;
      labels.push(label);
      inserts.push({ at: token.contentRange[0] + label.length, text: ` | ${REQUIRED_FILTER}: ${labels.length - 1}` });
    }
    inserts.sort((a, b) => a.at - b.at);
    const source = insertAll(
      template,
      inserts.filter((insert) => !insert.shownOnly),
    );
    const shownSource = insertAll(template, inserts);
    const isSole = soleOutput(template) !== undefined;
    return {
      source,
      labels,
      sole: isSole ? soleOutput(source) : undefined,
      shown: { source: shownSource, sole: isSole && soleSecret, everywhere: provenance.everywhere },
    };
  } catch {
    return unmarked;
  }
}

function insertAll(template: string, inserts: readonly { at: number; text: string }[]): string {
  let source = '';
  let copied = 0;
  for (const { at, text } of inserts) {
    source += template.slice(copied, at) + text;
    copied = at;
  }
  return source + template.slice(copied);
}

/** The template's tokens, less `{% comment %}` blocks (which end at the first `endcomment`, without nesting). */
function uncommentedTokens(template: string): TopLevelToken[] {
  let inComment = false;
  return new Tokenizer(template).readTopLevelTokens(engine.options).filter((token) => {
    if (TypeGuards.isTagToken(token) && (token.name === 'comment' || token.name === 'endcomment'))
      inComment = token.name === 'comment';
    return (
      !inComment && !TypeGuards.isHTMLToken(token) && !(TypeGuards.isTagToken(token) && token.name === 'endcomment')
    );
  });
}

/** Tags that read values but write nothing of them: where a secret goes is followed to the variable set. */
const SILENT_TAGS = new Set(['assign', 'capture', 'endcapture', '#']);
/** A lookup whose root is computed (`[name]`, `["sec" | append: "rets"]`): it may read anything, secrets too. */
const COMPUTED_ROOT = /(?:^|[^\w\])?\s])\s*\[/;

/**
 * Which outputs come from `secrets` (design rule 10), decided from the template's text so that no filter can
 * hide it: an output whose text names `secrets`, or a variable assigned or captured from it (followed through
 * any chain of assigns and captures, to a fixed point, whatever their order), or a computed root lookup. A
 * secret read anywhere else (a condition, a loop, `echo`, `liquid`) shapes text that cannot be attributed to
 * one output, so the whole template is masked: failing closed. Names are matched as words anywhere in a
 * token, string literals too, which can only mask more.
 */
function secretProvenance(tokens: readonly TopLevelToken[]): { outputs: boolean[]; everywhere: boolean } {
  const tainted = new Set(['secrets']);
  const reads = (text: string) =>
    COMPUTED_ROOT.test(text) || (text.match(/[A-Za-z_][\w-]*/g) ?? []).some((word) => tainted.has(word));
  let everywhere = false;
  let outputs: boolean[] = [];
  for (let size = -1; size !== tainted.size; ) {
    size = tainted.size;
    outputs = [];
    const captures: string[] = [];
    for (const token of tokens) {
      if (TypeGuards.isOutputToken(token)) {
        const secret = reads(token.content);
        outputs.push(secret);
        if (secret) for (const name of captures) tainted.add(name);
      } else if (TypeGuards.isTagToken(token)) {
        const { name: tag, args } = token as TagToken;
        if (tag === 'capture') captures.push(args.trim().replace(/^(["'])(.*)\1$/, '$2'));
        else if (tag === 'endcapture') captures.pop();
        else if (tag === 'assign') {
          const [, name, expression] = /^\s*([^\s=]+)\s*=([\s\S]*)$/.exec(args) ?? [];
          if (name && expression !== undefined && reads(expression)) tainted.add(name);
          else if (!name && reads(args)) everywhere = true;
        } else if (!SILENT_TAGS.has(tag) && reads(args)) everywhere = true;
      }
    }
  }
  return { outputs, everywhere };
}
