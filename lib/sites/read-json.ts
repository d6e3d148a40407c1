import { MAX_FIELD_CHARS } from '../core/limits';
import { isReservedKey, isUsableKey } from '../core/reserved-keys';

/**
 * Defensive reads of a vendor's JSON: an API answer is data from elsewhere, so every value is checked for
 * its type, strings are cut to the model's limits, and keys that could reach a prototype are skipped. What is
 * missing or of the wrong type reads as undefined, never as a crash.
 */
export type Json = Readonly<Record<string, unknown>>;

export function record(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown, max = 10_000): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > max ? value.slice(0, max) : value;
}

export function longText(value: unknown): string | undefined {
  return text(value, MAX_FIELD_CHARS);
}

export function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** A plain copy of a JSON object without reserved keys at any depth (it may become `alert_details`). */
export function safeObject(value: unknown, depth = 0): Record<string, unknown> | undefined {
  const source = record(value);
  if (!source || depth > 20) return undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(source).slice(0, 500)) {
    if (!isUsableKey(key)) continue;
    copy[key] = safeValue(entry, depth + 1);
  }
  return copy;
}

function safeValue(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.slice(0, 500).map((item) => safeValue(item, depth + 1));
  if (record(value)) return safeObject(value, depth) ?? null;
  if (typeof value === 'string') return longText(value) ?? '';
  return value;
}

/** A key usable in `custom_fields` / `alert_details`; undefined for reserved or oversized ones. */
export function safeKey(value: unknown): string | undefined {
  const key = text(value, 200);
  return key && !isReservedKey(key) ? key : undefined;
}

/** Drops undefined entries, so a field the API did not give stays absent rather than becoming `undefined`. */
export function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** An absolute http(s) URL, or undefined. */
export function httpUrl(value: unknown): string | undefined {
  const candidate = text(value, 2_000);
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
