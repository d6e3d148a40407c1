import type { SiteReading } from '@/lib/messaging/site-readings';
import { type SiteFix, siteFixOrigin } from '@/lib/model/site-fix';
import type { FieldOrigin } from '@/lib/sites/field-origins';

const ORIGIN_TEXT: Record<FieldOrigin, string> = {
  page: 'the page',
  fix: 'a site fix',
  url: 'the address',
  api: "the vendor's API",
  none: 'nothing',
};

const FIX_OWNER: Record<ReturnType<typeof siteFixOrigin>, string> = {
  own: 'your own fix, picked on a page',
  subscription: 'a team subscription',
  policy: "your organization's policy",
};

/**
 * How a site's last incident page was read (dock, field by field) and the fix in force, with a warning where a
 * field that used to be read no longer is: a vendor's markup change shows here instead of as silently empty values.
 */
export function SiteReadingView({
  siteName,
  reading,
  fix,
  onReset,
}: {
  siteName: string;
  reading: SiteReading | undefined;
  fix: SiteFix | undefined;
  /** Removes the user's own fix; absent when the fix in force is an admin's. */
  onReset?: () => void;
}) {
  const read = reading ? Object.entries(reading.fields).filter(([, origin]) => origin !== 'none') : [];
  return (
    <fieldset class="site-reading" aria-label={`How ${siteName} pages are read`}>
      <p>{dockText(reading)}</p>
      {reading && reading.lost.length > 0 && (
        <p class="warning" role="alert">
          Read before, missing on the last incident: {reading.lost.join(', ')}. The page may have changed (pick the
          field again on the incident: ⚙ Fix this page), or that incident has none.
        </p>
      )}
      {read.length > 0 && (
        <details>
          <summary>Fields on the last incident ({read.length})</summary>
          <table class="field-origins">
            <tbody>
              {read.map(([field, origin]) => (
                <tr key={field}>
                  <th scope="row">{field}</th>
                  <td>{ORIGIN_TEXT[origin]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {fix && (
        <fieldset class="site-fix" aria-label={`${siteName} fix`}>
          <p>
            Fix in force, from {FIX_OWNER[siteFixOrigin(fix)]}
            {fix.locked || fix.managedBy?.kind === 'policy' ? ' (locked)' : ''}:
          </p>
          <ul>
            {fix.dockSelector && (
              <li>
                buttons dock in <code>{fix.dockSelector}</code>
              </li>
            )}
            {fix.fields.map((field) => (
              <li key={field.field}>
                {field.field} from <code>{field.selector}</code>
                {field.attribute ? ` (${field.attribute})` : ''}
              </li>
            ))}
            {!fix.dockSelector && fix.fields.length === 0 && <li>none: the built-in reading, for everyone</li>}
          </ul>
          {onReset && (
            <button type="button" class="danger" onClick={onReset} aria-label={`Reset ${siteName} fix`}>
              Reset to the built-in reading
            </button>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}

function dockText(reading: SiteReading | undefined): string {
  if (!reading) return 'No incident opened here yet.';
  const when = new Date(reading.checkedAt).toLocaleString();
  if (!reading.docked)
    return `The incident header was not found (${when}): the page layout may have changed, so the floating bar is used. Fix it on the incident: ⚙ Fix this page, Move the buttons.`;
  return reading.dockFrom === 'fix'
    ? `Buttons docked where the site fix says (${when}).`
    : `Buttons docked in the incident header (${when}).`;
}
