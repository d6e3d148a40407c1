import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ActionBar } from '@/components/incident/action-bar';
import css from '@/components/incident/action-bar.css?inline';
import type { IncidentDialogsProps } from '@/components/incident/IncidentDialogs';
import { incidentRunsFollower } from '@/components/incident/incident-runs';
import { lastPointerTracker } from '@/components/incident/last-pointer';
import { askBackground } from '@/lib/messaging/content-client';
import type { OpenIncident } from '@/lib/messaging/describe-incident';
import type { SiteFixInForce } from '@/lib/messaging/messages';
import { reportReading } from '@/lib/messaging/site-readings';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentValues } from '@/lib/model/incident-values';
import type { IncidentRun } from '@/lib/model/log-entry';
import { withFix } from '@/lib/sites/apply-fix';
import { type FieldOrigin, fieldOrigins, withApiOrigins } from '@/lib/sites/field-origins';
import type { IncidentSource } from '@/lib/sites/site';
import { findDock, readIncident, readIncidentFromAddress, sourceForUrl } from '@/lib/sites/site-reader';
import { waitForElement } from '@/lib/sites/wait-for-element';
import { type IncidentUi, loadIncidentUi } from './incident-ui';
import { pageFixer } from './page-fixer';
import { createShadowHost, type ShadowHost } from './shadow-host';

/** How long a site's header may take to render before the buttons float instead. */
const ANCHOR_WAIT_MS = 2_000;
/** How long the page must be quiet after a change before the incident is read again. */
const CHANGE_SETTLE_MS = 400;
/** How long values read when the pointer reached a button stay good for the modal a click then opens. */
const EARLY_VALUES_MS = 10_000;

/**
 * Which sites a content script serves: one built-in site, or the site the user registered at run time for this page
 * (custom-sites.ts, asked for at the first sync; passed in so that the built-in sites' scripts do not carry it).
 */
export type PageSites = { builtIn: IncidentSource } | { custom: (url: URL) => Promise<readonly IncidentSource[]> };

/**
 * Shows the action buttons while the tab is on an incident with at least one enabled action. One shadow
 * host serves the page for its whole life: it is moved between the site's header and the floating place,
 * never re-created, so nothing piles up however often the app re-renders or navigates. The bar is plain DOM; what it
 * opens (the modal, the runs, Fix this page) is loaded on demand (incident-ui.ts).
 */
export class IncidentPage {
  private host?: ShadowHost;
  private bar?: ActionBar;
  /** Where the host is now: the site's dock element, `null` for floating, undefined when detached. */
  private placedIn?: Element | null;
  private generation = 0;
  private readonly ctx: ContentScriptContext;
  /** Notices when the site re-renders its header and takes our docked buttons with it. */
  private readonly lostDock: MutationObserver;
  /** This script's site, or the user-defined one this page was registered for (asked for once). */
  private baseSources: readonly IncidentSource[];
  private customSites?: (url: URL) => Promise<readonly IncidentSource[]>;
  /** The same, with the site fix in force over the site this page is on. */
  private knownSources: readonly IncidentSource[];
  /** The fix of the site this page is on, asked again when the config changes (`fixStale`). */
  private siteFix?: { site: string } & SiteFixInForce;
  private fixStale = true;
  /** Where the fields of the incident on screen came from, reported to the options page (drift). */
  private reading?: { site: string; docked: boolean; dockFrom?: 'site' | 'fix'; fields: Record<string, FieldOrigin> };
  /** The incident as last read, to notice when the page changes it (a status, a priority). */
  private shownIncident?: string;
  /** Reads the incident again after the page settles from a change; re-syncs only if it differs. */
  private readonly changes: MutationObserver;
  private changeTimer?: ReturnType<typeof setTimeout>;
  /** What the bar shows and opens. */
  private shown?: { actions: ActionButton[]; placement: 'docked' | 'floating'; fixer: IncidentDialogsProps['fixer'] };
  private runs: IncidentRun[] = [];
  private readonly runsFollower = incidentRunsFollower((runs) => {
    this.runs = runs;
    this.draw();
  });
  private pending?: IncidentDialogsProps['pending'];
  private runsOpen = false;
  private fixing = false;
  private loadProblem?: string;
  /** Set once the dialogs module is loaded: from then on every change is drawn there too. */
  private ui?: IncidentUi;
  /** The vendor API's values, read when the pointer or focus reached an action's button, for the modal to come. */
  private early?: { key: string; at: number; values: Promise<IncidentValues> };
  /** The pointer, followed from the bar's first showing (last-pointer.ts). */
  private pointer?: ReturnType<typeof lastPointerTracker>;

  constructor(ctx: ContentScriptContext, sites: PageSites) {
    this.ctx = ctx;
    this.baseSources = 'builtIn' in sites ? [sites.builtIn] : [];
    if ('custom' in sites) this.customSites = sites.custom;
    this.knownSources = this.baseSources;
    this.lostDock = new MutationObserver(() => {
      if (this.placedIn && this.host && !this.host.element.isConnected) void this.sync();
    });
    this.changes = new MutationObserver(() => {
      clearTimeout(this.changeTimer);
      this.changeTimer = setTimeout(() => {
        const now = JSON.stringify(readIncident(document, location.href, this.knownSources) ?? null);
        if (now !== this.shownIncident) void this.sync();
      }, CHANGE_SETTLE_MS);
    });
    ctx.onInvalidated(() => {
      this.lostDock.disconnect();
      this.changes.disconnect();
      clearTimeout(this.changeTimer);
      this.pointer?.stop();
      this.takeDown();
    });
  }

  async sync(url = new URL(location.href)): Promise<void> {
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || this.ctx.isInvalid;
    const sources = await this.sources(url);
    if (stale()) return;
    const found = sourceForUrl(url, sources);
    if (!found) {
      this.changes.disconnect();
      return void this.detach();
    }
    const fix = await this.fixFor(found.source.id);
    if (stale()) return;
    const source = withFix(found.source, fix.fix ?? undefined);
    this.knownSources = this.baseSources.map((known) => (known.id === source.id ? source : known));
    const anchor = await waitForElement(document, (doc) => findDock(source, doc), ANCHOR_WAIT_MS, this.ctx.signal);
    if (stale()) return;
    // Which actions show, and their labels, depend on the incident: the background decides from what is shown.
    // A matched URL always gives an incident, so a page whose markup changed still gets its buttons (floating).
    const incident = readIncident(document, url.href, this.knownSources);
    this.shownIncident = JSON.stringify(incident ?? null);
    this.changes.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    let reply = incident ? await askBackground({ type: 'listActions', incident }) : undefined;
    if (stale()) return;
    // A condition reads a value the page does not show (PagerDuty's current page has no urgency): the buttons are
    // decided again with the vendor's API values, which only then are read at load (else at click, as always).
    let fromApi: IncidentValues | undefined;
    if (incident && reply?.ok && reply.value.awaitsValues) {
      const values = await loadIncidentUi()
        .then((ui) => ui.incidentValues(incident))
        .catch(() => undefined);
      if (stale()) return;
      if (values && (values.from === 'token' || values.from === 'session')) {
        fromApi = values;
        // The page stays the authority on what it shows (it is live); the API only fills what it lacks.
        const completed = await askBackground({
          type: 'listActions',
          incident: { ...values.incident, ...definedOf(incident) },
        });
        if (stale()) return;
        if (completed.ok) reply = completed;
      }
    }
    const actions = reply?.ok ? reply.value.buttons : [];
    if (actions.length === 0) return void this.detach();

    this.place(anchor ?? null);
    this.reportReading(found.source, fix, anchor, url, fromApi);
    this.shown = {
      actions,
      placement: anchor ? 'docked' : 'floating',
      fixer: pageFixer({
        site: source.id,
        siteName: source.name,
        locked: fix.locked,
        ownHost: () => this.host?.element,
      }),
    };
    this.runsFollower.follow(incident);
    this.draw();
  }

  /** Draws the bar, and the dialogs once their module is here. */
  private draw(): void {
    const shown = this.shown;
    if (!shown || !this.host) return;
    this.pointer ??= lastPointerTracker(window);
    this.bar ??= new ActionBar(document, {
      onChoose: (action) => {
        const current = readIncident(document, location.href, this.knownSources);
        if (!current) return;
        this.pending = { action, incident: current };
        this.open();
      },
      onToggleRuns: () => {
        this.runsOpen = !this.runsOpen;
        this.open();
      },
      onFix: () => {
        this.fixing = true;
        this.open();
      },
      onWarm: () => void loadIncidentUi().catch(() => undefined),
      onReachAction: () => this.readEarly(),
    });
    if (!this.bar.element.isConnected) this.host.barSlot.replaceWith(this.bar.element);
    this.bar.update({
      actions: shown.actions,
      placement: shown.placement,
      runCount: this.runs.length,
      runsOpen: this.runsOpen,
      canFix: true,
      error: this.loadProblem,
    });
    this.ui?.render(this.host.dialogs, {
      pending: this.pending,
      runs: this.runs,
      runsOpen: this.runsOpen,
      fixer: shown.fixer,
      fixing: this.fixing,
      loadValues: this.loadValues,
      onCloseConfirm: () => {
        this.pending = undefined;
        this.draw();
      },
      onCloseRuns: () => {
        this.runsOpen = false;
        this.draw();
      },
      onCloseFix: () => {
        this.fixing = false;
        this.draw();
      },
      pointerBefore: this.pointer.last,
    });
  }

  /** Something was opened: drawn at once when the dialogs are here, else as soon as they load, or the bar says why not. */
  private open(): void {
    this.loadProblem = undefined;
    this.draw();
    if (this.ui) return;
    loadIncidentUi().then(
      (ui) => {
        this.ui = ui;
        this.draw();
      },
      (error: unknown) => {
        this.pending = undefined;
        this.fixing = false;
        this.runsOpen = false;
        this.loadProblem = `Incident Actions could not open its dialog: ${(error as Error).message}. Reload the page to try again.`;
        this.draw();
      },
    );
  }

  private async sources(url: URL): Promise<readonly IncidentSource[]> {
    const ask = this.customSites;
    if (!ask) return this.baseSources;
    this.customSites = undefined;
    this.baseSources = await ask(url);
    return this.baseSources;
  }

  /** The config changed (an action, a site, a fix): the site's fix is asked for again at the next sync. */
  configChanged(): void {
    this.fixStale = true;
    void this.sync();
  }

  private async fixFor(site: string): Promise<SiteFixInForce> {
    if (this.fixStale || this.siteFix?.site !== site) {
      const reply = await askBackground({ type: 'siteFix' });
      // Without an answer the adapter reads alone: a fix only ever adds.
      this.siteFix = { site, ...(reply.ok ? reply.value : { fix: null }) };
      this.fixStale = false;
    }
    return this.siteFix;
  }

  /**
   * Tells the options page how this site's page was read (dock, and where each field came from), so that a change
   * of the vendor's markup shows as a warning. Written when it says something new.
   */
  /** Every sync reads the page again; only a reading that differs from the last one sent costs a storage read. */
  private sentReading?: string;
  private sendReading(): void {
    const reading = this.reading;
    const key = JSON.stringify(reading);
    if (!reading || key === this.sentReading) return;
    this.sentReading = key;
    void reportReading(reading.site, reading);
  }

  private reportReading(
    base: IncidentSource,
    fix: SiteFixInForce,
    anchor: Element | undefined,
    url: URL,
    fromApi?: IncidentValues,
  ): void {
    const baseSource = this.baseSources.find((known) => known.id === base.id) ?? base;
    const fixDock = fix.fix?.dockSelector;
    const dockFrom = anchor ? (fixDock && matchesSafely(anchor, fixDock) ? 'fix' : 'site') : undefined;
    const read = fieldOrigins(baseSource, fix.fix ?? undefined, document, url);
    const fields = fromApi ? withApiOrigins(read, fromApi.incident) : read;
    this.reading = { site: base.id, docked: anchor !== undefined, ...(dockFrom ? { dockFrom } : {}), fields };
    this.sendReading();
  }

  /** Moves the one host into the dock (or to the end of body), only when it is not already there. */
  private place(dock: Element | null): void {
    this.host ??= createShadowHost(document, css);
    const host = this.host.element;
    const parent = dock ?? document.body;
    if (this.placedIn === dock && host.parentElement === parent) return;
    parent.append(host);
    this.placedIn = dock;
    this.lostDock.disconnect();
    if (dock) this.lostDock.observe(document.body, { childList: true, subtree: true });
  }

  /** The incident on screen with the API's values, for the options page's field catalogue. */
  async describe(): Promise<OpenIncident | null> {
    const incident = readIncident(document, location.href, this.knownSources);
    if (!incident) return null;
    const siteName = this.knownSources.find((source) => source.id === incident.site)?.name ?? incident.site;
    return { siteName, ...(await this.values(incident)) };
  }

  /**
   * One function for every render, so the modal that holds it never sees a new one and reads the values once: those
   * read when the pointer reached the button, if the page shows the same incident and they are recent, else now.
   */
  private readonly loadValues = (page: IncidentSnapshot) => {
    const early = this.early;
    this.early = undefined;
    if (early && early.key === JSON.stringify(page) && Date.now() - early.at < EARLY_VALUES_MS) return early.values;
    return this.values(page);
  };

  /** Starts reading the incident's values before the click, so the modal fills in sooner. */
  private readEarly(): void {
    const page = readIncident(document, location.href, this.knownSources);
    if (!page) return;
    const key = JSON.stringify(page);
    if (this.early?.key === key && Date.now() - this.early.at < EARLY_VALUES_MS) return;
    const values = this.values(page);
    // A failure is the modal's to show, if it opens: not an unhandled rejection meanwhile.
    values.catch(() => undefined);
    this.early = { key, at: Date.now(), values };
  }

  /** The API's values over the page's; the modal says whether the page added anything to the address. */
  private async values(page: IncidentSnapshot): Promise<IncidentValues> {
    const address = readIncidentFromAddress(document, page.url, this.knownSources);
    const { incidentValues } = await loadIncidentUi();
    const values = await incidentValues(page, { addressOnly: address !== undefined && sameFields(page, address) });
    // The fields only the API gave are part of the site's reading too.
    const reading = this.reading;
    if (reading && reading.site === page.site && (values.from === 'token' || values.from === 'session')) {
      this.reading = { ...reading, fields: withApiOrigins(reading.fields, values.incident) };
      this.sendReading();
    }
    return values;
  }

  private detach(): void {
    this.lostDock.disconnect();
    this.placedIn = undefined;
    this.takeDown();
  }

  /** Closes whatever was open and takes the host off the page. */
  private takeDown(): void {
    this.runsFollower.stop();
    this.shown = undefined;
    this.pending = undefined;
    this.runsOpen = false;
    this.fixing = false;
    if (this.host) this.ui?.render(this.host.dialogs, undefined);
    this.host?.element.remove();
  }
}

/** Two reads of one page, field by field (the adapter builds nested values in one order). */
function sameFields(a: IncidentSnapshot, b: IncidentSnapshot): boolean {
  const entries = (incident: IncidentSnapshot) =>
    JSON.stringify(Object.entries(incident).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return entries(a) === entries(b);
}

function matchesSafely(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/** The fields that have a value, so that spreading them over another read replaces only those. */
function definedOf(incident: IncidentSnapshot): Partial<IncidentSnapshot> {
  return Object.fromEntries(Object.entries(incident).filter(([, value]) => value !== undefined));
}
