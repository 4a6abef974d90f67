import { describe, expect, it } from 'vitest';
import { listZip } from '../../import/readers/zip';
import { getChartRenderer, renderReportCharts, setChartRenderer } from './chart-renderer';
import { DOCX_TYPE, XLSX_TYPE, reportDocxFile, reportXlsxFile } from './files';
import { reportCharts } from './report-charts';
import { isPng } from './png-size';
import { sampleMunicipalityReport, sampleSchoolReport } from './sample-report';

describe('the report files the routes send', () => {
  it('the справка carries both charts and a Russian file name', async () => {
    const r = sampleSchoolReport();
    const f = await reportDocxFile(r, reportCharts(r));
    expect(f.contentType).toBe(DOCX_TYPE);
    expect(f.fileName).toBe('Аналитическая справка — МБОУ «Средняя школа № 5» — декабрь 2024.docx');
    expect((listZip(f.bytes) ?? []).filter((e) => e.name.startsWith('word/media/')).map((e) => e.name.endsWith('.png'))).toEqual([true, true]);
  });

  it('draws no chart where there is nothing to draw', () => {
    const none = reportCharts(sampleSchoolReport({ indicators: [], previousRounds: [], figures: { ...sampleSchoolReport().figures, menteeSatisfaction: { kind: 'percent', value: 1, formula: '' }, mentorSatisfaction: { kind: 'percent', value: 1, formula: '' }, studentCoverage: { kind: 'percent', value: 1, formula: '' }, youngSpecialistCoverage: { kind: 'percent', value: 1, formula: '' } } }));
    expect(none).toEqual({});
    const some = reportCharts(sampleMunicipalityReport({ indicators: [] }));
    expect(isPng(some.targets!)).toBe(true);
    expect(some.trends).toBeUndefined();
  });

  it('the route finds the renderer the server registered; without one, no charts', async () => {
    const r = sampleSchoolReport();
    const before = getChartRenderer();
    try {
      setChartRenderer(undefined);
      expect(await renderReportCharts(r)).toEqual({});
      setChartRenderer(reportCharts);
      const charts = await renderReportCharts(r);
      expect(isPng(charts.targets!) && isPng(charts.trends!)).toBe(true);
      setChartRenderer(() => {
        throw new Error('boom');
      });
      expect(await renderReportCharts(r)).toEqual({});
    } finally {
      setChartRenderer(before);
    }
  });

  it('the workbook', async () => {
    const f = await reportXlsxFile(sampleMunicipalityReport());
    expect(f.contentType).toBe(XLSX_TYPE);
    expect(f.fileName).toBe('Показатели мониторинга — Управление образования Северного района — декабрь 2024.xlsx');
    expect(f.bytes.length).toBeGreaterThan(1000);
  });
});
