// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderWithSecrets, withAuth } from '../../support/templates';

describe('auth on the rendered request', () => {
  it('bearer, basic, a custom header and a query parameter put the secret where each says', () => {
    expect(renderWithSecrets(withAuth({ kind: 'bearer', secret: 'token' })).headers).toContainEqual([
      'Authorization',
      'Bearer tok-3f9a-77&x=1',
    ]);
    const basic = renderWithSecrets(withAuth({ kind: 'basic', username: 'ops', secret: 'user_pass' })).headers.find(
      ([name]) => name === 'Authorization',
    )?.[1];
    expect(Buffer.from(basic?.replace('Basic ', '') ?? '', 'base64').toString('utf8')).toBe('ops:pa:ss wörd');
    expect(
      renderWithSecrets(withAuth({ kind: 'header', header: 'pagertree-token', secret: 'token' })).headers,
    ).toContainEqual(['pagertree-token', 'tok-3f9a-77&x=1']);
    const url = new URL(renderWithSecrets(withAuth({ kind: 'query', param: 'authtoken', secret: 'token' })).url);
    // Encoded as one parameter: the secret's "&x=1" adds no parameter.
    expect([...url.searchParams]).toEqual([['authtoken', 'tok-3f9a-77&x=1']]);
  });
});
