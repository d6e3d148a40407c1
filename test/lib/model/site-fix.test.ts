import { describe, expect, it } from 'vitest';
import { fixInForce, lockedBy, type SiteFix, SiteFixSchema, siteFixId } from '@/lib/model/site-fix';

const SUB_A = { kind: 'subscription', subscriptionId: 'sub-a' } as const;
const SUB_B = { kind: 'subscription', subscriptionId: 'sub-b' } as const;
const fix = (overrides: Partial<SiteFix>): SiteFix => ({
  id: 'x',
  site: 'pagerduty',
  fields: [],
  dockSelector: '#dock',
  updatedAt: 1,
  ...overrides,
});

describe('site fixes', () => {
  it('are keyed by owner, so that no file can overwrite the user’s own or another owner’s', () => {
    expect(siteFixId('pagerduty')).toBe('pagerduty');
    expect(siteFixId('pagerduty', { kind: 'policy' })).toBe('policy:pagerduty');
    expect(siteFixId('custom:oncall', SUB_A)).toBe('sub-a:custom:oncall');
  });

  it('in force: the policy’s, then a locked subscription’s, then the user’s own, then the newest subscription’s', () => {
    const own = fix({ id: 'pagerduty', dockSelector: '#own' });
    const older = fix({ id: 'sub-a:pagerduty', managedBy: SUB_A, dockSelector: '#a', updatedAt: 5 });
    const newer = fix({ id: 'sub-b:pagerduty', managedBy: SUB_B, dockSelector: '#b', updatedAt: 9 });
    const policy = fix({ id: 'policy:pagerduty', managedBy: { kind: 'policy' }, dockSelector: '#policy' });
    const otherSite = fix({ id: 'opsgenie', site: 'opsgenie', dockSelector: '#og' });
    expect(fixInForce([older, newer, otherSite], 'pagerduty')?.dockSelector).toBe('#b');
    expect(fixInForce([older, newer, own], 'pagerduty')?.dockSelector).toBe('#own');
    expect(fixInForce([{ ...older, locked: true }, newer, own], 'pagerduty')?.dockSelector).toBe('#a');
    expect(fixInForce([{ ...older, locked: true }, own, policy], 'pagerduty')?.dockSelector).toBe('#policy');
    expect(fixInForce([otherSite], 'pagerduty')).toBeUndefined();
  });

  it('are locked by the policy always, by a subscription only when it says so, never by the user', () => {
    expect(lockedBy([fix({ id: 'pagerduty', locked: true })], 'pagerduty')).toBeUndefined();
    expect(lockedBy([fix({ id: 'sub-a:pagerduty', managedBy: SUB_A })], 'pagerduty')).toBeUndefined();
    expect(lockedBy([fix({ id: 'sub-a:pagerduty', managedBy: SUB_A, locked: true })], 'pagerduty')).toMatch(
      /subscription locked/,
    );
    expect(lockedBy([fix({ id: 'policy:pagerduty', managedBy: { kind: 'policy' } })], 'pagerduty')).toMatch(/policy/);
  });

  it('refuse what a page or a file must not put in: unknown sites, prototype keys, unbounded selectors', () => {
    expect(SiteFixSchema.safeParse(fix({ site: 'evil' as never })).success).toBe(false);
    expect(
      SiteFixSchema.safeParse(fix({ fields: [{ field: 'custom_fields.__proto__', selector: 'b' }] })).success,
    ).toBe(false);
    expect(SiteFixSchema.safeParse(fix({ dockSelector: 'a'.repeat(501) })).success).toBe(false);
    expect(SiteFixSchema.safeParse(fix({ dockSelector: '   ' })).success).toBe(false);
    expect(SiteFixSchema.safeParse(fix({ fields: [{ field: 'title', selector: 'h1', regex: '(' }] })).success).toBe(
      false,
    );
  });
});
