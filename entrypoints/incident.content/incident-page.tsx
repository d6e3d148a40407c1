import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { IncidentActions } from '@/components/incident/IncidentActions';
import css from '@/components/incident/incident-actions.css?inline';
import { askBackground } from '@/lib/messaging/content-client';
import { readIncident, sourceForUrl } from '@/lib/sources/registry';

/** Shows the action buttons while the tab is on an incident with at least one enabled action. */
export class IncidentPage {
  private ui?: Promise<ShadowRootContentScriptUi<HTMLElement>>;
  private generation = 0;
  private readonly ctx: ContentScriptContext;

  constructor(ctx: ContentScriptContext) {
    this.ctx = ctx;
  }

  async sync(url = new URL(location.href)): Promise<void> {
    const generation = ++this.generation;
    const onIncident = sourceForUrl(url) !== undefined;
    const reply = onIncident ? await askBackground({ type: 'listActions' }) : undefined;
    // A newer sync started while this one waited: it wins.
    if (generation !== this.generation || this.ctx.isInvalid) return;
    const actions = reply?.ok ? reply.value : [];
    if (actions.length === 0) return this.unmount();

    this.ui ??= this.mount();
    const container = (await this.ui).mounted;
    if (!container) return;
    render(<IncidentActions actions={actions} readIncident={() => readIncident(document, location.href)} />, container);
  }

  private async mount(): Promise<ShadowRootContentScriptUi<HTMLElement>> {
    const ui = await createShadowRootUi(this.ctx, {
      // A fresh element name per page: page CSS and scripts cannot target it by name.
      name: `ia-${randomLetters(8)}`,
      mode: 'closed',
      isolateEvents: true,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    ui.mount();
    return ui;
  }

  private unmount(): void {
    const ui = this.ui;
    this.ui = undefined;
    void ui?.then((mounted) => mounted.remove());
  }
}

function randomLetters(count: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) =>
    String.fromCharCode(97 + (byte % 26)),
  ).join('');
}
