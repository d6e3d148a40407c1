/**
 * Size limits shared by the schemas and the page readers. Kept apart from the zod schemas so that the
 * content script can use them without bundling zod (scripts/check-bundles.ts checks).
 */
export const MAX_FIELD_CHARS = 1_048_576; // a hostile 1 MB title must still be carried, not crash the parser
