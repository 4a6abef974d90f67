import type { OrgReport } from '../types';

/*
 * The справка's charts as route handlers reach them. Drawing a chart needs react-dom/server
 * and resvg (a native addon): Next refuses the first in a route's bundle and cannot bundle
 * the second. So the Tropa server process (server/main.ts, unbundled, run by tsx) registers
 * the renderer here, as it registers the import pool (server/import-pool/registry.ts), and
 * the bundled route finds it on globalThis. Without one (a bare `next start`), the справка is
 * made without its charts.
 */

export type ReportChartPngs = { targets?: Buffer; trends?: Buffer };
export type ChartRenderer = (report: OrgReport) => ReportChartPngs | Promise<ReportChartPngs>;

const KEY = Symbol.for('tropa.reportChartRenderer');
type Holder = { [KEY]?: ChartRenderer };

export const setChartRenderer = (renderer: ChartRenderer | undefined) => void ((globalThis as Holder)[KEY] = renderer);
export const getChartRenderer = (): ChartRenderer | undefined => (globalThis as Holder)[KEY];

/** The report's charts by the registered renderer; none (and a line in the log) when there is none or it fails. */
export async function renderReportCharts(report: OrgReport): Promise<ReportChartPngs> {
  const renderer = getChartRenderer();
  if (!renderer) {
    console.warn('[tropa] report charts: no renderer registered (start the app with the Tropa server); the справка goes without charts');
    return {};
  }
  try {
    return await renderer(report);
  } catch (err) {
    console.error(`[tropa] report charts failed: ${err instanceof Error ? err.message : String(err)}`);
    return {};
  }
}
