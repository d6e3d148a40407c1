import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { IncidentActions } from '@/components/incident/IncidentActions';
import css from '@/components/incident/incident-actions.css?inline';
import { askBackground } from '@/lib/messaging/content-client';
import type { ActionButton } from '@/lib/model/action';
import { reportPlacement } from '@/lib/sources/placement-report';
import { readIncident, sourceForUrl } from '@/lib/sources/registry';
import { waitForElement } from '@/lib/sources/wait-for-anchor';

/** How long a site's header may take to render before the buttons float instead. */
const ANCHOR_WAIT_MS = 2_000;

interface Mounted {
  ui: ShadowRootContentScriptUi<HTMLElement>;
  /** The element docked into, or undefined for the floating bar. */
  anchor?: Element;
}

/** Shows the action buttons while the tab is on an incident with at least one enabled action. */
export class IncidentPage {
  private mounted?: Mounted;
  private generation = 0;
  private readonly ctx: ContentScriptContext;
  /** Notices when the site re-renders its header and takes our docked buttons with it. */
  private readonly lostDock: MutationObserver;

  constructor(ctx: ContentScriptContext) {
    this.ctx = ctx;
    this.lostDock = new MutationObserver(() => {
      if (this.mounted?.anchor && !this.mounted.ui.shadowHost.isConnected) void this.sync();
    });
    ctx.onInvalidated(() => this.lostDock.disconnect());
  }

  async sync(url = new URL(location.href)): Promise<void> {
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || this.ctx.isInvalid;
    const found = sourceForUrl(url);
    const reply = found ? await askBackground({ type: 'listActions' }) : undefined;
    if (stale()) return;
    const actions = reply?.ok ? reply.value : [];
    if (!found || actions.length === 0) return this.unmount();

    const anchor = await waitForElement(document, found.source.findAnchor, ANCHOR_WAIT_MS, this.ctx.signal);
    if (stale()) return;
    if (this.mounted && (this.mounted.anchor !== anchor || !this.mounted.ui.shadowHost.isConnected)) this.unmount();
    this.mounted ??= await this.mount(anchor);
    if (stale()) return;
    void reportPlacement(found.source.id, anchor !== undefined);
    this.render(actions, anchor !== undefined);
  }

  private render(actions: ActionButton[], docked: boolean): void {
    const container = this.mounted?.ui.mounted;
    if (!container) return;
    render(
      <IncidentActions
        actions={actions}
        placement={docked ? 'docked' : 'floating'}
        readIncident={() => readIncident(document, location.href)}
      />,
      container,
    );
  }

  private async mount(anchor: Element | undefined): Promise<Mounted> {
    const ui = await createShadowRootUi(this.ctx, {
      // A fresh element name per page: page CSS and scripts cannot target it by name.
      name: `ia-${randomLetters(8)}`,
      mode: 'closed',
      isolateEvents: true,
      position: 'inline',
      anchor: anchor ?? 'body',
      append: 'last',
      css,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    ui.mount();
    if (anchor) this.lostDock.observe(document.body, { childList: true, subtree: true });
    return { ui, anchor };
  }

  private unmount(): void {
    this.lostDock.disconnect();
    this.mounted?.ui.remove();
    this.mounted = undefined;
  }
}

function randomLetters(count: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) =>
    String.fromCharCode(97 + (byte % 26)),
  ).join('');
}
