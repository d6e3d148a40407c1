import { useState } from 'preact/hooks';
import { toCurl } from '@/lib/delivery/curl';
import { prepareRequest } from '@/lib/delivery/prepare-request';
import { type SendResult, sendRequest } from '@/lib/delivery/send-request';
import type { Action } from '@/lib/model/action';
import { deliveryPolicy } from '@/lib/model/delivery-policy';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { outcomeSummary } from '@/lib/model/outcome';
import { type Secret, secretOriginsScope, secretsScope } from '@/lib/model/secrets';
import { requestOriginPermission } from '@/lib/permissions/origins';
import { maskedWhole, maskRequest } from '@/lib/render/mask';
import { renderShownRequest } from '@/lib/render/request';
import { templateOrigin } from '@/lib/render/url';

interface RequestToolsProps {
  draft: Action;
  incident: IncidentSnapshot;
  constants: Record<string, string>;
  secrets: readonly Secret[];
}

/**
 * The action being edited, tried for real against the previewed incident: "Copy as cURL" (signed; secrets
 * masked unless asked for) and "Test send", which shows the receiver's answer. Test sends are not logged.
 */
export function RequestTools({ draft, incident, constants, secrets }: RequestToolsProps) {
  const [showSecrets, setShowSecrets] = useState(false);
  const [curl, setCurl] = useState<string>();
  const [result, setResult] = useState<SendResult | { outcome: 'not-sent'; error: string }>();
  const [busy, setBusy] = useState(false);

  const secretValues = secrets.map((secret) => secret.value);
  const sendContext = () => ({
    constants,
    secrets: secretsScope(secrets),
    secretOrigins: secretOriginsScope(secrets),
    invocation: { id: crypto.randomUUID(), createdAt: Date.now() },
    answers: Object.fromEntries((draft.prompts ?? []).map((prompt) => [prompt.name, prompt.default ?? ''])),
  });
  const prepare = () => prepareRequest(draft, incident, sendContext());

  const copyAsCurl = async () => {
    const context = sendContext();
    const prepared = await prepareRequest(draft, incident, context);
    if (!prepared.ok) {
      setCurl(undefined);
      setResult({ outcome: 'not-sent', error: prepared.error });
      return;
    }
    const shown = renderShownRequest(draft, incident, context);
    const request = showSecrets
      ? prepared.value
      : shown.ok
        ? maskRequest(prepared.value, draft, secretValues, shown.value)
        : maskRequest(maskedWhole(prepared.value), draft, secretValues);
    const text = toCurl(request);
    setCurl(text);
    await navigator.clipboard?.writeText(text).catch(() => undefined);
  };

  const testSend = async () => {
    // Asked before any await: browsers refuse a permission request that is not part of the click.
    const permission = requestOriginPermission(templateOrigin(draft.url)).catch(() => false);
    setBusy(true);
    setResult(undefined);
    try {
      if (!(await permission)) {
        setResult({ outcome: 'not-sent', error: `Access to ${templateOrigin(draft.url)} was not granted` });
        return;
      }
      const prepared = await prepare();
      setResult(
        prepared.ok
          ? await sendRequest(prepared.value, fetch, deliveryPolicy(draft.delivery).timeoutSeconds * 1000, secretValues)
          : { outcome: 'not-sent', error: prepared.error },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="request-tools">
      <div class="form-actions">
        <button type="button" onClick={copyAsCurl}>
          Copy as cURL
        </button>
        <label class="inline">
          <input type="checkbox" checked={showSecrets} onChange={(e) => setShowSecrets(e.currentTarget.checked)} />
          Show secrets in cURL
        </label>
        <button type="button" onClick={testSend} disabled={busy}>
          {busy ? 'Sending…' : 'Test send'}
        </button>
      </div>
      {curl && (
        <section aria-label="cURL command">
          <pre class="curl">{curl}</pre>
        </section>
      )}
      {result && (
        <div class={`test-result outcome-${result.outcome}`} role="status" aria-label="Test send result">
          <p>
            {result.outcome === 'not-sent'
              ? `Not sent: ${result.error}`
              : [outcomeSummary(result), result.error].filter(Boolean).join(' · ')}
          </p>
          {'responseExcerpt' in result && result.responseExcerpt && <pre>{result.responseExcerpt}</pre>}
        </div>
      )}
    </div>
  );
}
