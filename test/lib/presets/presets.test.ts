import { describe, expect, it } from 'vitest';
import { SAMPLE_INCIDENTS } from '@/components/options/actions/sample-incidents';
import { PRESETS } from '@/lib/presets';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import { HOSTILE_VALUES, makeIncident } from '../../support/builders';
import { actionFrom, bodyOf, INVOCATION, SECRETS } from '../../support/presets';

describe('every preset', () => {
  it.each(PRESETS.map((item) => [item.id]))('%s saves as a valid action and renders every sample incident', (id) => {
    const action = actionFrom(id);
    const parsed = ActionSchema.safeParse(action);
    expect(
      parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ).toEqual([]);
    for (const { incident } of SAMPLE_INCIDENTS) {
      const request = renderRequest(action, incident, { secrets: SECRETS, invocation: INVOCATION });
      expect(request.ok ? '' : request.error).toBe('');
    }
  });

  it.each(PRESETS.filter((item) => (item.fields.bodyFormat ?? 'json') === 'json').map((item) => [item.id]))(
    '%s carries a hostile title as data, whatever it holds',
    (id) => {
      for (const title of HOSTILE_VALUES) {
        const body = JSON.stringify(bodyOf(actionFrom(id), makeIncident({ title })));
        if (!/slack|google-chat/.test(id)) expect(body).toContain(JSON.stringify(title).slice(1, -1));
        // Chat presets escape the title's markup instead of carrying it raw.
        if (/slack/.test(id)) expect(body).not.toContain('<img');
        if (/google-chat/.test(id)) expect(body).not.toContain('<img');
      }
    },
  );
});
