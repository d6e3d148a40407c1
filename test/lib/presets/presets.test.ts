import { describe, expect, it } from 'vitest';
import { SAMPLE_INCIDENTS } from '@/components/options/actions/sample-incidents';
import { PRESETS } from '@/lib/presets';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import { HOSTILE_VALUES, makeIncident } from '../../support/builders';
import { actionFrom, answersFor, bodyOf, INVOCATION, SECRETS } from '../../support/presets';

/**
 * The title as a preset's body carries it: Slack's mrkdwn escapes its three control characters, Google Chat
 * turns angle brackets into look-alikes, and both fall back to the incident id for an empty title.
 */
function carried(presetId: string, title: string): string {
  if (/slack/.test(presetId))
    return title === '' ? makeIncident().id : title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (/google-chat/.test(presetId))
    return title === '' ? makeIncident().id : title.replace(/</g, '‹').replace(/>/g, '›');
  return title;
}

describe('every preset', () => {
  it.each(PRESETS.map((item) => [item.id]))('%s saves as a valid action and renders every sample incident', (id) => {
    const action = actionFrom(id);
    const parsed = ActionSchema.safeParse(action);
    expect(
      parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ).toEqual([]);
    for (const { incident } of SAMPLE_INCIDENTS) {
      const request = renderRequest(action, incident, {
        secrets: SECRETS,
        invocation: INVOCATION,
        answers: answersFor(action),
      });
      expect(request.ok ? '' : request.error).toBe('');
    }
  });

  it.each(PRESETS.filter((item) => (item.fields.bodyFormat ?? 'json') === 'json').map((item) => [item.id]))(
    '%s carries a hostile title as data, whatever it holds',
    (id) => {
      for (const title of HOSTILE_VALUES) {
        const body = JSON.stringify(bodyOf(actionFrom(id), makeIncident({ title })));
        expect(body).toContain(JSON.stringify(carried(id, title)).slice(1, -1));
        // Chat presets escape the title's markup instead of carrying it raw; the others carry it as it is.
        expect(body.includes('<img')).toBe(!/slack|google-chat/.test(id) && title.includes('<img'));
      }
    },
  );
});
