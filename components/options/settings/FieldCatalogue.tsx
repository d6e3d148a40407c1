import { useState } from 'preact/hooks';
import type { OpenIncidentInTab } from '@/lib/messaging/open-incidents';
import { INCIDENT_VARIABLES, type IncidentSnapshot, readIncidentVariable } from '@/lib/model/incident';
import { VALUES_SOURCE } from '@/lib/model/incident-values';

/**
 * One site's fields as a template names them, with the values of the incident open in the most recently
 * used tab of that site: what `{{incident.…}}` would give if an action ran there now.
 */
export function FieldCatalogue({ site, siteName, open }: { site: string; siteName: string; open?: OpenIncidentInTab }) {
  // Rows are drawn only while expanded: a page of closed catalogues stays small.
  const [expanded, setExpanded] = useState(false);
  const names = open ? variableNames(open.incident) : INCIDENT_VARIABLES;
  return (
    <details
      class="field-catalogue"
      data-site={site}
      onToggle={(event) => setExpanded((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        Fields
        {open ? ` of ${open.incident.id}${open.incident.title ? ` · ${open.incident.title}` : ''}` : ''}
      </summary>
      {expanded && open && (
        <p class="hint">
          Values from {VALUES_SOURCE[open.from]}
          {open.problem ? ` (${open.problem})` : ''}, in an open {siteName} tab.
        </p>
      )}
      {expanded && !open && <p class="hint">Open an incident on {siteName} in another tab to see its values here.</p>}
      {expanded && (
        <table aria-label={`${siteName} fields`}>
          <tbody>
            {names.map((name) => {
              const value = open ? readIncidentVariable(open.incident, name) : undefined;
              return (
                <tr key={name}>
                  <th scope="row">
                    <code>{`{{${asTemplatePath(name)}}}`}</code>
                  </th>
                  <td class={value === undefined ? 'muted' : ''}>{value === undefined ? '—' : clip(value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * The fixed variables, then each custom field (by name, then by the name people see) and top-level alert detail
 * this incident has.
 */
function variableNames(incident: IncidentSnapshot): string[] {
  const keys = (prefix: string, value: unknown) =>
    value && typeof value === 'object' ? Object.keys(value).map((key) => `${prefix}${key}`) : [];
  return [
    ...INCIDENT_VARIABLES,
    ...keys('incident.custom_fields.', incident.custom_fields),
    ...keys(BY_DISPLAY_NAME, incident.custom_fields_by_display_name),
    ...keys('incident.alert_details.', incident.alert_details),
  ];
}

const BY_DISPLAY_NAME = 'incident.custom_fields_by_display_name.';

/** As a template writes it: a display name ("Customer impact") in Liquid's bracket notation. */
function asTemplatePath(name: string): string {
  if (!name.startsWith(BY_DISPLAY_NAME)) return name;
  return `${BY_DISPLAY_NAME.slice(0, -1)}[${JSON.stringify(name.slice(BY_DISPLAY_NAME.length))}]`;
}

function clip(value: string): string {
  return value.length > 300 ? `${value.slice(0, 300)}…` : value;
}
