import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { TrendChart } from '../../../components/reports/charts';
import { targetChartData, trendChartData } from './chart-data';
import { chartPng, extractSvg } from './chart-png';
import { isPng, pngSize } from './png-size';
import { sampleSchoolReport } from './sample-report';

describe('chartPng', () => {
  const r = sampleSchoolReport();

  it('draws the actual-vs-target chart as a PNG at twice its size, Cyrillic labels and all', () => {
    const png = chartPng({ kind: 'targets', data: targetChartData(r), width: 640, height: 350 });
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1280, height: 700 });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('takes a chart element as well, at the scale asked', () => {
    const png = chartPng(createElement(TrendChart, { data: trendChartData(r, 'mentee-sat'), width: 500, height: 300 }), { scale: 1 });
    expect(pngSize(png)).toEqual({ width: 500, height: 300 });
  });

  it('extractSvg cuts the first svg out and adds the namespace only when missing', () => {
    expect(extractSvg('<div><svg width="1"><g/></svg><svg/></div>')).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="1"><g/></svg>');
    expect(extractSvg('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(() => extractSvg('<div/>')).toThrow(/no <svg>/);
  });
});
