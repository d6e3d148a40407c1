import { browser } from 'wxt/browser';
import { IncidentSnapshotSchema } from '../model/incident';
import { DESCRIBE_INCIDENT, type OpenIncident } from './describe-incident';

export interface OpenIncidentInTab extends OpenIncident {
  tabId: number;
  lastAccessed: number;
}

/** The incidents open in the browser's tabs, most recently used first; tabs without our script are skipped. */
export async function describeOpenIncidents(): Promise<OpenIncidentInTab[]> {
  const self = (await browser.tabs.getCurrent())?.id;
  const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined && tab.id !== self);
  const answers = await Promise.all(
    tabs.map(async (tab) => {
      const answer = await browser.tabs.sendMessage(tab.id as number, { type: DESCRIBE_INCIDENT }).catch(() => null);
      const described = parseOpenIncident(answer);
      return described && { ...described, tabId: tab.id as number, lastAccessed: tab.lastAccessed ?? 0 };
    }),
  );
  return answers
    .filter((answer): answer is OpenIncidentInTab => Boolean(answer))
    .sort((a, b) => b.lastAccessed - a.lastAccessed);
}

/** A content script's answer is page data: checked like any other message before it is shown. */
function parseOpenIncident(answer: unknown): OpenIncident | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { incident, from, problem, siteName } = answer as Record<string, unknown>;
  const parsed = IncidentSnapshotSchema.safeParse(incident);
  if (
    !parsed.success ||
    typeof siteName !== 'string' ||
    !['page', 'address', 'session', 'token'].includes(String(from))
  ) {
    return undefined;
  }
  return {
    incident: parsed.data,
    from: from as OpenIncident['from'],
    siteName: siteName.slice(0, 100),
    ...(typeof problem === 'string' ? { problem: problem.slice(0, 500) } : {}),
  };
}
