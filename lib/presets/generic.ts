import { header, jsonBody, type Preset } from '../sites/preset';

export const GENERIC_PRESETS: Preset[] = [
  {
    id: 'generic-json',
    group: 'Generic',
    label: 'JSON',
    description: 'A small JSON object with the incident’s main fields: start here for your own service.',
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({
        incident_id: '{{ incident.id }}',
        title: '{{ incident.title }}',
        status: '{{ incident.status | default: nil }}',
        url: '{{ incident.html_url | default: incident.url }}',
        requested_by: '{{ incident.user.email | default: incident.user.name | default: nil }}',
        request_id: '{{ invocation.id }}',
      }),
    },
  },
  {
    id: 'generic-form',
    group: 'Generic',
    label: 'Form (application/x-www-form-urlencoded)',
    description: 'key=value pairs, each value form-encoded: for receivers that read HTML form posts.',
    fields: {
      method: 'POST',
      headers: [],
      bodyFormat: 'form',
      body: 'incident_id={{ incident.id }}&title={{ incident.title }}&url={{ incident.html_url | default: incident.url }}',
    },
  },
  {
    id: 'rundeck-run-job',
    group: 'Generic',
    label: 'Rundeck: run a job (API)',
    description:
      'Rundeck’s run-job API (POST …/api/41/job/<id>/run) with the incident as job options; the API token is the secret rundeck_token.',
    fields: {
      method: 'POST',
      headers: [header('Accept', 'application/json')],
      body: jsonBody({
        options: {
          pd_incident_id: '{{ incident.id }}',
          incident_title: '{{ incident.title | default: incident.id }}',
          incident_url: '{{ incident.html_url | default: incident.url }}',
        },
      }),
      auth: { kind: 'header', header: 'X-Rundeck-Auth-Token', secret: 'rundeck_token' },
    },
  },
];
