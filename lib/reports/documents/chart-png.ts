import { createElement, isValidElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Resvg } from '@resvg/resvg-js';
export { pngSize } from './png-size';
import { TargetChart, TrendChart } from '../../../components/reports/charts';
import type { TargetDatum, TrendChartData } from './chart-data';

/*
 * A report chart as a PNG for the справка: the same recharts component the page shows,
 * rendered to static markup on the server, its <svg> cut out and drawn by resvg. It runs in
 * the Tropa server process, never in Next's bundle (which refuses react-dom/server in a route
 * and cannot bundle resvg's native addon): see chart-renderer.ts.
 * Fonts come from the system (DejaVu Sans has Cyrillic; the chart's text names no font).
 * Drawn at `scale` (2 by default) so the picture stays sharp when Word prints it.
 */

export type ChartSpec =
  | { kind: 'targets'; data: TargetDatum[]; width: number; height?: number; caption?: string }
  | { kind: 'trends'; data: TrendChartData; width: number; height: number; caption?: string };

export const CHART_FONT = 'DejaVu Sans';

export function chartElement(spec: ChartSpec): ReactElement {
  return spec.kind === 'targets'
    ? createElement(TargetChart, { data: spec.data, width: spec.width, height: spec.height, caption: spec.caption })
    : createElement(TrendChart, { data: spec.data, width: spec.width, height: spec.height, caption: spec.caption });
}

/** The first <svg>…</svg> of the markup (recharts' surface), with the SVG namespace resvg needs. */
export function extractSvg(markup: string): string {
  const start = markup.indexOf('<svg');
  if (start < 0) throw new Error('chartPng: the chart rendered no <svg>');
  // recharts' surface holds no nested <svg>, so the first closing tag is its own
  const end = markup.indexOf('</svg>', start);
  if (end < 0) throw new Error('chartPng: the chart\'s <svg> is not closed');
  let svg = markup.slice(start, end + '</svg>'.length);
  const open = svg.slice(0, svg.indexOf('>') + 1);
  if (!/\sxmlns=/.test(open)) svg = `<svg xmlns="http://www.w3.org/2000/svg"${svg.slice(4)}`;
  return svg;
}

/** The chart (a spec, or any element rendering one) as PNG bytes. */
export function chartPng(chart: ReactElement | ChartSpec, opts: { scale?: number } = {}): Buffer {
  const element = isValidElement(chart) ? chart : chartElement(chart as ChartSpec);
  const svg = extractSvg(renderToStaticMarkup(element));
  const scale = opts.scale ?? 2;
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT },
  });
  return Buffer.from(resvg.render().asPng());
}
