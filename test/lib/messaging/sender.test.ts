import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { contentSenderProblem, isExtensionPage, isIncidentPageUrl } from '@/lib/messaging/sender';

const EXTENSION_ID = 'incident-actions-test-id';
const PAGE = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';

type Sender = Browser.runtime.MessageSender;

/** What the browser reports for our content script in the top frame of a tab on `url`. */
function topFrame(url = PAGE, overrides: Partial<Sender> = {}): Sender {
  return { id: EXTENSION_ID, tab: { id: 7, url } as Browser.tabs.Tab, frameId: 0, url, ...overrides };
}

describe('isIncidentPageUrl / contentSenderProblem', () => {
  it.each([
    ['https://acme.pagerduty.com/incidents/Q1', true],
    ['https://acme.eu.pagerduty.com/incidents/Q1', true],
    ['https://pagerduty.com/', true],
    ['http://acme.pagerduty.com/incidents/Q1', false],
    ['https://pagerduty.com.evil.io/', false],
    ['https://acme.pagerduty.co/', false],
    ['https://evil.example/?https://acme.pagerduty.com/', false],
  ])('%s is an incident site: %s', (url, expected) => {
    expect(isIncidentPageUrl(url)).toBe(expected);
  });

  it('accepts exactly our content script in a top frame', () => {
    expect(contentSenderProblem(topFrame(), EXTENSION_ID)).toBeUndefined();
    expect(contentSenderProblem(topFrame(), 'another-id')).toBe('not this extension');
  });
});

describe('isExtensionPage', () => {
  // The background routes a re-send from the history (handlePageMessage) only when this holds.
  it('holds only for this extension’s own pages', () => {
    const pages = 'chrome-extension://abc/';
    expect(isExtensionPage({ id: 'abc', url: 'chrome-extension://abc/options.html' }, 'abc', pages)).toBe(true);
    expect(isExtensionPage({ id: 'abc', url: 'https://acme.pagerduty.com/incidents/Q1' }, 'abc', pages)).toBe(false);
    expect(isExtensionPage({ id: 'other', url: 'chrome-extension://abc/options.html' }, 'abc', pages)).toBe(false);
  });
});
