import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeOpenIncidents, type OpenIncidentInTab } from '@/lib/messaging/open-incidents';
import { onSiteReadingsChanged, readSiteReadings, type SiteReading } from '@/lib/messaging/site-readings';
import type { ApiAccessSummary } from '@/lib/model/api-access';
import type { CustomSite } from '@/lib/model/custom-site';
import { fixInForce, type SiteFix } from '@/lib/model/site-fix';
import { apiForSite } from '@/lib/sites/apis';
import { customSiteId } from '@/lib/sites/custom/page';
import { injectIntoOpenTabs, syncCustomSiteRegistrations } from '@/lib/sites/custom/registration.background';
import { INCIDENT_SOURCES } from '@/lib/sites/registry';
import { listApiAccess } from '@/lib/storage/api-access-store';
import type { Database } from '@/lib/storage/database';
import { listSiteFixes, resetOwnFix } from '@/lib/storage/site-fixes-store';
import { deleteCustomSite, listCustomSites, saveCustomSite } from '@/lib/storage/sites-store';
import { Notice } from '../shared/Notice';
import { Section } from '../shared/Section';
import { useStored } from '../shared/use-stored';
import { ApiTokenForm } from './ApiTokenForm';
import { CustomSiteEditor, isPlainHttp, PLAIN_HTTP_WARNING } from './CustomSiteEditor';
import { FieldCatalogue } from './FieldCatalogue';
import { PageReportView } from './PageReportView';
import { SiteReadingView } from './SiteReadingView';

const NO_SITES: CustomSite[] = [];
/** What a registered site is read as, by the built-in site's id. */
const READ_AS: Record<NonNullable<CustomSite['reads']>, string> = {
  'grafana-oncall': 'Grafana OnCall',
  opsgenie: 'Jira Service Management',
};
const NO_TOKENS: ApiAccessSummary[] = [];
const NO_FIXES: SiteFix[] = [];

/**
 * The built-in sites and the ones the user added, each with whether its buttons found their dock the
 * last time an incident was open there.
 */
export function SitesPanel({ db }: { db: Database }) {
  const [readings, setReadings] = useState<Record<string, SiteReading>>({});
  const [fixes = NO_FIXES] = useStored(() => listSiteFixes(db), 'actionsChangedAt');
  const [custom = NO_SITES, reloadCustom] = useStored(() => listCustomSites(db), 'actionsChangedAt');
  const [tokens = NO_TOKENS] = useStored(() => listApiAccess(db), 'settingsChangedAt');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [openIncidents, setOpenIncidents] = useState<OpenIncidentInTab[]>([]);
  /** The most recently used tab's incident of a site. */
  const openOn = (site: string) => openIncidents.find((open) => open.incident.site === site);

  useEffect(() => {
    const reload = () => void readSiteReadings().then(setReadings);
    reload();
    return onSiteReadingsChanged(reload);
  }, []);

  // Values of the incidents open in other tabs: on load, and whenever the responder comes back here.
  const refreshOpenIncidents = useCallback(() => void describeOpenIncidents().then(setOpenIncidents), []);
  useEffect(() => {
    refreshOpenIncidents();
    const onVisible = () => document.visibilityState === 'visible' && refreshOpenIncidents();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refreshOpenIncidents]);

  /** After a site was saved or removed: the list read again, the registrations synced, then the notice. */
  const register = async (message: string, added?: CustomSite) => {
    await reloadCustom();
    const registered = await syncCustomSiteRegistrations(await listCustomSites(db));
    // Tabs already open on the new site get the buttons now, not after a reload.
    const injected = added && registered.includes(added.urlPattern) ? await injectIntoOpenTabs([added.urlPattern]) : 0;
    setNotice(
      `${message} Registered on: ${registered.length > 0 ? registered.join(', ') : 'no site yet'}.` +
        (injected > 0 ? ` Started in ${injected} open tab${injected === 1 ? '' : 's'}.` : ''),
    );
    if (injected > 0) refreshOpenIncidents();
  };

  const save = (site: CustomSite) => {
    // Asked from the submit itself: Firefox refuses a permission request made after an await.
    const permission = browser.permissions.request({ origins: [site.urlPattern] }).catch(() => false);
    setAdding(false);
    void (async () => {
      await saveCustomSite(db, site);
      const granted = await permission;
      await register(
        granted
          ? `Added “${site.name}”.`
          : `Added “${site.name}”, but access to ${site.urlPattern} was not granted: its pages get no buttons until you grant it.`,
        site,
      );
    })();
  };

  const reading = (site: string, name: string) => {
    const fix = fixInForce(fixes, site);
    return (
      <SiteReadingView
        siteName={name}
        reading={readings[site]}
        fix={fix}
        onReset={
          fix && !fix.managedBy
            ? () =>
                void resetOwnFix(db, site).then(() =>
                  setNotice(`${name}: your fix was removed; its pages are read as built in.`),
                )
            : undefined
        }
      />
    );
  };

  return (
    <Section
      id="sites"
      title="Sites"
      tools={
        <div>
          <button type="button" onClick={refreshOpenIncidents}>
            Refresh field values
          </button>{' '}
          {!adding && (
            <button type="button" onClick={() => setAdding(true)}>
              Add a site
            </button>
          )}
        </div>
      }
    >
      <Notice message={notice} />
      {adding && <CustomSiteEditor onSave={save} onCancel={() => setAdding(false)} />}
      <PageReportView />
      <ul class="sites">
        {INCIDENT_SOURCES.map((source) => {
          const api = apiForSite(source.id);
          return (
            <li key={source.id} class={readings[source.id]?.docked === false ? 'undocked' : ''}>
              <strong>{source.name}</strong> <code>{source.matches.join(' ')}</code> {reading(source.id, source.name)}
              {api && (
                <ApiTokenForm
                  db={db}
                  source={source}
                  api={api}
                  saved={tokens.find((token) => token.site === source.id)}
                  onChanged={setNotice}
                />
              )}
              <FieldCatalogue site={source.id} siteName={source.name} open={openOn(source.id)} />
            </li>
          );
        })}
        {custom.map((site) => (
          <li key={site.id} class={readings[customSiteId(site)]?.docked === false ? 'undocked' : ''}>
            <strong>{site.name}</strong> <code>{site.urlPattern}</code>{' '}
            {site.reads && <span>read as {READ_AS[site.reads]} (its dock and fields show under that site) </span>}
            {reading(customSiteId(site), site.name)}
            {isPlainHttp(site.urlPattern) && (
              <p class="warning" role="note">
                {PLAIN_HTTP_WARNING}
              </p>
            )}
            <FieldCatalogue site={customSiteId(site)} siteName={site.name} open={openOn(customSiteId(site))} />
            <button
              type="button"
              class="danger"
              aria-label={`Remove site ${site.name}`}
              onClick={async () => {
                await deleteCustomSite(db, site.id);
                await register(`Removed “${site.name}”.`);
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
