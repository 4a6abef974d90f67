import type { OrgReport } from '@/lib/reports/types';
import type { Messages } from '@/lib/i18n/messages';
import { TargetChart, TrendChart } from './charts';

/**
 * The page's two charts, each a <figure> with its caption (the SVG inside is what the tests and
 * the documents look for). The only place the page touches components/reports/charts.tsx.
 */
export function ReportCharts({ report, m }: { report: OrgReport; m: Messages }) {
  const r = m.reports;
  return (
    <div className="report-charts">
      <figure className="report-chart" data-testid="target-chart">
        <figcaption>{r.targetChart}</figcaption>
        <TargetChart report={report} />
      </figure>
      <figure className="report-chart" data-testid="trend-chart">
        <figcaption>{r.trendChart}</figcaption>
        <TrendChart report={report} />
      </figure>
    </div>
  );
}
