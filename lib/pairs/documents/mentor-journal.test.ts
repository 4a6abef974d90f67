import { describe, expect, it } from 'vitest';
import { docxProblems, docxText, docxXml } from '../../people/documents/docx-text';
import { group2, journalInput, meetings1, pair1 } from './journal.fixture';
import { journalModel, ruNumber } from './journal-model';
import { GOAL_HEADERS, MEETING_HEADERS, mentorJournalDocx } from './mentor-journal';
import type { MentorJournalInput } from './types';

const text = async (i: MentorJournalInput) => docxText(await mentorJournalDocx(i));
const lines = (...ls: string[]) => ls.join('\n');

describe('journalModel', () => {
  it('orders pairs by number and meetings by date, naming kinds and formats in Russian', () => {
    const j = journalModel(journalInput);
    expect(j.pairs.map((p) => p.title)).toEqual(['Пара № 1', 'Группа № 2']);
    expect(j.pairs[0].meetings.map((m) => [m.n, m.date, m.kind, m.format])).toEqual([
      [1, '16.09.2025', 'Встреча-знакомство', 'очно'],
      [2, '01.10.2025', 'Встреча-планирование', 'дистанционно'],
      [3, '25.05.2026', 'Итоговая встреча', 'очно'],
    ]);
    expect(j.pairs[0].mentorMean).toBe(9);
    expect(j.pairs[0].menteeMean).toBe(8);
    expect(j.pairs[1].menteeMean).toBe(7);
    expect(j.pairs[0].lastMeetingOn).toBe('2026-05-25');
  });

  it('takes the mentor from the pairs when not given, and names hidden mentees by their place', () => {
    const hidden = { ...group2, mentor: { ...group2.mentor, name: null }, mentees: group2.mentees.map((m, i) => (i === 1 ? { ...m, name: null } : m)) };
    const j = journalModel({
      ...journalInput,
      mentorName: null,
      pairs: [{ pair: hidden, meetings: journalInput.pairs[0].meetings, goals: [] }, journalInput.pairs[1]],
    });
    expect(j.mentorName).toBe('Смирнова Елена Павловна');
    expect(j.mentorPosition).toBe('учитель математики');
    const who = j.pairs[1].meetings.flatMap((m) => m.feedback.map((f) => f.who));
    expect(who).toEqual(['Зайцев Максим', 'Наставляемый 2']);
  });

  it('prints means with a decimal comma', () => {
    expect(ruNumber(7)).toBe('7');
    expect(ruNumber(22 / 3)).toBe('7,3');
    expect(ruNumber(8.25)).toBe('8,3');
  });
});

describe('mentorJournalDocx', () => {
  it('opens as a landscape DOCX', async () => {
    const bytes = await mentorJournalDocx(journalInput);
    expect(docxProblems(bytes)).toEqual([]);
    expect(docxXml(bytes)).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it('heads the journal with the organisation, the mentor and the Moscow date it was formed', async () => {
    const t = await text(journalInput);
    expect(t.split('\n').slice(0, 5)).toEqual([
      'ЖУРНАЛ НАСТАВНИКА',
      'МБОУ «СОШ № 5»',
      'Наставник: Смирнова Елена Павловна, учитель математики',
      'Наставнических пар (групп): 2',
      'Сформирован: 30.05.2026',
    ]);
  });

  it('prints a pair: members, form, order, start, stage and status, the goals and the meetings table by date', async () => {
    const t = await text(journalInput);
    const pair = t.slice(t.indexOf('Пара № 1'), t.indexOf('Группа № 2'));
    expect(pair).toContain(
      lines(
        'Пара № 1',
        'Наставник: Смирнова Елена Павловна, учитель математики',
        'Наставляемый: Волков Илья Андреевич, учитель математики',
        'Форма наставничества: учитель – учитель (опытный педагог – молодой специалист)',
        'Приказ о закреплении: № 112-о от 15.09.2025',
        'Начало работы: 15.09.2025',
        'Этап: Завершено',
        'Статус: завершена 25.05.2026',
      ),
    );
    expect(pair).toContain(lines(...GOAL_HEADERS, '1', 'Провести открытый урок', 'достигнута', '2', 'Подготовить ученика к олимпиаде', 'не достигнута'));
    expect(pair).toContain(
      lines(
        ...MEETING_HEADERS,
        '1',
        '16.09.2025',
        'Встреча-знакомство',
        'очно',
        'Знакомство, обсуждение запроса',
        'Посетить урок наставника',
        '8',
        'Волков Илья Андреевич: 7',
        '2',
        '01.10.2025',
        'Встреча-планирование',
        'дистанционно',
        'Составлен план',
        'Причина пропуска этапа: Пробная встреча совмещена со знакомством',
        '—',
        '9',
        '—',
        '3',
        '25.05.2026',
        'Итоговая встреча',
        'очно',
        'Подведены итоги года',
        '—',
        '10',
        'Волков Илья Андреевич: 9 — Спасибо за поддержку',
      ),
    );
    expect(pair).toContain('Проведено встреч: 3; последняя: 25.05.2026; средняя оценка наставника: 9; средняя оценка наставляемых: 8.');
  });

  it('prints a group: its mentees one per line and each one’s rating in the meeting row', async () => {
    const t = await text(journalInput);
    const group = t.slice(t.indexOf('Группа № 2'));
    expect(group).toContain(lines('Наставляемые (2):', '1) Зайцев Максим, 7 «Б» класс', '2) Белова Софья, 7 «Б» класс'));
    expect(group).toContain('Приказ о закреплении: не издан');
    expect(group).toContain('Этап: Регулярные встречи\nСтатус: действует');
    expect(group).toContain('цели плана не поставлены');
    expect(group).toContain(lines('1', '02.10.2025', 'Встреча-знакомство', 'очно', '—', '—', '—', '—'));
    expect(group).toContain(
      lines('2', '12.11.2025', 'Регулярная встреча', 'очно', 'Разбор задач', '—', '7', 'Зайцев Максим: 8 — Интересно', 'Белова Софья: 6'),
    );
    expect(group).toContain('Проведено встреч: 2; последняя: 12.11.2025; средняя оценка наставника: 7; средняя оценка наставляемых: 7.');
    expect(group).toContain('Наставник ____________ / Смирнова Елена Павловна /');
  });

  it('is a journal per pair when given one pair; an ended pair prints its reason', async () => {
    const t = await text({
      ...journalInput,
      pairs: [{ pair: { ...pair1, status: 'terminated', endedOn: '2026-01-10', endReason: 'Наставляемый перешёл в другую школу' }, meetings: meetings1, goals: [] }],
    });
    expect(t).toContain('Наставнических пар (групп): 1');
    expect(t).not.toContain('Группа № 2');
    expect(t).toContain('Статус: прекращена досрочно 10.01.2026. Причина: Наставляемый перешёл в другую школу');
  });

  it('says so when the mentor has no pairs', async () => {
    const t = await text({ ...journalInput, pairs: [] });
    expect(t).toContain('Наставнических пар (групп) нет.');
    expect(docxProblems(await mentorJournalDocx({ ...journalInput, pairs: [] }))).toEqual([]);
  });
});
