import { afterEach, describe, expect, it } from 'vitest';
import { prepareToSend } from '@/lib/delivery/prepare-request';
import { loadRenderContext } from '@/lib/delivery/render-context';
import type { Subscription } from '@/lib/model/subscription';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import { exportConfig } from '@/lib/sharing/export-config';
import { planImport } from '@/lib/sharing/import-plan';
import { readConfig } from '@/lib/sharing/read-config';
import { readLocalState } from '@/lib/storage/config-store';
import { getConstants } from '@/lib/storage/constants-store';
import { saveSecret } from '@/lib/storage/secrets-store';
import { makeIncident, newInvocation } from '../../support/builders';
import {
  ALL,
  closeOpenedDatabases,
  configText,
  dbWith,
  fileAction,
  fileOf,
  ids,
  mustRead,
  NOW,
  OTHER_SUB,
  own,
  POLICY,
  SITE,
  SUB,
} from '../../support/config-builders';

afterEach(closeOpenedDatabases);

describe('the import plan', () => {
  const local = () => [
    own('restart'),
    own('old'),
    { ...own('sub-0a1b2c3d:restart'), managedBy: SUB },
    { ...own('sub-0a1b2c3d:gone'), managedBy: SUB },
    { ...own('sub-99999999:restart'), managedBy: OTHER_SUB },
    { ...own('policy:restart'), managedBy: POLICY },
  ];
  const file = () =>
    configText({
      actions: [fileOf('restart', { url: 'https://hooks.example.com/run2' }), fileAction({ id: 'new' })],
      sites: [],
      constants: [],
    });

  it('merge adds and updates and removes nothing; managed actions are out of scope', async () => {
    const db = await dbWith(local(), [SITE]);
    const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'merge', granted: ALL });
    expect(plan.mode).toBe('merge');
    expect(ids(plan.actions.added)).toEqual(['new']);
    expect(plan.actions.changed.map((change) => change.after.id)).toEqual(['restart']);
    expect(plan.actions.removed).toEqual([]);
    expect(plan.sites.removed).toEqual([]);
    expect(plan.constants.removed).toEqual([]);
  });

  it('replace also removes the own actions, sites and constants the file lacks, never a managed action', async () => {
    const db = await dbWith(local(), [SITE]);
    const beforeActions = await db.getAll('actions');
    const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'replace', granted: ALL });
    expect(ids(plan.actions.removed)).toEqual(['old']);
    expect(plan.sites.removed.map((site) => site.id)).toEqual(['oncall']);
    expect(plan.constants.removed).toEqual([{ name: 'env', value: 'prod' }]);
    const touched = [...plan.actions.added, ...plan.actions.changed.map((c) => c.after), ...plan.actions.removed];
    expect(touched.every((action) => action.managedBy === undefined)).toBe(true);

    await applyImportPlan(db, plan, { now: NOW });
    const after = await db.getAll('actions');
    expect(ids(after)).toEqual(
      ['new', 'policy:restart', 'restart', 'sub-0a1b2c3d:gone', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'].sort(),
    );
    for (const id of ['policy:restart', 'sub-0a1b2c3d:gone', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'])
      expect(after.find((action) => action.id === id)).toStrictEqual(beforeActions.find((action) => action.id === id));
    expect(await db.getAll('sites')).toEqual([]);
    expect(await getConstants(db)).toEqual([]);
  });

  it('changed lists each field that differs, by path', async () => {
    const db = await dbWith([own('restart', { headers: [{ name: 'X-Env', value: 'prod', secret: false }] })]);
    const text = configText({
      actions: [
        fileOf('restart', { url: 'https://hooks.example.com/run2', headers: [{ name: 'X-Env', value: 'staging' }] }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    expect(plan.actions.changed).toHaveLength(1);
    expect(plan.actions.changed[0]?.fields).toEqual([
      { path: '.url', before: 'https://hooks.example.com/run', after: 'https://hooks.example.com/run2' },
      { path: '.headers[0].value', before: 'prod', after: 'staging' },
    ]);
    // createdAt stays the local one; updatedAt is not a change a person would see.
    expect(plan.actions.changed[0]?.after.createdAt).toBe(500);
  });

  it('a diff never shows an inline secret value: (secret) instead', async () => {
    const secretValue = 'sk_live_hunter2hunter2';
    const db = await dbWith([
      own('restart', {
        headers: [
          { name: 'X-Api-Key', value: secretValue, secret: true },
          { name: 'X-Token', value: 'sk_live_other_inline', secret: true },
        ],
      }),
    ]);
    const text = configText({
      actions: [
        fileOf('restart', {
          headers: [
            { name: 'X-Api-Key', value: 'now-public' },
            { name: 'X-Other-Token', secret: true, placeholder: 'other_token' },
          ],
        }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    const fields = plan.actions.changed[0]?.fields ?? [];
    expect(fields).toEqual([
      { path: '.headers[0].value', before: '(secret)', after: 'now-public' },
      { path: '.headers[0].secret', before: 'true', after: 'false' },
      { path: '.headers[1].name', before: 'X-Token', after: 'X-Other-Token' },
      { path: '.headers[1].value', before: '(secret)', after: '{{ secrets.other_token }}' },
    ]);
    expect(JSON.stringify(fields)).not.toContain('sk_live_');
  });

  it('a placeholder whose header holds a value here keeps that value; a reordered one shows no value either', async () => {
    const db = await dbWith([
      own('restart', {
        headers: [
          { name: 'X-Api-Key', value: 'sk_live_kept_value', secret: true },
          { name: 'X-Env', value: 'prod', secret: false },
        ],
      }),
    ]);
    const text = configText({
      actions: [
        fileOf('restart', {
          headers: [
            { name: 'X-Env', value: 'prod' },
            { name: 'X-Api-Key', secret: true, placeholder: 'x_api_key' },
          ],
        }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    const change = plan.actions.changed[0];
    expect(change?.after.headers[1]).toEqual({ name: 'X-Api-Key', value: 'sk_live_kept_value', secret: true });
    expect(change?.fields.map((field) => field.path)).toEqual([
      '.headers[0].name',
      '.headers[0].value',
      '.headers[0].secret',
      '.headers[1].name',
      '.headers[1].value',
      '.headers[1].secret',
    ]);
    expect(JSON.stringify(change?.fields)).not.toContain('sk_live_');
  });

  it('an action whose origin is not granted waits for it, disabled, and the origin is asked for', async () => {
    const db = await dbWith([]);
    const text = configText({
      actions: [
        fileAction({ id: 'granted', url: 'https://hooks.example.com/a' }),
        fileAction({ id: 'waiting', url: 'https://ungranted.example.net/a/{{ incident.id }}' }),
        fileAction({ id: 'off', enabled: false, url: 'https://other.example.net/a' }),
      ],
      sites: [SITE, { ...SITE, id: 'granted-site', urlPattern: 'https://hooks.example.com/*' }],
    });
    const granted = new Set(['https://hooks.example.com/*']);
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted });
    const byId = Object.fromEntries(plan.actions.added.map((action) => [action.id, action]));
    expect(byId.granted?.enabled).toBe(true);
    expect(byId.granted?.awaitingGrant).toBeUndefined();
    expect(byId.waiting?.enabled).toBe(false);
    expect(byId.waiting?.awaitingGrant).toBe(true);
    expect(byId.off?.enabled).toBe(false);
    expect(byId.off?.awaitingGrant).toBeUndefined();
    expect(plan.origins).toEqual([
      'https://oncall.example.com/*',
      'https://other.example.net/*',
      'https://ungranted.example.net/*',
    ]);

    await applyImportPlan(db, plan, { now: NOW });
    // Exported, it goes out enabled as it came in; imported again unchanged, the plan still sees no change.
    const local = await readLocalState(db);
    const exported = exportConfig(local, 'all', NOW);
    expect(exported.actions.find((action) => action.id === 'waiting')?.enabled).toBe(true);
    const again = planImport(local, mustRead(JSON.stringify(exported)), { mode: 'replace', granted });
    expect(again.actions.added.length + again.actions.changed.length + again.actions.removed.length).toBe(0);
  });

  const grantText = configText({
    actions: [fileAction({ id: 'https-hook' }), fileAction({ id: 'http-hook', url: 'http://localhost:8080/x' })],
    sites: [SITE],
  });

  it('with every host granted (<all_urls>), nothing waits and no origin is asked for: actions or sites', async () => {
    const plan = planImport(await readLocalState(await dbWith([])), mustRead(grantText), {
      mode: 'merge',
      granted: ALL,
    });
    expect(plan.actions.added.every((action) => action.enabled && action.awaitingGrant === undefined)).toBe(true);
    expect(plan.origins).toEqual([]);
  });

  it('with the optional wildcard host permissions granted (https://*/*, http://*/*), nothing waits for a grant', async () => {
    // What browser.permissions.getAll() reports after "On all sites": the manifest's optional_host_permissions.
    const granted = new Set(['https://*/*', 'http://*/*']);
    const plan = planImport(await readLocalState(await dbWith([])), mustRead(grantText), { mode: 'merge', granted });
    expect(plan.actions.added.map((action) => [action.id, action.enabled, action.awaitingGrant])).toEqual([
      ['https-hook', true, undefined],
      ['http-hook', true, undefined],
    ]);
    expect(plan.origins).toEqual([]);
  });

  describe('for a subscription (owner)', () => {
    const subscription: Subscription = {
      id: 'sub-0a1b2c3d',
      url: 'https://config.example.com/team.json',
      refreshMinutes: 60,
      createdAt: NOW,
    };

    it('prefixes ids, replaces only its own actions, and never removes sites or constants', async () => {
      const db = await dbWith(local(), [SITE]);
      const text = configText({
        actions: [fileOf('restart', { url: 'https://hooks.example.com/run2' }), fileAction({ id: 'new' })],
        sites: [{ ...SITE, id: 'team-site', urlPattern: 'https://team.example.com/*' }],
        constants: [{ name: 'team', value: 'sre' }],
      });
      const plan = planImport(await readLocalState(db), mustRead(text), {
        mode: 'merge',
        owner: SUB,
        granted: ALL,
      });
      expect(plan.mode).toBe('replace');
      expect(plan.owner).toEqual(SUB);
      expect(ids(plan.actions.added)).toEqual(['sub-0a1b2c3d:new']);
      expect(plan.actions.added[0]?.managedBy).toEqual(SUB);
      expect(plan.actions.changed.map((change) => change.after.id)).toEqual(['sub-0a1b2c3d:restart']);
      expect(plan.actions.changed[0]?.fields.map((field) => field.path)).toEqual(['.url']);
      expect(ids(plan.actions.removed)).toEqual(['sub-0a1b2c3d:gone']);
      expect(plan.sites.removed).toEqual([]);
      expect(plan.constants.removed).toEqual([]);
      expect(plan.sites.added.map((site) => site.id)).toEqual(['team-site']);
      expect(plan.constants.added).toEqual([{ name: 'team', value: 'sre' }]);

      const beforeActions = await db.getAll('actions');
      await applyImportPlan(db, plan, { subscription, now: NOW });
      const after = await db.getAll('actions');
      expect(ids(after)).toEqual(
        ['old', 'policy:restart', 'restart', 'sub-0a1b2c3d:new', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'].sort(),
      );
      for (const id of ['old', 'restart', 'policy:restart', 'sub-99999999:restart'])
        expect(after.find((action) => action.id === id)).toStrictEqual(
          beforeActions.find((action) => action.id === id),
        );
      expect((await db.getAll('sites')).map((site) => site.id).sort()).toEqual(['oncall', 'team-site']);
      expect(await getConstants(db)).toEqual([
        { name: 'env', value: 'prod' },
        { name: 'team', value: 'sre' },
      ]);
      expect(await db.get('subscriptions', 'sub-0a1b2c3d')).toEqual(subscription);
    });

    it('a manual import never touches that subscription’s actions, even with the same ids', async () => {
      const db = await dbWith(local().filter((action) => action.managedBy));
      const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'replace', granted: ALL });
      expect(ids(plan.actions.added)).toEqual(['new', 'restart']);
      expect(plan.actions.changed).toEqual([]);
      expect(plan.actions.removed).toEqual([]);
    });
  });
});

describe('site fixes in a config', () => {
  const PICKED = {
    site: 'incident-io',
    dockSelector: '[class*="IncidentPage_buttons__"]',
    fields: [{ field: 'title', selector: '[class*="IncidentPage_name__"]' }],
  };

  it('import as the user’s own fix; a lock in a hand-imported file means nothing', async () => {
    const db = await dbWith([]);
    const plan = planImport(
      await readLocalState(db),
      mustRead(configText({ actions: [], siteFixes: [{ ...PICKED, locked: true }] })),
      { mode: 'merge', granted: ALL },
    );
    expect(plan.siteFixes.added).toEqual([{ ...PICKED, id: 'incident-io', updatedAt: NOW }]);
    await applyImportPlan(db, plan, { now: NOW });
    expect(await db.getAll('siteFixes')).toEqual([{ ...PICKED, id: 'incident-io', updatedAt: NOW }]);
  });

  it('from a subscription or the policy: keyed by their owner, beside the user’s own fix, never over it', async () => {
    const db = await dbWith([]);
    await db.put('siteFixes', {
      id: 'incident-io',
      site: 'incident-io',
      fields: [],
      dockSelector: '#mine',
      updatedAt: 1,
    });
    const incoming = mustRead(configText({ actions: [], siteFixes: [{ ...PICKED, locked: true }] }));
    const fromTeam = planImport(await readLocalState(db), incoming, { mode: 'merge', granted: ALL, owner: SUB });
    expect(fromTeam.siteFixes.added).toEqual([
      { ...PICKED, id: 'sub-0a1b2c3d:incident-io', managedBy: SUB, locked: true, updatedAt: NOW },
    ]);
    await applyImportPlan(db, fromTeam, { now: NOW });
    const fromPolicy = planImport(await readLocalState(db), incoming, { mode: 'merge', granted: ALL, owner: POLICY });
    expect(fromPolicy.siteFixes.added.map((fix) => fix.id)).toEqual(['policy:incident-io']);
    expect(fromPolicy.siteFixes.removed).toEqual([]);
    expect((await db.getAll('siteFixes')).map((fix) => fix.id).sort()).toEqual([
      'incident-io',
      'sub-0a1b2c3d:incident-io',
    ]);

    // The team's next version without the fix removes the team's fix only.
    const without = planImport(await readLocalState(db), mustRead(configText({ actions: [] })), {
      mode: 'replace',
      granted: ALL,
      owner: SUB,
    });
    expect(without.siteFixes.removed.map((fix) => fix.id)).toEqual(['sub-0a1b2c3d:incident-io']);
    await applyImportPlan(db, without, { now: NOW });
    expect((await db.getAll('siteFixes')).map((fix) => fix.id)).toEqual(['incident-io']);
  });

  it('are refused with the JSON path of the problem, and one fix per site', () => {
    const bad = readConfig(
      configText({
        actions: [],
        siteFixes: [PICKED, { ...PICKED, dockSelector: '' }, { site: 'nowhere', fields: [] }],
      }),
      NOW,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((problem) => problem.path)).toEqual([
      '$.siteFixes[1].dockSelector',
      '$.siteFixes[2].site',
    ]);
    const twice = readConfig(configText({ actions: [], siteFixes: [PICKED, { ...PICKED, fields: [] }] }), NOW);
    expect(!twice.ok && twice.problems).toEqual([{ path: '$.siteFixes[1].site', message: 'One fix per site' }]);
  });

  it('export: the whole config carries the user’s own fixes, never an admin’s', async () => {
    const db = await dbWith([own('restart')]);
    await db.put('siteFixes', { ...PICKED, id: 'incident-io', updatedAt: 7 });
    await db.put('siteFixes', {
      ...PICKED,
      id: 'sub-0a1b2c3d:incident-io',
      managedBy: SUB,
      locked: true,
      updatedAt: 7,
    });
    const local = await readLocalState(db);
    expect(exportConfig(local, 'all', NOW).siteFixes).toEqual([{ ...PICKED, updatedAt: 7 }]);
    expect(exportConfig(local, ['restart'], NOW).siteFixes).toBeUndefined();
    // And back: the file reads as it was written.
    expect(mustRead(JSON.stringify(exportConfig(local, 'all', NOW))).siteFixes).toEqual([
      { ...PICKED, id: 'incident-io', updatedAt: 7 },
    ]);
  });
});

describe('where the imported actions send their secrets (design rule 10)', () => {
  const usesToken = { auth: { kind: 'bearer', secret: 'rundeck_token' } } as const;

  async function planned(local: Parameters<typeof dbWith>[0], actions: unknown[], owner?: typeof SUB) {
    const db = await dbWith(local);
    await saveSecret(db, {
      name: 'rundeck_token',
      value: 'tok-123',
      savedAt: 1,
      origins: ['https://hooks.example.com'],
    });
    const text = configText({ actions, sites: [], constants: [] });
    const plan = planImport(await readLocalState(db), mustRead(text), {
      mode: 'merge',
      granted: ALL,
      ...(owner ? { owner } : {}),
    });
    return { db, plan };
  }

  it('lists each action that uses a secret with its origin; nothing new where the secret is bound', async () => {
    const { plan } = await planned(
      [own('restart', usesToken)],
      [fileOf('restart', { ...usesToken, label: 'Restart web' })],
    );
    expect(plan.destinations).toEqual([
      {
        actionId: 'restart',
        label: 'Restart web',
        origin: 'https://hooks.example.com',
        secrets: ['rundeck_token'],
        newFor: [],
      },
    ]);
  });

  it('says "new destination" when an existing action’s origin changes or the secret is not bound to it', async () => {
    const { plan } = await planned(
      [own('restart', usesToken)],
      [
        fileOf('restart', { ...usesToken, url: 'https://evil.example/run' }),
        fileAction({ id: 'fresh', label: 'Fresh', url: 'https://other.example/x', ...usesToken }),
        fileAction({ id: 'plain', label: 'No secret', url: 'https://other.example/y' }),
      ],
    );
    expect(plan.destinations).toEqual([
      {
        actionId: 'restart',
        label: 'Restart server',
        origin: 'https://evil.example',
        before: 'https://hooks.example.com',
        secrets: ['rundeck_token'],
        newFor: ['rundeck_token'],
      },
      {
        actionId: 'fresh',
        label: 'Fresh',
        origin: 'https://other.example',
        secrets: ['rundeck_token'],
        newFor: ['rundeck_token'],
      },
    ]);
  });

  it('a subscription’s refresh moving an action does not rebind its secret: its sends stay refused', async () => {
    const before = { ...own('sub-0a1b2c3d:restart', usesToken), managedBy: SUB };
    const { db, plan } = await planned(
      [before],
      [fileOf('restart', { ...usesToken, url: 'https://evil.example/run' })],
      SUB,
    );
    expect(plan.destinations.map((destination) => destination.newFor)).toEqual([['rundeck_token']]);
    await applyImportPlan(db, plan, { now: NOW });
    expect((await db.get('secrets', 'rundeck_token'))?.origins).toEqual(['https://hooks.example.com']);
    const moved = await db.get('actions', 'sub-0a1b2c3d:restart');
    if (!moved) throw new Error('the refreshed action is missing');
    const context = await loadRenderContext(db, { invocation: newInvocation() });
    const sent = await prepareToSend(
      moved,
      makeIncident(),
      { ...context, invocation: newInvocation() },
      async () => true,
    );
    expect(sent.problem).toBe(
      'The secret rundeck_token may be sent only to https://hooks.example.com; this action sends to https://evil.example: add the origin to the secret under Secrets',
    );
  });
});
