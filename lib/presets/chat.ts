import { jsonBody, type Preset } from '../sites/preset';

/**
 * Chat incoming webhooks: a message about the incident in a channel. Incident text is escaped for each
 * chat's markup, so a hostile title cannot add a link or a mention.
 */
const LINK = '{{ incident.html_url | default: incident.url }}';

/** Slack's mrkdwn: `&`, `<` and `>` are its only control characters (a `<...>` is a link or a mention). */
const slackTitle = {
  kind: 'compose' as const,
  name: 'title',
  template:
    "{{ incident.title | default: incident.id | replace: '&', '&amp;' | replace: '<', '&lt;' | replace: '>', '&gt;' }}",
};

/** Google Chat turns `<users/all>` into a mention and `<url|text>` into a link: no angle brackets. */
const chatTitle = {
  kind: 'compose' as const,
  name: 'title',
  template: "{{ incident.title | default: incident.id | replace: '<', '‹' | replace: '>', '›' }}",
};

export const CHAT_PRESETS: Preset[] = [
  {
    id: 'slack-incoming-webhook',
    group: 'Chat',
    label: 'Slack incoming webhook',
    description: 'A Slack message (text and blocks) for an incoming-webhook URL (hooks.slack.com/services/…).',
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({
        text: `{{ action.label }}: {{ variables.title }} (${LINK})`,
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `*{{ action.label }}*\n<${LINK}|{{ variables.title }}>\n{{ incident.status | default: "" }} {{ incident.urgency | default: "" }}`,
            },
          },
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: 'Sent by {{ incident.user.name | default: "a responder" }} with Incident Actions',
              },
            ],
          },
        ],
      }),
      variables: [slackTitle],
    },
  },
  {
    id: 'teams-workflow-webhook',
    group: 'Chat',
    label: 'Microsoft Teams (Workflows webhook, Adaptive Card)',
    description:
      'An Adaptive Card message for a Teams channel’s “Post to a channel when a webhook request is received” workflow.',
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: '{{ action.label }}', weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: '{{ incident.title | default: incident.id }}', wrap: true },
                {
                  type: 'FactSet',
                  facts: [
                    { title: 'Incident', value: '{{ incident.id }}' },
                    { title: 'Status', value: '{{ incident.status | default: "" }}' },
                    { title: 'Sent by', value: '{{ incident.user.name | default: "a responder" }}' },
                  ],
                },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open the incident', url: LINK }],
            },
          },
        ],
      }),
    },
  },
  {
    id: 'google-chat-webhook',
    group: 'Chat',
    label: 'Google Chat incoming webhook',
    description: 'A Google Chat message for a space’s incoming-webhook URL (chat.googleapis.com/v1/spaces/…).',
    fields: {
      method: 'POST',
      headers: [],
      body: jsonBody({ text: `*{{ action.label }}*: {{ variables.title }}\n<${LINK}|Open the incident>` }),
      variables: [chatTitle],
    },
  },
];
