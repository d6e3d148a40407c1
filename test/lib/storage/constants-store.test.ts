import { describe, expect, it } from 'vitest';
import { constantsScope } from '@/lib/model/constants';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import { freshDatabase, makeAction, makeIncident } from '../../support/builders';

describe('shared constants', () => {
  it('are stored validated, and every action can use them', async () => {
    const db = await freshDatabase();
    await expect(saveConstants(db, [{ name: 'Bad Name', value: 'x' }])).rejects.toThrow(
      'A name is lower-case letters, digits and _, starting with a letter',
    );
    await expect(
      saveConstants(db, [
        { name: 'team', value: 'a' },
        { name: 'team', value: 'b' },
      ]),
    ).rejects.toThrow('Each constant needs its own name');
    await saveConstants(db, [{ name: 'runbooks', value: 'https://wiki.acme.example/runbooks' }]);
    const constants = constantsScope(await getConstants(db));
    const action = makeAction({ body: '{"runbook": "{{ constants.runbooks }}/{{ incident.id }}"}' });
    expect(ActionSchema.safeParse(action).success).toBe(true);
    const request = renderRequest(action, makeIncident(), { constants });
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({
      runbook: 'https://wiki.acme.example/runbooks/Q1DBFULL7X2M',
    });
    // A constant nobody set is missing like any value: named, and nothing is sent.
    expect(renderRequest(action, makeIncident(), { constants: {} })).toEqual({
      ok: false,
      error: 'No value on this page for {{constants.runbooks}}: nothing was sent',
    });
  });
});
