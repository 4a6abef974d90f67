import { exportFileName } from '../../history/documents/filters';
import { targetChartData, trendChartData } from '../../../components/reports/charts';
import type { OrgReport } from '../types';
import { chartPng } from './chart-png';
import { analyticReportDocx } from './docx';
import { roundLabel } from './labels';
import { reportXlsx } from './xlsx';

/*
 * The report's downloads as files (bytes, name, type) for the route handlers: the справка
 * with its charts drawn here, and the workbook. Server only (chart-png loads a native module).
 */

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportFile = { bytes: Uint8Array; fileName: string; contentType: string };

/** The width the charts are drawn at: about the text width of an A4 page at 96 dpi. */
export const DOC_CHART_WIDTH = 640;

/** The charts the справка carries, as PNGs: none when there is nothing to draw. */
export function reportCharts(report: OrgReport): { targets?: Buffer; trends?: Buffer } {
  const targets = targetChartData(report);
  const trends = trendChartData(report);
  return {
    ...(targets.length ? { targets: chartPng({ kind: 'targets', data: targets, width: DOC_CHART_WIDTH }) } : {}),
    ...(trends.series.length && trends.rows.length > 1 ? { trends: chartPng({ kind: 'trends', data: trends, width: DOC_CHART_WIDTH, height: 320 + Math.ceil(trends.series.length) * 20 }) } : {}),
  };
}

export async function reportDocxFile(report: OrgReport): Promise<ReportFile> {
  const bytes = await analyticReportDocx(report, { charts: reportCharts(report) });
  return { bytes, fileName: exportFileName(['Аналитическая справка', report.org.name, roundLabel(report.round.key)], 'docx'), contentType: DOCX_TYPE };
}

export async function reportXlsxFile(report: OrgReport): Promise<ReportFile> {
  return { bytes: await reportXlsx(report), fileName: exportFileName(['Показатели мониторинга', report.org.name, roundLabel(report.round.key)], 'xlsx'), contentType: XLSX_TYPE };
}

