import type { PageFixer, PickedFix } from '@/components/incident/FixPageDialog';
import { fail, ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import { keepPageReport } from '@/lib/messaging/page-reports';
import { CUSTOM_SITE_FIELDS } from '@/lib/model/page-fields';
import { readField } from '@/lib/sites/read-fields';
import { loadPageTools } from './page-tools';

/** What a picked value shows, at most: enough to recognise it. */
const SHOWN_CHARS = 200;
/** Clicking a button or link of the page's row means "beside it": the buttons go in its container. */
const CONTROL = 'button, a, input, select, textarea, [role="button"], [tabindex]';

/**
 * The repairs a responder can make from an incident page: pick the dock or a field's element (saved by the
 * background as the user's own site fix) and copy a report of the page's structure.
 */
export function pageFixer(options: {
  site: string;
  siteName: string;
  locked?: string;
  /** Our own element on the page: never picked, never reported. */
  ownHost: () => Element | undefined;
}): PageFixer {
  const accept = (element: Element) => {
    const host = options.ownHost();
    return (
      element !== document.documentElement &&
      element !== document.body &&
      !(host && (element === host || host.contains(element)))
    );
  };
  return {
    siteName: options.siteName,
    locked: options.locked,
    fields: CUSTOM_SITE_FIELDS,
    async pick(target) {
      const { pickElement, stableSelector } = await loadPageTools();
      const dockFor = (element: Element) =>
        element.matches(CONTROL) && element.parentElement ? element.parentElement : element;
      if (target === 'dock') {
        const chosen = await pickElement({
          doc: document,
          prompt: 'Click the row or area where the buttons should go',
          accept,
          describe: (element) => stableSelector(dockFor(element)) ?? 'no stable selector: choose its container',
        });
        if (!chosen) return undefined;
        const selector = stableSelector(dockFor(chosen));
        return selector ? ok({ target: 'dock', selector }) : fail(noStableSelector);
      }
      const chosen = await pickElement({
        doc: document,
        prompt: `Click the element that shows ${target.field}`,
        accept,
        // textContent of a whole layout can be large: only its start is shown.
        describe: (element) => shown((element.textContent ?? '').slice(0, SHOWN_CHARS * 4)),
      });
      if (!chosen) return undefined;
      const selector = stableSelector(chosen);
      if (!selector) return fail(noStableSelector);
      const value = readField(document, { field: target.field, selector });
      return ok({ target: 'field', field: target.field, selector, value: value && shown(value) });
    },
    async save(picked: PickedFix) {
      return askBackground({
        type: 'saveSiteFix',
        change:
          picked.target === 'dock'
            ? { dockSelector: picked.selector }
            : { field: { field: picked.field, selector: picked.selector } },
      });
    },
    async copyReport() {
      const { pageReport } = await loadPageTools();
      const report = pageReport(document, { url: location.href, site: options.site, exclude: options.ownHost() });
      await keepPageReport(report);
      const text = JSON.stringify(report, null, 1);
      const copied = await navigator.clipboard?.writeText(text).then(
        () => true,
        () => false,
      );
      return `${copied ? 'Copied' : 'Kept'} a report of ${report.elements} elements${report.truncated ? ' (the page was cut short)' : ''}, without the page’s text. ${copied ? 'It is also' : 'The clipboard refused it; it is'} in the options page, under Sites.`;
    },
  };
}

const noStableSelector =
  'Nothing stable identifies that element (its classes and ids look generated): pick the element around it.';

function shown(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > SHOWN_CHARS ? `${collapsed.slice(0, SHOWN_CHARS)}…` : collapsed;
}
