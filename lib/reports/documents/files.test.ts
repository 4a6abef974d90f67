import { describe, expect, it } from 'vitest';
import { listZip } from '../../import/readers/zip';
import { DOCX_TYPE, XLSX_TYPE, reportCharts, reportDocxFile, reportXlsxFile } from './files';
import { isPng } from './png-size';
import { sampleMunicipalityReport, sampleSchoolReport } from './sample-report';

describe('the report files the routes send', () => {
  it('the справка carries both charts and a Russian file name', async () => {
    const f = await reportDocxFile(sampleSchoolReport());
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

  it('the workbook', async () => {
    const f = await reportXlsxFile(sampleMunicipalityReport());
    expect(f.contentType).toBe(XLSX_TYPE);
    expect(f.fileName).toBe('Показатели мониторинга — Управление образования Северного района — декабрь 2024.xlsx');
    expect(f.bytes.length).toBeGreaterThan(1000);
  });
});
