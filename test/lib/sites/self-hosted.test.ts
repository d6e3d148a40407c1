import { describe, expect, it } from 'vitest';
import { SELF_HOSTED_SOURCES } from '@/lib/sites/self-hosted';

describe('SELF_HOSTED_SOURCES', () => {
  it('serves self-hosted Grafana and Jira sites on their own hosts, one host each', () => {
    expect(Object.keys(SELF_HOSTED_SOURCES).sort()).toEqual(['grafana-oncall', 'opsgenie']);
    const grafana = SELF_HOSTED_SOURCES['grafana-oncall']?.('grafana.internal.example', 'http:');
    expect(grafana?.matches).toEqual(['http://grafana.internal.example/*']);
  });
});
