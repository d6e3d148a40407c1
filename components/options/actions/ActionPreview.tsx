import { useEffect, useState } from 'preact/hooks';
import { SAMPLE_INCIDENTS } from '@/components/options/actions/sample-incidents';
import { RequestView } from '@/components/shared/RequestView';
import { actionShows } from '@/lib/buttons/conditions';
import type { Result } from '@/lib/core/result';
import { shownPreview } from '@/lib/delivery/shown-request';
import { describeOpenIncidents, type OpenIncidentInTab } from '@/lib/messaging/open-incidents';
import type { Action } from '@/lib/model/action';
import { type Constant, constantsScope } from '@/lib/model/constants';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { RenderedRequest } from '@/lib/model/request';
import { type Secret, secretsScope } from '@/lib/model/secrets';
import { promptsWithDefaults } from '@/lib/render/prompts';
import { renderRequest, renderShownRequest } from '@/lib/render/request';
import { buildScope, regexCutNotes } from '@/lib/render/scope';
import { RequestTools } from './RequestTools';

/**
 * The action being edited, rendered as it would be sent, against a sample incident or the incident open in
 * the most recently used tab: whether it shows there, and the request or the reason it would not be sent.
 */
export function ActionPreview({
  draft,
  constants,
  secrets,
}: {
  draft: Action;
  constants: readonly Constant[];
  secrets: readonly Secret[];
}) {
  const [open, setOpen] = useState<OpenIncidentInTab[]>([]);
  const [choice, setChoice] = useState('open:0');
  useEffect(() => {
    void describeOpenIncidents()
      .then(setOpen)
      .catch(() => setOpen([]));
  }, []);

  const choices: { key: string; label: string; incident: IncidentSnapshot }[] = [
    ...open.slice(0, 3).map((tab, index) => ({
      key: `open:${index}`,
      label: `Open tab: ${tab.siteName} ${tab.incident.id}${tab.incident.title ? ` · ${tab.incident.title.slice(0, 60)}` : ''}`,
      incident: tab.incident,
    })),
    ...SAMPLE_INCIDENTS.map((sample, index) => ({ key: `sample:${index}`, ...sample })),
  ];
  const chosen = choices.find((item) => item.key === choice) ?? choices[0];
  // Rendered on every change of the draft: the point of the preview.
  const outcome = chosen ? previewOf(draft, chosen.incident, constantsScope(constants), secrets) : undefined;

  return (
    <section class="preview" aria-label="Preview">
      <div class="field">
        <label for="preview-incident">Preview against</label>
        <select id="preview-incident" value={chosen?.key} onChange={(e) => setChoice(e.currentTarget.value)}>
          {choices.map((item) => (
            <option key={item.key} value={item.key}>
              {item.label}
            </option>
          ))}
        </select>
      </div>
      {outcome && !outcome.shows && <p class="warning">Not shown on this incident: its conditions do not hold.</p>}
      {outcome?.cut.map((note) => (
        <p class="warning" key={note}>
          {note}
        </p>
      ))}
      {outcome?.request.ok && <RequestView request={outcome.request.value} />}
      {outcome && !outcome.request.ok && (
        <p class="field-error" role="status">
          {outcome.request.error}
        </p>
      )}
      {chosen && (
        <RequestTools
          draft={draft}
          incident={chosen.incident}
          constants={constantsScope(constants)}
          secrets={secrets}
        />
      )}
    </section>
  );
}

function previewOf(
  draft: Action,
  incident: IncidentSnapshot,
  constants: Record<string, string>,
  secrets: readonly Secret[],
): { shows: boolean; cut: string[]; request: Result<RenderedRequest> } {
  try {
    const scope = buildScope(incident, draft.variables, {}, constants);
    // Defaults, rendered for the incident, stand in for the answers the responder would give.
    const prompts = scope.ok ? promptsWithDefaults(draft.prompts, scope.value) : draft.prompts;
    const answers = Object.fromEntries((prompts ?? []).map((prompt) => [prompt.name, prompt.default ?? '']));
    const shows = !scope.ok || actionShows(draft.conditions, scope.value);
    // A regex over a value longer than the cap searched its start only (design rule 9): say so.
    const cut = scope.ok ? regexCutNotes(draft.conditions, draft.variables, scope.value) : [];
    const invocation = { id: crypto.randomUUID(), createdAt: Date.now() };
    const context = { answers, constants, secrets: secretsScope(secrets), invocation };
    const request = renderRequest(draft, incident, context);
    if (!request.ok) return { shows, cut, request };
    const shown = shownPreview(
      request.value,
      draft,
      secrets.map((secret) => secret.value),
      renderShownRequest(draft, incident, context),
      invocation.id,
    );
    return { shows, cut, request: { ok: true, value: shown } };
  } catch (error) {
    return { shows: true, cut: [], request: { ok: false, error: `Cannot preview yet: ${(error as Error).message}` } };
  }
}
