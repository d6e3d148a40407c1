import { useEffect, useState } from 'preact/hooks';
import { onPageReportChanged, readPageReport } from '@/lib/messaging/page-reports';
import type { PageReport } from '@/lib/sites/page-report';
import { downloadFile } from '../shared/download';

/**
 * The last page report made on an incident page (⚙ Fix this page, Copy page report), to download as a file for
 * whoever fixes the site's adapter: the page's structure, never its text.
 */
export function PageReportView() {
  const [report, setReport] = useState<PageReport>();
  useEffect(() => {
    const reload = () => void readPageReport().then(setReport);
    reload();
    return onPageReportChanged(reload);
  }, []);
  if (!report) return null;
  const name = `page-report-${report.site ?? 'site'}.json`;
  return (
    <p class="page-report">
      Last page report: {report.site ?? 'a page'}, <code>{report.url}</code>, {report.elements} elements
      {report.truncated ? ' (cut short)' : ''}.{' '}
      <button type="button" onClick={() => downloadFile(name, 'application/json', JSON.stringify(report, null, 1))}>
        Download page report
      </button>
    </p>
  );
}
