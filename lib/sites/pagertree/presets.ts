import { jsonBody, type Preset } from '../preset';

/**
 * PagerTree's incoming webhook integration: `event_type` create, acknowledge or resolve, and an `Id` that is
 * the same for every event of one incident, so the acknowledge and resolve find the alert the create made.
 * PagerTree answers 403 to a wrong `pagertree-token`; the token is a saved secret.
 */
const URGENCY = [
  '{% assign u = incident.priority | default: incident.urgency | default: "" | downcase %}',
  '{% if u == "p1" or u == "critical" %}critical',
  '{% elsif u == "p2" or u == "high" %}high',
  '{% elsif u == "p4" or u == "p5" or u == "low" %}low',
  '{% else %}medium{% endif %}',
].join('');

function pagerTree(eventType: 'create' | 'acknowledge' | 'resolve'): Preset {
  return {
    id: `pagertree-${eventType}`,
    group: 'PagerTree',
    label: `PagerTree webhook: ${eventType}`,
    description: `A PagerTree incoming webhook “${eventType}” for this incident (Id: site and incident id, the same for create, acknowledge and resolve). Save the integration’s token as the secret pagertree_token, or remove the authentication.`,
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({
        event_type: eventType,
        Id: '{{ variables.alert_id }}',
        Title: '{{ incident.title | default: incident.id }}',
        Description: '{{ incident.title | default: incident.id }}\n\n{{ incident.html_url | default: incident.url }}',
        Urgency: '{{ variables.urgency }}',
        Tags: ['incident-actions', '{{ incident.site }}'],
        Meta: {
          incident_url: '{{ incident.html_url | default: incident.url }}',
          status: '{{ incident.status | default: nil }}',
          service: '{{ incident.service.name | default: nil }}',
          responder: '{{ incident.user.name | default: nil }}',
          custom_fields: '{{ incident.custom_fields | default: nil }}',
        },
        dedup_keys: ['{{ variables.alert_id }}'],
      }),
      variables: [
        { kind: 'compose', name: 'alert_id', template: '{{ incident.site }}-{{ incident.id }}' },
        { kind: 'compose', name: 'urgency', template: URGENCY },
      ],
      auth: { kind: 'header', header: 'pagertree-token', secret: 'pagertree_token' },
    },
  };
}

export const PAGERTREE_PRESETS: Preset[] = [pagerTree('create'), pagerTree('acknowledge'), pagerTree('resolve')];
