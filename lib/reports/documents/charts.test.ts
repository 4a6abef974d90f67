import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, TargetChart, TrendChart } from '../../../components/reports/charts';
import { ACTUAL_LABEL, TARGET_LABEL, targetChartData, trendChartData, wrapLabel } from './chart-data';
import { sampleMunicipalityReport, sampleSchoolReport } from './sample-report';

/*
 * The charts of components/reports/charts.tsx (vitest only collects lib/**: their tests live
 * here, beside chart-png.ts which draws them for the documents). Rendered on the server with
 * renderToStaticMarkup, as chart-png does: a real <svg> with the bars and lines.
 */

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('chart data', () => {
  it('targetChartData: the percent indicators with a target or an actual, nulls kept', () => {
    const d = targetChartData(sampleSchoolReport());
    expect(d.map((x) => [x.label, x.actual, x.target])).toEqual([
      ['Доля молодых специалистов с наставником', 100, 100],
      ['Удовлетворённость наставляемых', 78.5, 70],
      ['Удовлетворённость наставников', 64, 70],
      ['Доля обучающихся, вовлечённых в наставничество', null, 20],
      ['Доля работодателей, предоставивших наставников', 5, 10],
    ]);
  });

  it('targetChartData: with no indicators, the percent figures that have a target', () => {
    const d = targetChartData(sampleSchoolReport({ indicators: [] }));
    expect(d.map((x) => x.key)).toEqual(['menteeSatisfaction', 'mentorSatisfaction', 'studentCoverage', 'youngSpecialistCoverage']);
    expect(d.find((x) => x.key === 'studentCoverage')).toMatchObject({ actual: null, target: 20 });
  });

  it('trendChartData: the previous rounds then this one, one line per indicator or actual vs target of one', () => {
    const r = sampleSchoolReport();
    const all = trendChartData(r);
    expect(all.rows.map((x) => x.label)).toEqual(['декабрь 2023', 'июнь 2024', 'декабрь 2024']);
    expect(all.series).toHaveLength(5);
    expect(all.rows.map((x) => x.values['mentee-sat'])).toEqual([60, 65, 78.5]);
    expect(all.rows.map((x) => x.values['students'])).toEqual([8.5, null, null]);
    const one = trendChartData(r, 'mentor-sat');
    expect(one.series.map((s) => s.label)).toEqual([ACTUAL_LABEL, TARGET_LABEL]);
    expect(one.rows.map((x) => [x.values.actual, x.values.target])).toEqual([
      [55, 60],
      [61, 70],
      [64, 70],
    ]);
    expect(trendChartData(r, 'nope').rows).toEqual([]);
  });

  it('wrapLabel splits at spaces and ellipsises past the line limit', () => {
    expect(wrapLabel('Доля молодых специалистов с наставником', 20)).toEqual(['Доля молодых', 'специалистов с', 'наставником']);
    expect(wrapLabel('один два три четыре пять шесть', 4, 2)).toEqual(['один', 'два…']);
  });

  it('every colour has WCAG AA contrast (≥ 4.5:1) on white', () => {
    for (const c of CHART_COLORS) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(4.5);
  });
});

describe('charts rendered on the server', () => {
  it('TargetChart: a figure with a caption, an svg role="img" with a summary, a bar per value, the legend inside the svg, a hidden table', () => {
    const data = targetChartData(sampleSchoolReport());
    const html = renderToStaticMarkup(createElement(TargetChart, { data, width: 640 }));
    expect(html.startsWith('<figure')).toBe(true);
    expect(html).toContain('<figcaption>Показатели эффективности: факт и цель, %</figcaption>');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(svg).toMatch(/<svg[^>]*role="img"/);
    expect(svg).toMatch(/aria-label="Диаграмма «Факт и цель по показателям»: Доля молодых специалистов с наставником — факт 100 %, цель 100 %;/);
    expect(svg).toContain('факт нет данных, цель 20 %');
    // 5 actual bars but one is null (no bar) + 5 target bars
    expect(count(svg, /class="recharts-rectangle"/g)).toBe(9);
    expect(svg).toContain('>Факт</text>');
    expect(svg).toContain('>Цель</text>');
    expect(svg).toContain('78,5 %');
    expect(svg).toContain('100 %');
    expect(html).toMatch(/<table class="sr-only">.*<th scope="row">Доля обучающихся, вовлечённых в наставничество<\/th><td>нет данных<\/td><td>20 %<\/td>/);
    expect(svg).toMatch(/width="640"/);
  });

  it('TrendChart: a line per series with a dot per known value', () => {
    const data = trendChartData(sampleSchoolReport());
    const html = renderToStaticMarkup(createElement(TrendChart, { data, width: 640, height: 360 }));
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(svg).toMatch(/<svg[^>]*role="img"/);
    expect(count(svg, /class="recharts-curve recharts-line-curve"/g)).toBe(5);
    // 15 points, 3 unknown
    expect(count(svg, /class="recharts-dot recharts-line-dot"/g)).toBe(12);
    expect(svg).toContain('декабрь 2023');
    expect(svg).toContain('Удовлетворённость наставляемых');
    expect(html).toContain('<th scope="col">Период</th>');
  });

  it('renders with nothing to show', () => {
    const r = sampleMunicipalityReport({ indicators: [], previousRounds: [] });
    for (const el of [createElement(TargetChart, { data: [], width: 400 }), createElement(TrendChart, { data: trendChartData(r), width: 400, height: 240 })]) {
      expect(renderToStaticMarkup(el)).toContain('<svg');
    }
  });
});
