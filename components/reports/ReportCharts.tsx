import type { OrgReport } from '@/lib/reports/types';
import type { Messages } from '@/lib/i18n/messages';
import { targetChartData, trendChartData } from '@/lib/reports/documents/chart-data';
import { TargetChart, TrendChart } from './charts';

/**
 * The page's two charts: the same recharts components the справка draws on the server
 * (components/reports/charts.tsx), each a <figure> with its caption, an SVG and a hidden table.
 */
export function ReportCharts({ report, m }: { report: OrgReport; m: Messages }) {
  const r = m.reports;
  return (
    <div className="report-charts">
      {/* A chart wider than a phone scrolls sideways: its box takes the keyboard focus to scroll. */}
      <div data-testid="target-chart" className="report-chart-scroll" tabIndex={0} role="group" aria-label={r.targetChart}>
        <TargetChart data={targetChartData(report)} width={640} caption={r.targetChart} />
      </div>
      <div data-testid="trend-chart" className="report-chart-scroll" tabIndex={0} role="group" aria-label={r.trendChart}>
        <TrendChart data={trendChartData(report)} width={640} height={320} caption={r.trendChart} />
      </div>
    </div>
  );
}
