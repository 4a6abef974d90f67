import type { MeetingFormat, MeetingKind } from '../pairs/types';
import { DEMO_PEOPLE_NAMES } from './content';

// The demo school's pairs (issue 14, item 10): one in every meeting stage, with meetings, the
// plan's goals, mentees' ratings and a couple of answered surveys, so the pairs board, «Моя пара»
// and the reports have something to show. Dates are days before the day of seeding. The people
// are those of lib/demo/people.ts, named here by their full names.

export type DemoMeeting = {
  kind: MeetingKind;
  daysAgo: number;
  format?: MeetingFormat;
  summary: string;
  nextSteps?: string;
  rating: number; // the mentor's
  /** each mentee's rating and comment, in the order of `mentees` */
  feedback?: { rating: number; comment?: string }[];
  goals?: string[]; // встреча-планирование
  reached?: boolean[]; // итоговая встреча: the goals' marks, in order
};

export type DemoPair = {
  mentor: string;
  mentees: string[];
  form: string;
  roleModel?: string;
  startedDaysAgo: number;
  meetings: DemoMeeting[];
  end?: { outcome: 'completed' | 'terminated'; daysAgo: number; reason?: string };
  /** paper surveys typed by the curator at the final meeting */
  surveys?: true;
};

const TT = 'учитель – учитель';
const SS = 'ученик – ученик';
const ES = 'работодатель – ученик';

export const DEMO_PAIRS: DemoPair[] = [
  {
    // The demo mentor's and the demo mentee's pair: just met (the mentor's next step is the trial meeting).
    mentor: DEMO_PEOPLE_NAMES.mentor,
    mentees: [DEMO_PEOPLE_NAMES.mentee],
    form: TT,
    roleModel: 'опытный педагог – молодой специалист',
    startedDaysAgo: 12,
    meetings: [{ kind: 'intro', daysAgo: 5, summary: 'Познакомились, обсудили запрос: дисциплина на уроках в 7-х классах и открытый урок.', nextSteps: 'Посетить два урока наставника.', rating: 8 }],
  },
  {
    mentor: 'Сергей Павлович Волков',
    mentees: ['Анастасия Романовна Белкина'],
    form: TT,
    roleModel: 'опытный педагог – молодой специалист',
    startedDaysAgo: 80,
    meetings: [
      { kind: 'intro', daysAgo: 75, summary: 'Знакомство при кураторе, обсудили ожидания.', rating: 7, feedback: [{ rating: 8 }] },
      { kind: 'trial', daysAgo: 64, summary: 'Совместно подготовили план родительского собрания.', rating: 8, feedback: [{ rating: 9, comment: 'Очень помогло.' }] },
      {
        kind: 'planning',
        daysAgo: 50,
        summary: 'Составили план на полугодие.',
        rating: 8,
        goals: ['Провести родительское собрание самостоятельно', 'Освоить электронный журнал', 'Дать открытый урок'],
      },
      { kind: 'regular', daysAgo: 30, format: 'remote', summary: 'Разобрали собрание, замечания по документации.', rating: 7, feedback: [{ rating: 7 }] },
      { kind: 'regular', daysAgo: 9, summary: 'Подготовка открытого урока.', nextSteps: 'Пробный прогон урока.', rating: 9 },
    ],
  },
  {
    mentor: 'Артём Игоревич Соколов',
    mentees: ['Кирилл Максимович Фёдоров'],
    form: SS,
    roleModel: 'успевающий – неуспевающий',
    startedDaysAgo: 40,
    meetings: [
      { kind: 'intro', daysAgo: 38, summary: 'Знакомство, выяснили пробелы по дробям.', rating: 7 },
      { kind: 'trial', daysAgo: 30, summary: 'Решали задачи на дроби вместе.', rating: 8, feedback: [{ rating: 9 }] },
      { kind: 'planning', daysAgo: 6, summary: 'Договорились заниматься раз в неделю.', rating: 8, goals: ['Закрыть пробелы по дробям', 'Четвертная оценка не ниже «4»'] },
    ],
  },
  {
    // Stalled: no meeting for longer than its two-week rhythm.
    mentor: 'Виктория Олеговна Зайцева',
    mentees: ['Полина Денисовна Егорова'],
    form: SS,
    roleModel: 'лидер – пассивный',
    startedDaysAgo: 55,
    meetings: [
      { kind: 'intro', daysAgo: 52, summary: 'Знакомство, экскурсия по школе.', rating: 8, feedback: [{ rating: 8 }] },
      { kind: 'trial', daysAgo: 41, summary: 'Вместе сходили на занятие клуба английского языка.', rating: 7 },
    ],
  },
  {
    // A group at its final meeting: the plan's goals marked, both sides' surveys in.
    mentor: 'Роман Андреевич Ковалёв',
    mentees: ['Максим Ильич Никитин', 'Тимур Русланович Ахметов'],
    form: ES,
    startedDaysAgo: 120,
    meetings: [
      { kind: 'intro', daysAgo: 115, summary: 'Знакомство на заводе.', rating: 8, feedback: [{ rating: 9 }, { rating: 8 }] },
      { kind: 'trial', daysAgo: 100, summary: 'Экскурсия по цехам.', rating: 9, feedback: [{ rating: 10 }, { rating: 9 }] },
      { kind: 'planning', daysAgo: 90, summary: 'Выбрали темы проектов.', rating: 8, goals: ['Познакомиться с тремя инженерными профессиями', 'Сделать мини-проект'] },
      { kind: 'regular', daysAgo: 60, summary: 'Работа над проектом.', rating: 8, feedback: [{ rating: 8 }, { rating: 7 }] },
      { kind: 'regular', daysAgo: 30, summary: 'Консультация инженера-конструктора.', rating: 9 },
      { kind: 'final', daysAgo: 4, summary: 'Защита мини-проектов, рефлексия.', rating: 9, reached: [true, true], feedback: [{ rating: 10, comment: 'Хочу поступать на машиностроение.' }, { rating: 9 }] },
    ],
    surveys: true,
  },
  {
    mentor: 'Роман Андреевич Ковалёв',
    mentees: ['Илья Романович Морозов'],
    form: ES,
    startedDaysAgo: 170,
    meetings: [
      { kind: 'intro', daysAgo: 165, summary: 'Знакомство.', rating: 8 },
      { kind: 'trial', daysAgo: 150, summary: 'Посещение производства.', rating: 8 },
      { kind: 'planning', daysAgo: 140, summary: 'План практики.', rating: 8, goals: ['Пройти недельную практику'] },
      { kind: 'regular', daysAgo: 100, summary: 'Практика.', rating: 9 },
      { kind: 'final', daysAgo: 45, summary: 'Итоги практики.', rating: 9, reached: [true], feedback: [{ rating: 9 }] },
    ],
    end: { outcome: 'completed', daysAgo: 44 },
    surveys: true,
  },
];
