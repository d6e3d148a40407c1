import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type PlacementReport, readPlacementReports } from '@/lib/sources/placement-report';
import { INCIDENT_SOURCES } from '@/lib/sources/registry';

/** Each site, and whether its buttons found their dock the last time an incident was open there. */
export function SitesPanel() {
  const [reports, setReports] = useState<Record<string, PlacementReport>>({});
  useEffect(() => {
    const load = () => void readPlacementReports().then(setReports);
    load();
    browser.storage.onChanged.addListener(load);
    return () => browser.storage.onChanged.removeListener(load);
  }, []);

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <ul class="sites">
        {INCIDENT_SOURCES.map((source) => {
          const report = reports[source.id];
          return (
            <li key={source.id} class={report && !report.docked ? 'undocked' : ''}>
              <strong>{source.name}</strong> <code>{source.matches.join(' ')}</code>{' '}
              <span>{placementText(report)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function placementText(report: PlacementReport | undefined): string {
  if (!report) return 'No incident opened here yet.';
  const when = new Date(report.checkedAt).toLocaleString();
  return report.docked
    ? `Buttons docked in the incident header (${when}).`
    : `The incident header was not found (${when}): the page layout may have changed, so the floating bar is used.`;
}
