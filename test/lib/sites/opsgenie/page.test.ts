import { describe, expect, it } from 'vitest';
import { opsgenie } from '@/lib/sites/opsgenie/page';

const ID = '5f2c8b1e-9d3a-4e6f-8a71-3c4d2e1b0f96-1718035200123';
const idOf = (href: string) => opsgenie.incidentIdFromUrl(new URL(href));

describe('Opsgenie and JSM alert URLs', () => {
  it('accepts the forms seen in public links, on each vendor’s own hosts', () => {
    expect(idOf(`https://acme.app.opsgenie.com/alert/detail/${ID}/details`)).toBe(ID);
    expect(idOf(`https://acme.app.opsgenie.com/alert/detail/${ID}/logs`)).toBe(ID);
    expect(idOf(`https://acme.app.eu.opsgenie.com/alert/detail/${ID}`)).toBe(ID);
    expect(idOf(`https://app.opsgenie.com/alert/detail/${ID}/details`)).toBe(ID);
    expect(idOf(`https://acme.atlassian-app.opsgenie.com/alert/detail/${ID}/details`)).toBe(ID);
    // The API's sample id is a bare UUID.
    expect(idOf('https://acme.app.opsgenie.com/alert/detail/5f2c8b1e-9d3a-4e6f-8a71-3c4d2e1b0f96/details')).toBe(
      '5f2c8b1e-9d3a-4e6f-8a71-3c4d2e1b0f96',
    );
    expect(idOf(`https://acme.atlassian.net/jira/ops/alerts/${ID}`)).toBe(ID);
  });

  it('refuses ids that are not a UUID (with its epoch), and each path on the other vendor’s hosts', () => {
    for (const id of [
      'deadbeef-dead-beef',
      '5F2C8B1E-9D3A-4E6F-8A71-3C4D2E1B0F96',
      `${ID}0`,
      `${ID}-1`,
      'a'.repeat(40),
    ]) {
      expect(idOf(`https://acme.app.opsgenie.com/alert/detail/${id}/details`), id).toBeUndefined();
      expect(idOf(`https://acme.atlassian.net/jira/ops/alerts/${id}`), id).toBeUndefined();
    }
    expect(idOf(`https://acme.atlassian.net/alert/detail/${ID}/details`)).toBeUndefined();
    expect(idOf(`https://acme.app.opsgenie.com/jira/ops/alerts/${ID}`)).toBeUndefined();
    expect(idOf(`https://acme.app.opsgenie.com/incident/detail/${ID}/details`)).toBeUndefined();
  });

  it('refuses hosts that are not an account of Opsgenie or a Jira Cloud site', () => {
    for (const host of [
      'opsgenie.com',
      'www.opsgenie.com',
      'docs.opsgenie.com',
      'a.b.app.opsgenie.com',
      '-acme.app.opsgenie.com',
      'acme.app.opsgenie.com.evil.example',
      'opsg.in',
    ]) {
      expect(idOf(`https://${host}/alert/detail/${ID}/details`), host).toBeUndefined();
    }
    for (const host of ['atlassian.net', 'a.b.atlassian.net', 'acme-.atlassian.net']) {
      expect(idOf(`https://${host}/jira/ops/alerts/${ID}`), host).toBeUndefined();
    }
    expect(idOf(`http://acme.app.opsgenie.com/alert/detail/${ID}/details`)).toBeUndefined();
  });
});
