import * as z from 'zod/mini';
import type { Result } from '../core/result';
import type { ActionButton } from '../model/action';
import { type CustomSite, PageFieldSchema } from '../model/custom-site';
import { type IncidentFields, IncidentSnapshotSchema } from '../model/incident';
import { InvocationSchema } from '../model/invocation';
import type { IncidentRun, RunRef } from '../model/log-entry';
import type { Outcome } from '../model/outcome';
import type { RenderedRequest } from '../model/request';
import type { SiteFix } from '../model/site-fix';

/**
 * Everything a content script may ask of the background. A content script sends an action id and what it
 * read off the page, never a URL, header or body: the background renders the request itself (design rule 1).
 */
const actionId = z.string().check(z.minLength(1), z.maxLength(100));
/** The responder's answers to the action's questions, as typed; the background checks them. */
const answers = z.optional(
  z.record(z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/)), z.string().check(z.maxLength(10_000))),
);

/** The confirmation the modal opened (lib/model/invocation.ts). */
const invocation = InvocationSchema;

export const ContentRequestSchema = z.discriminatedUnion('type', [
  /** The buttons for this incident: conditions decide which, labels are rendered for it. */
  z.strictObject({ type: z.literal('listActions'), incident: IncidentSnapshotSchema }),
  /** The definition of the user-defined site the sender is on, if any (no secrets in it). */
  z.strictObject({ type: z.literal('customSite') }),
  /** The fix in force for the site the sender is on (lib/model/site-fix.ts), and whether an admin locked it. */
  z.strictObject({ type: z.literal('siteFix') }),
  /** A responder's repair picked on the page, for the site the sender is on: where the buttons dock, or one field. */
  z.strictObject({
    type: z.literal('saveSiteFix'),
    change: z.union([
      z.strictObject({ dockSelector: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
      z.strictObject({ field: PageFieldSchema }),
    ]),
  }),
  z.strictObject({
    type: z.literal('previewRequest'),
    actionId,
    incident: IncidentSnapshotSchema,
    answers,
    invocation,
  }),
  z.strictObject({
    type: z.literal('sendAction'),
    actionId,
    incident: IncidentSnapshotSchema,
    answers,
    invocation,
    /** The preview's digest of the request the modal showed: the background sends only that request. */
    shown: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    /** The responder chose to send it ahead of an earlier run of this action on this incident still pending. */
    sendNow: z.optional(z.literal(true)),
  }),
  /** The incident's values from the vendor's API with the saved token (null: no token for the site). */
  z.strictObject({ type: z.literal('incidentFromApi'), incident: IncidentSnapshotSchema }),
  /** This incident's runs, newest first, for its timeline on the page. */
  z.strictObject({ type: z.literal('incidentRuns'), incident: IncidentSnapshotSchema }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

export interface Preview {
  actionLabel: string;
  /** Secret header values are masked. */
  request: RenderedRequest;
  /** Identifies the request shown, secrets included (lib/delivery/shown-digest.ts): a Send names it. */
  digest: string;
  /** The events of the invocation sent after this one, from how its run ends (the action's lifecycle). */
  followUps?: string[];
  /** Rules and variables whose regex searched only the start of a long value (design rule 9). */
  regexCut?: string[];
  /** A run of this action on this incident still pending: a Send now waits behind it, unless sent now. */
  queuedBehind?: RunRef & { outcome: Outcome };
}

/** The reply to a Send: the first attempt's answer, final or followed by retries the outbox runs. */
export interface Delivery {
  /** The log row, which is the invocation; empty when the disk was too full to keep one. */
  logId: string;
  outcome: Exclude<Outcome, 'sending'>;
  httpStatus?: number;
  latencyMs?: number;
  responseExcerpt?: string;
  error?: string;
  attemptCount?: number;
  /** Queued: the earlier run it waits behind. */
  queuedBehind?: RunRef;
  /** Sent now, ahead of this earlier run. */
  sentAhead?: RunRef;
  /** While retrying: when the next attempt is due, and how many it may take in all. */
  nextAttemptAt?: number;
  maxAttempts?: number;
}

/** The buttons an incident shows, and whether its conditions read values the page lacks (the API may have them). */
interface ButtonList {
  buttons: ActionButton[];
  awaitsValues: boolean;
}

/** The fix a page applies, and why a responder cannot change it (an admin locked the site). */
export interface SiteFixInForce {
  fix: SiteFix | null;
  locked?: string;
}

interface ContentReplies {
  listActions: Result<ButtonList>;
  customSite: Result<CustomSite | null>;
  siteFix: Result<SiteFixInForce>;
  saveSiteFix: Result<SiteFix>;
  previewRequest: Result<Preview>;
  sendAction: Result<Delivery>;
  incidentFromApi: Result<IncidentFields | null>;
  incidentRuns: Result<IncidentRun[]>;
}

export type ReplyTo<T extends ContentRequest> = ContentReplies[T['type']];

/**
 * What the extension's own pages (the options page) ask of the background. Only what must run in the
 * background: a send goes through the outbox there, so its retries go on after the page is closed.
 */
export const PageRequestSchema = z.discriminatedUnion('type', [
  /** Sends a logged run again: the same action, incident values and answers, as a new invocation. */
  z.strictObject({ type: z.literal('resend'), logId: z.string().check(z.minLength(1), z.maxLength(100)) }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;
