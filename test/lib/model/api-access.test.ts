import { describe, expect, it } from 'vitest';
import { ApiAccessSchema } from '@/lib/model/api-access';
import { pagerDutyAccess as access } from '../../support/pagerduty-rest';

describe('ApiAccessSchema (the saved API token)', () => {
  it.each([
    ['http to another machine', { base: 'http://api.pagerduty.com' }, 'base', 'The API must be https'],
    ['a query in the base', { base: 'https://api.pagerduty.com/?x=1' }, 'base', 'No query or fragment'],
    ['a token with a line break', { token: 'abcdefgh\r\nX-Evil: 1' }, 'token', 'printable ASCII'],
    ['a short token', { token: 'abc' }, 'token', 'Paste the whole token'],
    // Not one of the sites with an API: zod's own message, at the site.
    ['a site without an API', { site: 'custom:acme' as never }, 'site', 'Invalid input'],
  ])('refuses %s', (_what, overrides, path, message) => {
    const parsed = ApiAccessSchema.safeParse(access(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([path]);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('accepts http to this machine (a local test double) and https elsewhere', () => {
    expect(ApiAccessSchema.safeParse(access({ base: 'http://127.0.0.1:9999/pd' })).success).toBe(true);
    expect(ApiAccessSchema.safeParse(access()).success).toBe(true);
  });
});
