import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvLines, HistoryJsonWriter, runsToCsv, runsToJson } from '@/lib/history/export';
import type { LogDetails } from '@/lib/model/log-entry';
import { HISTORY_NOW as NOW, historyRun as run } from '../../support/log-entries';

/**
 * Reads CSV with csv-parse, a public RFC 4180 reader, strictly: CRLF between records, quotes as the RFC
 * has them, the same number of cells on every row. What we write must read back as the same cells.
 */
function parseCsv(text: string): string[][] {
  if (!text.endsWith('\r\n')) throw new Error('no CRLF after the last row');
  return parse(text, { record_delimiter: '\r\n' });
}

describe('runsToCsv', () => {
  const header = [
    'created_at',
    'action',
    'incident_site',
    'incident_id',
    'incident_title',
    'who',
    'outcome',
    'http_status',
    'attempts',
    'latency_ms',
    'error',
    'finished_at',
    'id',
  ];

  it('writes a header and one row per run, with ISO times and empty cells for what is missing', () => {
    const entry = run({ id: 'r1', who: undefined, error: undefined, attemptCount: 2 });
    const rows = parseCsv(runsToCsv([entry]));
    expect(rows[0]).toEqual(header);
    expect(rows[1]).toEqual([
      new Date(entry.createdAt).toISOString(),
      'Restart server',
      'pagerduty',
      'Q1DBFULL7X2M',
      'Database disk full on db-prod-3',
      '',
      'delivered',
      '200',
      '2',
      '120',
      '',
      new Date(entry.finishedAt ?? 0).toISOString(),
      'r1',
    ]);
    expect(runsToCsv([])).toBe(`${header.join(',')}\r\n`);
  });

  it('quotes commas, quotes and line breaks, and reads back the same', () => {
    const title = 'Disk "full", again\nsecond line\r\nthird';
    const csv = runsToCsv([run({ incident: { site: 'pagerduty', id: 'A,B', title, url: 'https://x' } })]);
    expect(csv).toContain('"Disk ""full"", again\nsecond line\r\nthird"');
    expect(csv).toContain(',"A,B",');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[3]).toBe('A,B');
    expect(rows[1]?.[4]).toBe(title);
  });

  it('makes formula-like text inert with a leading apostrophe', () => {
    const hostile = ['=HYPERLINK("https://evil.example","Click")', '+1', '-2', '@x', '\tcmd', '\rcmd'];
    const csv = runsToCsv(
      hostile.map((title) => run({ incident: { site: 'pagerduty', id: 'P1', title, url: 'https://x' }, who: '=1+1' })),
    );
    const rows = parseCsv(csv).slice(1);
    expect(rows.map((row) => row[4])).toEqual(hostile.map((title) => `'${title}`));
    expect(rows.every((row) => row[5] === "'=1+1")).toBe(true);
    expect(csv).toContain('"\'=HYPERLINK(""https://evil.example"",""Click"")"');
    // Text merely containing those characters is left alone.
    const plain = parseCsv(runsToCsv([run({ actionLabel: 'a=b +1 -2 @x' })]));
    expect(plain[1]?.[1]).toBe('a=b +1 -2 @x');
  });
});

describe('runsToJson', () => {
  it('is a versioned document with each run, its request and its attempts', () => {
    const withDetails = run({ id: 'a' });
    const without = run({ id: 'b', outcome: 'not-sent', attemptCount: 0, httpStatus: undefined });
    const details: LogDetails = {
      id: 'a',
      request: {
        method: 'POST',
        url: 'https://hooks.example.com/run',
        headers: [['Authorization', 'Bearer ••••••']],
        body: '{"x":1}',
      },
      attempts: [{ number: 1, startedAt: 5, finishedAt: 6, outcome: 'delivered', httpStatus: 200, latencyMs: 1 }],
      incident: { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' },
      answers: { reason: 'kept out' },
    };
    const document = JSON.parse(runsToJson([withDetails, without], new Map([['a', details]]), NOW));
    expect(document).toEqual({
      format: 'incident-actions-history',
      version: 1,
      exportedAt: new Date(NOW).toISOString(),
      runs: [
        { ...withDetails, request: details.request, attempts: details.attempts },
        { ...without, attempts: [] },
      ],
    });
    expect(JSON.stringify(document)).not.toContain('kept out');
  });

  it('written a page at a time, is exactly JSON.stringify of the whole document, for none, one and many runs', () => {
    const details: LogDetails = { id: 'r1', attempts: [{ number: 1, startedAt: 5, outcome: 'delivered' }] };
    const map = new Map([['r1', details]]);
    for (const count of [0, 1, 2, 7]) {
      const runs = Array.from({ length: count }, (_, i) => run({ id: `r${i}`, actionLabel: `Say "hi"\n${i}` }));
      const writer = new HistoryJsonWriter(NOW);
      const pages = [runs.slice(0, 1), runs.slice(1, 3), [], runs.slice(3)];
      const parts = writer.start() + pages.map((page) => writer.runs(page, map)).join('') + writer.end();
      const whole = {
        format: 'incident-actions-history',
        version: 1,
        exportedAt: new Date(NOW).toISOString(),
        runs: runs.map((entry) => ({ ...entry, request: undefined, attempts: map.get(entry.id)?.attempts ?? [] })),
      };
      expect(parts).toBe(JSON.stringify(whole, null, 2));
      expect(runsToJson(runs, map, NOW)).toBe(parts);
    }
  });
});

describe('csvLines', () => {
  it('pages joined after the header are the whole CSV', () => {
    const runs = Array.from({ length: 5 }, (_, i) => run({ id: `r${i}`, actionLabel: i % 2 ? '=cmd' : 'a, "b"' }));
    expect(csvHeader() + csvLines(runs.slice(0, 2)) + csvLines([]) + csvLines(runs.slice(2))).toBe(runsToCsv(runs));
    expect(parseCsv(runsToCsv(runs))).toHaveLength(6);
  });
});
