/**
 * Firefox long-session soak (docs/security.md row 33), printed as figures, not a timed test: in ONE headless
 * Firefox ESR session with the e2e build, one action created through the options page, then N confirmed sends
 * through the real UI on one PagerDuty fixture incident tab: a person's click on the action's button, the
 * modal, a click on Send, the request at a local receiver, the result in the modal, Close.
 *
 * Per window of sends it prints the median and max of: click on the button -> modal armed (Send enabled),
 * click on Send -> request at the receiver (the latency of a send), and the whole cycle; and, after the
 * window, the background page's own memory and its JavaScript part, after a garbage collection (Firefox's
 * memory report, see backgroundPageMemory), and the resident memory of Firefox's extension process (where
 * the background runs: VmRSS and, as shared pages are counted once per process, Pss from
 * /proc/<pid>/smaps_rollup), of the content processes and of the parent. It ends with the last window over
 * the first.
 * Usage: npm run soak -- [--sends N] [--window W] [--no-report], or node scripts/soak-firefox.ts [...] after
 * `npm run build:e2e`. --no-report skips the memory report: making one grows the processes' RSS by itself.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { poll } from '../test/e2e/browsers/driver.ts';
import { EXTENSION_UUID, launchFirefox } from '../test/e2e/browsers/firefox.ts';
import { createActionThroughOptions } from '../test/e2e/options-page.ts';
import { startReceiver } from '../test/e2e/receiver.ts';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SENDS = flag('--sends', 500);
const WINDOW = flag('--window', 50);
const REPORT = !process.argv.includes('--no-report');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Firefox's processes under the parent, with the name Firefox gives each one (/proc/<pid>/comm): the extension
 * process is "WebExtensions", pages run in "Web Content" (or "Isolated Web Co" with Fission). Their command
 * lines all end in "tab", so they cannot tell them apart. The "forkserver" child forks them, so they are the
 * parent's descendants rather than its children.
 */
interface Proc {
  pid: number;
  type: string;
}
function descendantsOf(root: number): Proc[] {
  const parents = new Map<number, number>();
  const types = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The field after the command name in parentheses (which may hold spaces) is the state, then the ppid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      types.set(Number(entry), readFileSync(`/proc/${entry}/comm`, 'utf8').trim());
    } catch {
      // The process ended while it was being read.
    }
  }
  const isUnder = (pid: number): boolean => {
    const parent = parents.get(pid);
    return parent === root || (parent !== undefined && parent > 1 && isUnder(parent));
  };
  return [...types].filter(([pid]) => isUnder(pid)).map(([pid, type]) => ({ pid, type }));
}

/** Resident memory of one process in MB: VmRSS, and Pss (shared pages split among their sharers). */
function memoryOf(pid: number): { rss: number; pss: number } {
  const kB = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const rss = kB(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
  let pss = Number.NaN;
  try {
    pss = kB(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    // smaps_rollup needs Linux 4.14 and ptrace access; VmRSS alone then.
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

/**
 * The background page's own memory, from Firefox's memory report (what about:memory shows), in MB: all of
 * its window's explicit allocations, and of those its JavaScript (realms and zone). Firefox writes the
 * report of every process to the temp directory as unified-memory-report-<id>-<pid>.json.gz when its
 * parent gets SIGRTMIN+1 (Linux: 35), after minimizing memory (garbage and cycle collection), so this is
 * what is still alive.
 */
async function backgroundPageMemory(parentPid: number): Promise<{ total: number; js: number }> {
  const isReport = (file: string) =>
    file.startsWith('unified-memory-report-') && file.endsWith(`-${parentPid}.json.gz`);
  const before = new Set(readdirSync(tmpdir()).filter(isReport));
  process.kill(parentPid, 35);
  const file = await poll('Firefox memory report', async () =>
    readdirSync(tmpdir()).find((name) => isReport(name) && !before.has(name)),
  );
  const report = JSON.parse(gunzipSync(readFileSync(join(tmpdir(), file))).toString('utf8')) as {
    reports: { process: string; path: string; units: number; amount: number }[];
  };
  rmSync(join(tmpdir(), file));
  // Report paths spell a URL's slashes as backslashes.
  const top = `explicit/window-objects/top(moz-extension:\\\\${EXTENSION_UUID}\\_generated_background_page.html`;
  let total = 0;
  let js = 0;
  for (const entry of report.reports) {
    // Units 0 are bytes; the window sits in the extension process.
    if (entry.units !== 0 || !entry.process.startsWith('extension') || !entry.path.startsWith(top)) continue;
    total += entry.amount;
    if (/\/(js-realm|js-zone|realm)\(/.test(entry.path)) js += entry.amount;
  }
  if (total === 0) throw new Error('the memory report has no window for our background page');
  return { total: total / 2 ** 20, js: js / 2 ** 20 };
}

const receiver = await startReceiver();
const browser = await launchFirefox();
const firefoxPid = browser.browser.process()?.pid;
if (firefoxPid === undefined) throw new Error('puppeteer launched no Firefox process it can name');
const label = 'Soak send';
const path = '/soak/';
const actionButton = { role: 'button', name: label };
const dialog = { role: 'dialog', name: `Run “${label}”?` };
const send = { role: 'button', name: 'Send' };
const close = { role: 'button', name: 'Close' };

/** The child process of the given type; there must be exactly one (the extension process is one per browser). */
function processOfType(type: string): number {
  const matching = descendantsOf(firefoxPid as number).filter((proc) => proc.type === type);
  if (matching.length !== 1) {
    const all = descendantsOf(firefoxPid as number).map((proc) => `${proc.pid}:${proc.type}`);
    throw new Error(`expected one Firefox "${type}" process, found ${matching.length} (${all.join(', ')})`);
  }
  return (matching[0] as Proc).pid;
}

interface Window {
  sends: string;
  toModal: number[];
  toReceiver: number[];
  cycle: number[];
  extension: { rss: number; pss: number };
  background: { total: number; js: number };
  content: { rss: number; pss: number };
  parent: { rss: number; pss: number };
}
const windows: Window[] = [];

try {
  await createActionThroughOptions(browser, { label, url: `${receiver.origin}${path}{{incident.id}}` });
  await browser.goto('https://acme.pagerduty.com/incidents/Q1DBFULL7X2M');
  await browser.waitForAccessible(actionButton);
  const extensionPid = processOfType('WebExtensions');
  // The page's process is one of the content processes (others are preallocated); all of them are summed,
  // as they are at each sample.
  const contentMemory = () =>
    descendantsOf(firefoxPid)
      .filter((proc) => /^(Web Content|Isolated Web Co)/.test(proc.type))
      .reduce(
        (sum, proc) => {
          try {
            const memory = memoryOf(proc.pid);
            return { rss: sum.rss + memory.rss, pss: sum.pss + memory.pss };
          } catch {
            return sum;
          }
        },
        { rss: 0, pss: 0 },
      );
  const processes = descendantsOf(firefoxPid).map((proc) => `${proc.pid} ${proc.type}`);
  console.log(`Firefox ${firefoxPid}, its processes: ${processes.join(', ')}`);
  console.log(`before the first send: extension process ${JSON.stringify(memoryOf(extensionPid))} MB`);
  if (REPORT)
    console.log(`before the first send: background page ${JSON.stringify(await backgroundPageMemory(firefoxPid))} MB`);

  let current: Window | undefined;
  for (let n = 1; n <= SENDS; n++) {
    if (!current) {
      current = {
        sends: `${n}-${Math.min(n + WINDOW - 1, SENDS)}`,
        toModal: [],
        toReceiver: [],
        cycle: [],
        extension: { rss: 0, pss: 0 },
        background: { total: 0, js: 0 },
        content: { rss: 0, pss: 0 },
        parent: { rss: 0, pss: 0 },
      };
    }
    // Points are taken first (the driver waits for the button to hold still); only the clicks are timed.
    const buttonAt = await browser.pointOfAccessible(actionButton);
    await browser.mouseMoveTo(buttonAt);
    const clicked = performance.now();
    await browser.mouseDownUp();
    await browser.waitForAccessible(send, { enabled: true });
    current.toModal.push(performance.now() - clicked);

    // Send counts a pointer's click only after a trusted move onto it while offered (as clickAccessible does).
    const sendAt = await browser.pointOfAccessible(send);
    await browser.mouseMoveTo({ x: sendAt.x - 1, y: sendAt.y });
    await browser.mouseMoveTo(sendAt);
    const confirmed = performance.now();
    await browser.mouseDownUp();
    const arrived = await receiver.waitFor(path, n);
    current.toReceiver.push(arrived.at - confirmed);
    await poll(`the result of send ${n} in the modal`, async () =>
      /Delivered · HTTP 200/.test(await browser.textOfAccessible(dialog)) ? true : undefined,
    );
    await browser.clickAccessible(close);
    await browser.waitForAccessible(dialog, { gone: true });
    current.cycle.push(performance.now() - clicked);

    if (n % WINDOW === 0 || n === SENDS) {
      current.extension = memoryOf(extensionPid);
      current.content = contentMemory();
      current.parent = memoryOf(firefoxPid);
      // After the RSS figures: the report's own work would be in them.
      if (REPORT) current.background = await backgroundPageMemory(firefoxPid);
      windows.push(current);
      const w = current;
      console.log(
        `sends ${w.sends}: Send->receiver median ${median(w.toReceiver).toFixed(1)} ms; extension process RSS ${w.extension.rss.toFixed(1)} MB${REPORT ? `, background page ${w.background.total.toFixed(2)} MB` : ''}`,
      );
      current = undefined;
    }
  }
  if (receiver.to(path).length !== SENDS) throw new Error(`receiver got ${receiver.to(path).length} of ${SENDS}`);
} finally {
  await browser.close();
  await receiver.close();
}

const f = (value: number) => value.toFixed(1);
console.log(`\nFirefox soak: ${SENDS} confirmed sends in one session, one tab; ms and MB`);
console.table(
  windows.map((w) => ({
    sends: w.sends,
    'click->modal med': f(median(w.toModal)),
    'Send->receiver med': f(median(w.toReceiver)),
    'Send->receiver max': f(Math.max(...w.toReceiver)),
    'cycle med': f(median(w.cycle)),
    'cycle max': f(Math.max(...w.cycle)),
    'bg page': REPORT ? w.background.total.toFixed(2) : '-',
    'bg JS': REPORT ? w.background.js.toFixed(2) : '-',
    'ext RSS': f(w.extension.rss),
    'ext PSS': f(w.extension.pss),
    'content RSS': f(w.content.rss),
    'parent RSS': f(w.parent.rss),
  })),
);
const first = windows[0];
const last = windows.at(-1);
if (first && last && first !== last) {
  const ratio = (a: number, b: number) => (b / a).toFixed(2);
  console.log(`last window / first window:`);
  console.log(`  Send->receiver median ${ratio(median(first.toReceiver), median(last.toReceiver))}`);
  console.log(`  click->modal median   ${ratio(median(first.toModal), median(last.toModal))}`);
  console.log(`  cycle median          ${ratio(median(first.cycle), median(last.cycle))}`);
  console.log(
    `  extension process RSS ${ratio(first.extension.rss, last.extension.rss)}, PSS ${ratio(first.extension.pss, last.extension.pss)}`,
  );
  if (REPORT) {
    console.log(
      `  background page       ${ratio(first.background.total, last.background.total)}, its JS ${ratio(first.background.js, last.background.js)}`,
    );
  }
  console.log(`  content processes RSS ${ratio(first.content.rss, last.content.rss)}`);
}
