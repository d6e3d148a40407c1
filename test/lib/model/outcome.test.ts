import { describe, expect, it } from 'vitest';
import { outcomeSummary } from '@/lib/model/outcome';

describe('outcomeSummary', () => {
  it('says the outcome, the status and the attempts', () => {
    expect(outcomeSummary({ outcome: 'delivered', httpStatus: 200, attemptCount: 2 })).toBe(
      'Delivered · HTTP 200 · 2 attempts',
    );
    expect(outcomeSummary({ outcome: 'delivered', httpStatus: 200, attemptCount: 1 })).toBe(
      'Delivered · HTTP 200 · 1 attempt',
    );
    expect(outcomeSummary({ outcome: 'not-sent', attemptCount: 0 })).toBe('Not sent');
  });
});
