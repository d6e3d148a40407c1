/** Identifiers and match patterns shared by the manifest (wxt.config.ts) and the runtime code. */

export const GECKO_ID = 'incident-actions@incident-actions.dev';

export const DB_NAME = 'incident-actions';
