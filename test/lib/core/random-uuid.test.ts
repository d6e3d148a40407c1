import { describe, expect, it } from 'vitest';
import { randomUuid } from '@/lib/core/random-uuid';
import { InvocationSchema } from '@/lib/model/invocation';

describe('randomUuid', () => {
  it('makes version 4 UUIDs the invocation schema accepts, without crypto.randomUUID (insecure contexts)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, randomUuid));
      expect(ids.size).toBe(200);
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(InvocationSchema.safeParse({ id, createdAt: 1 }).success).toBe(true);
      }
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
