import type { IncidentSnapshot } from '@/lib/model/incident';

/**
 * Incidents the action editor previews against when no incident is open in a tab: an ordinary one with
 * every field, and a hostile one whose text tries to become structure.
 */
export const SAMPLE_INCIDENTS: readonly { label: string; incident: IncidentSnapshot }[] = [
  {
    label: 'Sample: PagerDuty P1, every field',
    incident: {
      site: 'pagerduty',
      id: 'Q2W3E4R5T6Y7U8',
      number: 18342,
      title: 'Checkout API p99 latency above 2s on api-7.us-east-1',
      status: 'triggered',
      urgency: 'high',
      priority: 'P1',
      service: { id: 'PCHK4PI', name: 'Checkout API' },
      assignees: [{ id: 'PDW7K2Q', name: 'Dana Whitfield', email: 'dana@acme.example', at: '2026-03-04T09:12:45Z' }],
      teams: [{ id: 'PTPAYMT', name: 'Payments' }],
      escalation_policy: { id: 'PEPAY01', name: 'Payments Primary' },
      created_at: '2026-03-04T09:12:45Z',
      html_url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
      incident_key: 'checkout-api/p99-latency/us-east-1',
      custom_fields: { environment: 'production', region: 'us-east-1', customer_impact: true },
      alert_details: { metric: 'http_server_duration_p99_ms', observed_ms: 3412, cluster: 'prod-use1-a' },
      // What PagerDuty's API adds, so a PagerDuty preset's preview shows its values rather than nulls.
      custom_field_values: [
        {
          id: 'PCFENV1',
          name: 'environment',
          data_type: 'string',
          field_type: 'single_value_fixed',
          value: 'production',
        },
        { id: 'PCFREG2', name: 'region', data_type: 'string', field_type: 'single_value', value: 'us-east-1' },
        { id: 'PCFIMP3', name: 'customer_impact', data_type: 'boolean', field_type: 'single_value', value: true },
      ],
      priority_id: 'PPRIO01',
      incident_type: 'incident_default',
      last_status_change_at: '2026-03-04T09:12:45Z',
      last_status_change_by: { id: 'PCHK4PI', name: 'Checkout API', type: 'service_reference' },
      first_trigger_log_entry: { id: 'R2F7Q9K3M1X5W8B4N6Z0C2V7HJ', name: 'Triggered through the API.' },
      alert_counts: { all: 1, triggered: 1, resolved: 0 },
      alert_keys: ['checkout-api/p99-latency/us-east-1'],
      pending_actions: [{ type: 'escalate', at: '2026-03-04T09:42:45Z' }],
      is_mergeable: true,
      service_details: {
        description: 'Checkout and payment API behind the web shop',
        created_at: '2024-05-14T08:20:11Z',
        status: 'critical',
        last_incident_timestamp: '2026-03-04T09:12:45Z',
        acknowledgement_timeout: 1800,
        auto_resolve_timeout: 14400,
        alert_creation: 'create_alerts_and_incidents',
        urgency_rule: { type: 'constant', urgency: 'high' },
      },
      url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
      user: { id: 'PSAMRIV', name: 'Sam Rivera', email: 'sam@acme.example' },
    },
  },
  {
    label: 'Sample: hostile title, few fields',
    incident: {
      site: 'pagerduty',
      id: 'Q3HOSTILE0ZZ',
      title: 'He said "restart", then\n</script><img src=x onerror=alert(1)> {{secret}} \\o/',
      status: 'acknowledged',
      url: 'https://acme.pagerduty.com/incidents/Q3HOSTILE0ZZ',
    },
  },
];
