import * as z from 'zod/mini';
import { ActionFieldsSchema } from '../model/action';
import { ConstantSchema } from '../model/constants';
import { CustomSiteSchema } from '../model/custom-site';
import { SecretNameSchema } from '../model/secrets';
import { SiteFixSchema } from '../model/site-fix';
import { readsSavedSecret } from '../render/secrets-used';

/**
 * The file admins share: actions with their variables, conditions and sites, the constants they use, and the
 * names of the secrets they need. Never a secret's value: a secret header carries a named placeholder
 * instead, and the importer fills each name in (or finds it saved).
 *
 * Version 2 is written; version 1 (actions only, a secret header's value left empty) is still read.
 * Its JSON Schema, generated from these zod schemas (`npm run schema`), is committed and ships with the
 * extension (the options page offers it for download): kept next to a config, it gives editors completion
 * and validation through the file's relative `$schema`.
 */
export const CONFIG_FORMAT = 'incident-actions/config';
export const CONFIG_VERSION = 2;
export const CONFIG_SCHEMA_FILE = 'incident-actions-config.schema.json';

/** Ids that a file may carry: slugs and UUIDs, never the `:` that the ids of managed actions use. */
const CONFIG_ID = /^[A-Za-z0-9_-]{1,80}$/;

const HEADER_NAME_FIELD = z.string().check(z.maxLength(200));
const FileHeaderSchema = z.union([
  z.strictObject({
    name: HEADER_NAME_FIELD,
    value: z.string().check(z.maxLength(8_192)),
    secret: z.optional(z.literal(false)),
  }),
  /** A secret header whose value was typed in: the file names it, the importer fills it in. */
  z.strictObject({ name: HEADER_NAME_FIELD, secret: z.literal(true), placeholder: SecretNameSchema }),
  /** A secret header that reads saved secrets (`Bearer {{ secrets.token }}`): the template, never a value. */
  z.strictObject({
    name: HEADER_NAME_FIELD,
    secret: z.literal(true),
    value: z
      .string()
      .check(
        z.maxLength(8_192),
        z.refine(
          readsSavedSecret,
          'A secret header carries a "placeholder" (or reads {{ secrets.<name> }}), never a value',
        ),
      ),
  }),
]);
export type FileHeader = z.infer<typeof FileHeaderSchema>;

const FileActionSchema = z.extend(
  z.omit(ActionFieldsSchema, { managedBy: true, awaitingGrant: true, createdAt: true, updatedAt: true }),
  {
    id: z.string().check(z.regex(CONFIG_ID, 'An id is letters, digits, _ and - (up to 80)')),
    headers: z.array(FileHeaderSchema).check(z.maxLength(50)),
    createdAt: z.optional(z.number()),
    updatedAt: z.optional(z.number()),
  },
);
export type FileAction = z.infer<typeof FileActionSchema>;

const FileSiteSchema = z.extend(CustomSiteSchema, {
  createdAt: z.optional(z.number()),
  updatedAt: z.optional(z.number()),
});

/** A site fix as shared: which site, its dock and fields, and whether responders may override it. */
const FileSiteFixSchema = z.extend(z.omit(SiteFixSchema, { id: true, managedBy: true, updatedAt: true }), {
  updatedAt: z.optional(z.number()),
});
export type FileSiteFix = z.infer<typeof FileSiteFixSchema>;

export const ConfigFileSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(2_048))),
  format: z.literal(CONFIG_FORMAT),
  version: z.literal(CONFIG_VERSION),
  exportedAt: z.optional(z.string().check(z.maxLength(40))),
  actions: z.array(FileActionSchema).check(z.maxLength(500)),
  sites: z.optional(z.array(FileSiteSchema).check(z.maxLength(100))),
  constants: z.optional(z.array(ConstantSchema).check(z.maxLength(100))),
  /** Repairs of how sites' pages are read (picked on a page, or written by an admin), one per site. */
  siteFixes: z.optional(z.array(FileSiteFixSchema).check(z.maxLength(50))),
  /** The secrets the actions use, by name: saved once on each responder's machine, never in the file. */
  secrets: z.optional(z.array(z.strictObject({ name: SecretNameSchema })).check(z.maxLength(100))),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
