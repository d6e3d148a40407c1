import { describe, expect, it } from 'vitest';
import {
  normalizeOrigin,
  parseOriginLines,
  SecretSchema,
  secretOriginProblem,
  secretOriginsScope,
} from '@/lib/model/secrets';

describe('a secret’s origins', () => {
  it('are exact origins: lower-case, default port dropped, no path, query or credentials', () => {
    expect(normalizeOrigin('https://Rundeck.Example.com')).toBe('https://rundeck.example.com');
    expect(normalizeOrigin(' https://rundeck.example.com:443/ ')).toBe('https://rundeck.example.com');
    expect(normalizeOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    for (const wrong of [
      'https://rundeck.example.com/api',
      'https://rundeck.example.com?x=1',
      'https://user@rundeck.example.com',
      'ftp://rundeck.example.com',
      'rundeck.example.com',
      'https://',
    ])
      expect(normalizeOrigin(wrong), wrong).toBeUndefined();
  });

  it('default to none for a secret saved without them, and are checked by the schema', () => {
    expect(SecretSchema.parse({ name: 'token', value: 'v', savedAt: 1 }).origins).toEqual([]);
    const ok = { name: 'token', value: 'v', savedAt: 1, origins: ['https://rundeck.example.com'] };
    expect(SecretSchema.safeParse(ok).success).toBe(true);
    expect(SecretSchema.safeParse({ ...ok, origins: ['https://Rundeck.example.com'] }).success).toBe(false);
    expect(SecretSchema.safeParse({ ...ok, origins: ['https://rundeck.example.com/api'] }).success).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `https://h${i}.example.com`);
    expect(SecretSchema.safeParse({ ...ok, origins: many }).success).toBe(false);
    expect(SecretSchema.safeParse({ ...ok, origins: many.slice(0, 20) }).success).toBe(true);
  });

  it('are typed one per line, deduplicated, with the wrong lines named', () => {
    expect(parseOriginLines('https://A.example.com\n\nhttps://a.example.com/\nhttp://127.0.0.1:8080\n')).toEqual({
      origins: ['https://a.example.com', 'http://127.0.0.1:8080'],
    });
    expect(parseOriginLines('https://a.example.com/path\nnope').error).toBe(
      'Not an origin (write https://host or http://host:port, without a path): https://a.example.com/path, nope',
    );
    const many = Array.from({ length: 21 }, (_, i) => `https://h${i}.example.com`).join('\n');
    expect(parseOriginLines(many).error).toBe('A secret goes to at most 20 origins');
  });
});

describe('secretOriginProblem', () => {
  const origins = secretOriginsScope([
    { name: 'rundeck_token', value: 'v', savedAt: 1, origins: ['https://rundeck.example.com'] },
    { name: 'unbound', value: 'v', savedAt: 1, origins: [] },
  ]);

  it('names the secret and both origins when a request would carry it elsewhere', () => {
    expect(secretOriginProblem(['rundeck_token'], 'https://evil.example', origins)).toBe(
      'The secret rundeck_token may be sent only to https://rundeck.example.com; this action sends to https://evil.example: add the origin to the secret under Secrets',
    );
    expect(secretOriginProblem(['unbound'], 'https://rundeck.example.com', origins)).toBe(
      'The secret unbound is not bound to any origin yet; this action sends to https://rundeck.example.com: add the origin to the secret under Secrets',
    );
  });

  it('lets a request to a bound origin through, and leaves a missing secret to rendering', () => {
    expect(secretOriginProblem(['rundeck_token'], 'https://rundeck.example.com', origins)).toBeUndefined();
    expect(secretOriginProblem(['not_saved', '__proto__'], 'https://evil.example', origins)).toBeUndefined();
  });
});
