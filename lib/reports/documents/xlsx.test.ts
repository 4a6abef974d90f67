import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../import/readers/xlsx';
import { FIGURE_KEYS } from '../types';
import { paragraphs, rowOf, tables } from './read-back';
import { sampleMunicipalityReport, sampleSchoolReport } from './sample-report';
import { SHEETS, reportXlsx } from './xlsx';

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

describe('reportXlsx', () => {
  it('has the four sheets, every figure with its numbers, and reads back with the import reader', async () => {
    const r = sampleSchoolReport();
    const bytes = await reportXlsx(r);
    const wb = await workbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.figures, SHEETS.indicators, SHEETS.orgs, SHEETS.roadmap]);

    const model = await readXlsx(bytes);
    expect(model.warnings).toEqual([]);
    const [figures, indicators, orgs, roadmap] = tables(model);
    expect(paragraphs(model)).toContain('МБОУ «Средняя школа № 5» (образовательная организация)');
    expect(figures![0]).toEqual(['Показатель', 'Код', 'Значение', 'Числитель', 'Знаменатель', 'Цель', 'Как посчитано', 'Организаций без данных']);
    expect(figures!.slice(1).map((row) => row[1])).toEqual([...FIGURE_KEYS]);
    expect(rowOf(figures!, 'Проведено встреч (из ожидаемых)').slice(1, 5)).toEqual(['meetingsHeld', '96', '96', '120']);
    expect(rowOf(figures!, 'Удовлетворённость наставляемых, %').slice(2, 6)).toEqual(['78.5', '628', '800', '70']);
    expect(rowOf(figures!, 'Доля обучающихся, вовлечённых в наставничество, %')[2]).toBe('нет данных');

    expect(indicators![0]).toEqual(['Показатель', 'Ед. изм.', 'Связь с расчётом', 'Факт: декабрь 2023', 'Факт: июнь 2024', 'Цель: декабрь 2024', 'Факт: декабрь 2024', 'Статус', 'Примечание', 'Расхождение целей']);
    expect(rowOf(indicators!, 'Удовлетворённость наставников').slice(1, 8)).toEqual(['%', 'Удовлетворённость наставников, %', '55', '61', '70', '64', 'под угрозой']);
    expect(rowOf(indicators!, 'Доля обучающихся, вовлечённых в наставничество').slice(4, 8)).toEqual(['нет данных', '20', 'нет данных', 'нет данных']);
    expect(rowOf(indicators!, 'Доля работодателей, предоставивших наставников')[2]).toBe('вносится вручную');

    // a school: only its own total row
    expect(orgs!.slice(1).map((row) => row[0])).toEqual(['Итого: МБОУ «Средняя школа № 5»']);
    expect(roadmap!.slice(1).map((row) => row[4])).toEqual(['выполнено в срок', 'выполнено с опозданием', 'просрочено', 'срок не наступил']);
    expect(rowOf(roadmap!, 'Провести анкетирование удовлетворённости').slice(1, 3)).toEqual(['20.12.2024', 'в работе']);

    // numbers are number cells
    const ws = wb.getWorksheet(SHEETS.figures)!;
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'menteeSatisfaction') {
        expect(row.getCell(3).value).toBe(78.5);
        expect(row.getCell(5).value).toBe(800);
        found = true;
      }
    });
    expect(found).toBe(true);
  });

  it('a municipality: one row per organisation with its status and figures, then the total', async () => {
    const r = sampleMunicipalityReport();
    const [, , orgs] = tables(await readXlsx(await reportXlsx(r)));
    const head = orgs![0]!;
    expect(head.slice(0, 4)).toEqual(['Организация', 'Вид', 'Отчёт', 'Подписал']);
    const col = (label: string) => head.indexOf(label);
    const school = rowOf(orgs!, 'МБОУ «Средняя школа № 5»');
    expect(school.slice(1, 4)).toEqual(['образовательная организация', 'подписан 10.01.2025 (версия 1)', 'Иванова Мария Петровна']);
    expect(school[col('Участники программы')]).toBe('42');
    const gym = rowOf(orgs!, 'МАОУ «Гимназия № 2»');
    expect(gym[2]).toBe('не представлен');
    expect(gym[col('Удовлетворённость наставляемых, %')]).toBe('нет данных');
    const total = rowOf(orgs!, 'Итого: Управление образования Северного района');
    expect(total.slice(1, 4)).toEqual(['муниципалитет', 'подписан 15.01.2025 (версия 2)', 'Петров Сергей Иванович']);
    expect(orgs).toHaveLength(1 + 2 + 1);
  });
});
