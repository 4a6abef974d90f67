import type { OrgReport } from '../types';
import { chartPng } from './chart-png';
import { targetChartData, trendChartData } from './chart-data';
import type { ReportChartPngs } from './chart-renderer';

/*
 * The справка's two charts as PNGs, drawn in the server process (see chart-renderer.ts):
 * register it there with setChartRenderer(reportCharts). None where there is nothing to draw.
 */

/** The width the charts are drawn at: about the text width of an A4 page at 96 dpi. */
export const DOC_CHART_WIDTH = 640;

export function reportCharts(report: OrgReport): ReportChartPngs {
  const targets = targetChartData(report);
  const trends = trendChartData(report);
  return {
    ...(targets.length ? { targets: chartPng({ kind: 'targets', data: targets, width: DOC_CHART_WIDTH }) } : {}),
    ...(trends.series.length && trends.rows.length > 1 ? { trends: chartPng({ kind: 'trends', data: trends, width: DOC_CHART_WIDTH, height: 320 + trends.series.length * 20 }) } : {}),
  };
}
