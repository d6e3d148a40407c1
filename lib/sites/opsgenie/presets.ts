import { jsonBody, type Preset } from '../preset';

/**
 * What Opsgenie's outgoing Webhook integration posts for an alert action (`{source, alert{...}, action}`),
 * for receivers built against Opsgenie: the action is this action's label, as Opsgenie names a custom one.
 */
export const OPSGENIE_PRESETS: Preset[] = [
  {
    id: 'opsgenie-callback',
    group: 'Opsgenie',
    label: 'Opsgenie webhook callback (alert action)',
    description:
      'The alert-action payload Opsgenie’s Webhook integration sends ({source, alert, action}), with this action as the custom action.',
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({
        source: { name: 'Incident Actions', type: 'web' },
        alert: {
          alertId: '{{ incident.id }}',
          message: '{{ incident.title | default: incident.id }}',
          tags: '{{ incident.custom_fields.tags | default: nil }}',
          tinyId: '{{ incident.number | default: "" }}',
          entity: '{{ incident.service.name | default: "" }}',
          alias: '{{ incident.incident_key | default: incident.id }}',
          createdAt: '{{ incident.created_at | date: "%s" | times: 1000 | default: 0 }}',
          updatedAt: '{{ invocation.timestamp | times: 1000 }}',
          username: '{{ incident.user.email | default: incident.user.name | default: "" }}',
          userId: '{{ incident.user.id | default: "" }}',
          description: '{{ incident.html_url | default: incident.url }}',
          teams: '{{ incident.teams | map: "name" | default: nil }}',
          responders: '{{ incident.assignees | map: "name" | default: nil }}',
          details: '{{ incident.custom_fields | default: nil }}',
          priority: '{{ incident.priority | default: "P3" }}',
          source: 'Incident Actions',
        },
        action: '{{ action.label }}',
        integrationId: '{{ action.id }}',
        integrationName: 'Incident Actions',
      }),
    },
  },
];
