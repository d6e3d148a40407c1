import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { isDescribeRequest } from '@/lib/messaging/describe-incident';
import { PAGE } from '../../support/pagerduty-rest';

describe('isDescribeRequest (content script)', () => {
  const ownPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };
  it("answers only this extension's own pages asking the known question", () => {
    expect(isDescribeRequest({ type: 'describeIncident' }, ownPage)).toBe(true);
    expect(isDescribeRequest({ type: 'describeIncident' }, { ...ownPage, id: 'another-extension' })).toBe(false);
    expect(isDescribeRequest({ type: 'describeIncident' }, { id: browser.runtime.id, url: PAGE.url })).toBe(false);
    expect(isDescribeRequest({ type: 'describeIncident' }, { id: browser.runtime.id })).toBe(false);
    expect(isDescribeRequest({ type: 'sendAction' }, ownPage)).toBe(false);
    expect(isDescribeRequest(null, ownPage)).toBe(false);
  });
});
