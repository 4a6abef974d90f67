/*
 * A data row whose cells happen to name columns («…работы…» → activity, «в течение всего
 * периода» → deadline) is not a repeated header (found by the layout property): it used to be
 * dropped, and its activity with it.
 */
import { describe, expect, it } from 'vitest';
import { importRoadmapText } from '../index';
import { structureRoadmap } from '../structure';
import type { DocModel } from '../types';

const doc = (rows: string[][]): DocModel => ({ blocks: [{ kind: 'table', rows: rows.map((r) => ({ cells: r.map((t) => ({ paragraphs: t ? [t] : [] })) })) }], warnings: [] });
const titles = (rows: string[][]) => structureRoadmap(doc(rows)).stages.flatMap((s) => s.activities.map((a) => a.title));

const HEADER = ['Наименование мероприятия', 'Сроки', 'Ответственные', 'Результат'];

describe('a data row is not a repeated header', () => {
  it.each<[string, string[]]>([
    ['work and period', ['Консультирование наставников по вопросам работы с наставляемыми', 'в течение всего периода', 'Директор', '']],
    ['work and period, a result', ['Организация работы наставнических пар', 'в период реализации программы', 'Куратор', 'Отчёт']],
    ['tasks and month', ['Постановка задач наставникам', 'сентябрь', 'Заместитель директора по УВР', '']],
    ['activity and date', ['Мероприятия недели наставничества', 'дата по графику', 'Классные руководители', '']],
    ['activity, time, a person', ['Содержание деятельности наставников', 'время проведения по согласованию', 'Иванова А. П.', '']],
    ['direction and months', ['Направления работы наставников', 'ежемесячно', 'Педагог-психолог', 'Протокол']],
    ['work, period, the organiser named', ['Работа с наставляемыми', 'весь период', 'Рабочая группа', 'Справка']],
    ['actions, a date', ['Действия по итогам анкетирования', '30.09.2025', 'Куратор программы наставничества', '']],
    ['work in the result column', ['Проведение семинара', 'октябрь', 'Методист', 'План работы']],
    ['period and a document', ['Подведение итогов работы за период', 'май', 'Директор', 'Приказ']],
    ['every cell names its role', ['Консультирование наставников по вопросам работы', 'в течение всего периода', 'Ответственный за наставничество', 'Итоговый документ']],
    ['two cells, both named', ['Организация работы наставнических пар', 'в период реализации программы', '', '']],
  ])('%s', (_, row) => {
    const rows = [HEADER, ['Анкетирование обучающихся', 'сентябрь', 'Куратор', 'Анкеты'], row];
    expect(titles(rows)).toEqual(['Анкетирование обучающихся', row[0]]);
  });

  it.each<[string, string[]]>([
    ['the same words', HEADER],
    ['other wording, the same roles', ['Мероприятие', 'Срок исполнения', 'Ответственный исполнитель', 'Результат, вид документа']],
    ['an unnamed column worded as the header', ['Мероприятия', 'Сроки', 'Ответственные', 'Результат']],
    ['a word broken by the page', ['Наименование мероприятия', 'Сроки', 'Ответствен- ные', 'Результат']],
  ])('a real repeat is still dropped: %s', (_, repeat) => {
    const rows = [HEADER, ['Анкетирование обучающихся', 'сентябрь', 'Куратор', 'Анкеты'], repeat, ['Обучение наставников', 'октябрь', 'Куратор', '']];
    expect(titles(rows)).toEqual(['Анкетирование обучающихся', 'Обучение наставников']);
  });
});

describe('a two-column paste keeps a row that names both columns (found by the layout property)', () => {
  it.each([
    ['Мероприятия\tСроки проведения', 'Консультирование наставников по вопросам работы с наставляемыми\tв течение всего периода'],
    ['Мероприятие\tСрок', 'Организация работы наставнических пар\tв период реализации программы'],
    ['Содержание деятельности\tСроки', 'Планирование работы на учебный год\tвесь период'],
  ])('%s', (header, row) => {
    const text = [header, 'Анкетирование обучающихся\tсентябрь 2025', row].join('\n');
    const titles = importRoadmapText(text).stages.flatMap((s) => s.activities.map((a) => a.title));
    expect(titles.sort()).toEqual(['Анкетирование обучающихся', row.split('\t')[0]].sort());
  });
});
