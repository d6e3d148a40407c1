/** The keys that could reach an object's prototype if data keyed by them were ever merged, spread or assigned. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isReservedKey = (key: string): boolean => RESERVED_KEYS.has(key);

/** A key read from a page or an answer that may name a field: present, at most 200 characters, not reserved. */
export const isUsableKey = (key: string | undefined): key is string =>
  key !== undefined && key.length <= 200 && !RESERVED_KEYS.has(key);
