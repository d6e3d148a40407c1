import { readFixture } from '../site-fixtures.ts';

/** Incidents the fixture PagerDuty app knows; one of them carries hostile text. */
export const FIXTURE_INCIDENTS = {
  Q1DBFULL7X2M: {
    number: 4211,
    title: 'Database disk full on db-prod-3',
    service: 'Checkout API',
    details: 'disk /var/lib/postgresql 99% used',
  },
  Q2CPUHOT9K4L: {
    number: 4212,
    title: 'CPU saturation on web-7',
    service: 'Storefront',
    details: 'load average 31.2',
  },
  Q3HOSTILE0ZZ: {
    number: 4213,
    title: 'He said "restart", then\n</script><img src=x onerror=alert(1)> {{secret}} \\o/',
    service: 'Payments',
    details: '"}, "injected": true, "x": {"',
    // No actions row on this one: the buttons must fall back to the floating bar.
    layout: 'unrecognised',
  },
  Q4HUGETITLE1: {
    number: 4214,
    // Built by the page (and the API double) from `titleUnit`, so the 1 MB is not in every fixture page.
    title: '',
    titleUnit: 'He said "restart" </script> {{secret}} \\o/\n',
    titleLength: 1_048_576,
    service: 'Search',
    details: 'a 1 MB title of characters that all need care',
  },
  /** Only the outbox scenarios send from it, so its timeline counts their runs alone. */
  Q5RETRIES0AB: {
    number: 4215,
    title: 'Checkout errors after deploy 2026.11.24',
    service: 'Checkout API',
    details: 'error rate 12% on POST /orders',
  },
  /** A 200,000-character title that makes `disk.*full` backtrack quadratically (the adversarial scenarios). */
  Q6DISKLONG01: {
    number: 4216,
    title: '',
    titleUnit: 'disk ',
    titleLength: 200_000,
    service: 'Storage',
    details: 'a long title of "disk " without "full"',
  },
} as const;

export type FixtureIncidentId = keyof typeof FIXTURE_INCIDENTS;

const template = readFixture('pagerduty', 'incident.html');

/** The fixture page as the routed PagerDuty origin serves it, for any path of the app. */
export function pagerDutyPage(): string {
  // `<` escaped so the hostile title cannot end the inline script of the fixture itself.
  return template.replace('{{INCIDENTS_JSON}}', JSON.stringify(FIXTURE_INCIDENTS).replace(/</g, '\\u003c'));
}

/** The incident's whole title, as the app (and its API) has it. */
export function fullTitle(id: FixtureIncidentId): string {
  const incident: { title: string; titleUnit?: string; titleLength?: number } = FIXTURE_INCIDENTS[id];
  if (!incident.titleUnit || !incident.titleLength) return incident.title;
  return incident.titleUnit
    .repeat(Math.ceil(incident.titleLength / incident.titleUnit.length))
    .slice(0, incident.titleLength);
}

/** The title as the page shows it: whitespace collapsed, as the source adapter reads it. */
export function shownTitle(id: FixtureIncidentId): string {
  return fullTitle(id).replace(/\s+/g, ' ').trim();
}
