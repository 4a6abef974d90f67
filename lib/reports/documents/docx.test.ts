import { describe, expect, it } from 'vitest';
import { readDocx } from '../../import/readers/docx';
import { listZip } from '../../import/readers/zip';
import { targetChartData, trendChartData } from './chart-data';
import { chartPng } from './chart-png';
import { CONCLUSIONS_PLACEHOLDER, NO_GROWTH_TEXT, REPORT_TITLE, UNSIGNED_LINE, analyticReportDocx } from './docx';
import { paragraphs, rowOf, tableWithHeaders } from './read-back';
import { sampleMunicipalityReport, sampleSchoolReport } from './sample-report';

describe('analyticReportDocx', () => {
  const school = sampleSchoolReport();
  const charts = {
    targets: chartPng({ kind: 'targets', data: targetChartData(school), width: 640 }),
    trends: chartPng({ kind: 'trends', data: trendChartData(school), width: 640, height: 360 }),
  };

  it('a school’s справка reads back with its title, period, sections, indicators, «нет данных», charts and conclusions', async () => {
    const bytes = await analyticReportDocx(school, { charts });
    const doc = readDocx(bytes);
    const text = paragraphs(doc);
    expect(text[0]).toBe(REPORT_TITLE);
    expect(text).toContain('Организация: МБОУ «Средняя школа № 5»');
    expect(text).toContain('Период мониторинга: декабрь 2024: с 01.07.2024 по 31.12.2024');
    expect(text).toContain(UNSIGNED_LINE);
    for (const h of ['1. Участники программы наставничества', '2. Этап 1. Качество процесса наставничества', '3. Этап 2. Результаты участников', '4. Показатели эффективности', '5. Исполнение дорожной карты', '6. Выводы и рекомендации'])
      expect(text).toContain(h);

    const byForm = tableWithHeaders(doc, ['Форма наставничества', 'Пары (группы)', 'Наставники', 'Наставляемые']);
    expect(rowOf(byForm, 'ученик – ученик')).toEqual(['ученик – ученик', '12', '10', '16']);
    expect(rowOf(byForm, 'Итого')).toEqual(['Итого', '20', '18', '24']);
    const byCategory = tableWithHeaders(doc, ['Категория', 'Наставники', 'Наставляемые']);
    expect(rowOf(byCategory, 'обучающийся')).toEqual(['обучающийся', '10', '18']);

    expect(text.some((p) => p.startsWith('Проведено встреч наставников и наставляемых: 96 из 120 ожидаемых (80 %)'))).toBe(true);
    expect(text.some((p) => p.startsWith('Удовлетворённость наставляемых участием в программе: 78,5 %'))).toBe(true);
    expect(text.some((p) => p.includes('среднее всех оценок по шкале 1–10 ÷ 10 × 100 %'))).toBe(true);
    expect(text).toContain(NO_GROWTH_TEXT);

    const ind = tableWithHeaders(doc, ['Показатель', 'Цель', 'Факт', 'Статус']);
    expect(ind).toHaveLength(1 + school.indicators.length);
    expect(rowOf(ind, 'Удовлетворённость наставляемых')).toEqual(['Удовлетворённость наставляемых', '70 %', '78,5 %', 'в графике']);
    expect(rowOf(ind, 'Удовлетворённость наставников')).toEqual(['Удовлетворённость наставников', '70 %', '64 %', 'под угрозой']);
    expect(rowOf(ind, 'Доля обучающихся, вовлечённых в наставничество')).toEqual(['Доля обучающихся, вовлечённых в наставничество', '20 %', 'нет данных', 'нет данных']);
    expect(rowOf(ind, 'Доля работодателей, предоставивших наставников')[0]).toContain('примечание: по договорам о сотрудничестве');

    const figures = tableWithHeaders(doc, ['Показатель', 'Значение', 'Как посчитано']);
    expect(rowOf(figures, 'Доля обучающихся, вовлечённых в наставничество, %')[1]).toBe('нет данных');
    expect(rowOf(figures, 'Участники программы')[1]).toBe('42');

    expect(text.some((p) => p.startsWith('Мероприятий со сроком до конца периода: 8; выполнено в срок: 6 (75 %)'))).toBe(true);
    expect(text).toContain('– Провести анкетирование удовлетворённости — срок 20.12.2024 (просрочено)');
    expect(text).toContain(school.conclusions);
    expect(text).toContain('Рисунок 1. Показатели эффективности: факт и цель, %');
    expect(text).toContain('Рисунок 2. Динамика показателей по периодам мониторинга, %');

    const media = (listZip(bytes) ?? []).map((e) => e.name).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(2);
    // a school has no roll-up
    expect(text).not.toContain('Приложение. Сведения по организациям');
  });

  it('without charts there are no images; without conclusions a line to fill in', async () => {
    const bytes = await analyticReportDocx(sampleSchoolReport({ conclusions: '  ' }));
    const names = (listZip(bytes) ?? []).map((e) => e.name);
    expect(names.filter((n) => n.startsWith('word/media/'))).toEqual([]);
    const text = paragraphs(readDocx(bytes));
    expect(text).toContain(CONCLUSIONS_PLACEHOLDER);
    expect(text.some((p) => p.startsWith('Рисунок'))).toBe(false);
  });

  it('a municipality’s справка is signed and lists its schools with their status and key figures', async () => {
    const mun = sampleMunicipalityReport();
    const doc = readDocx(await analyticReportDocx(mun));
    const text = paragraphs(doc);
    expect(text).toContain('Организация (муниципалитет): Управление образования Северного района');
    expect(text).toContain('Подписано: Петров Сергей Иванович, 15.01.2025, версия 2');
    expect(text).toContain('Приложение. Сведения по организациям');
    const orgs = tableWithHeaders(doc, ['Организация', 'Отчёт', 'Участники', 'Пары']);
    expect(rowOf(orgs, 'МБОУ «Средняя школа № 5»')).toEqual(['МБОУ «Средняя школа № 5»', 'подписан 10.01.2025 (версия 1)', '42', '20', '78,5 %', '64 %', '75 %']);
    expect(rowOf(orgs, 'МАОУ «Гимназия № 2»')).toEqual(['МАОУ «Гимназия № 2»', 'не представлен', '0', '0', 'нет данных', 'нет данных', 'нет данных']);
  });

  it('an empty report (no pairs, no indicators, no activities) still makes a readable справка', async () => {
    const r = sampleMunicipalityReport({ org: { id: 'x', name: 'Школа', kind: 'organisation' }, children: [], indicators: [], breakdown: { byForm: [], byCategory: [] }, contingent: null });
    const doc = readDocx(await analyticReportDocx(r));
    expect(rowOf(tableWithHeaders(doc, ['Показатель', 'Цель', 'Факт', 'Статус']), 'показатели дорожной карты не заданы')).toBeTruthy();
    expect(paragraphs(doc).some((p) => p.includes('обучающихся — нет данных'))).toBe(true);
  });
});
