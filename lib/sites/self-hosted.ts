import { grafanaSelfHosted } from './grafana-oncall/page';
import { jsmOnCustomDomain } from './opsgenie/page';
import type { IncidentSource } from './site';

/**
 * Sites people also run on their own hosts (self-hosted Grafana, a Jira site on a custom domain): given a host the
 * user registered (and its scheme), the adapter for it; it throws for a host or scheme it cannot take. Its pages are
 * recognised by path and page markers on that one host only. A custom site with `reads` set is served by these.
 */
export const SELF_HOSTED_SOURCES: Readonly<
  Record<string, (host: string, protocol?: 'https:' | 'http:') => IncidentSource>
> = {
  'grafana-oncall': grafanaSelfHosted,
  opsgenie: jsmOnCustomDomain,
};
