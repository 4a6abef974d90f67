// The demo's monitoring history (issue 16, item 9): the two rounds before the current one, each
// with its contingent, pairs that ran and ended in it, their meetings and the participants'
// surveys, so the report page has trends and the municipality's roll-up has figures at once; the
// older round is signed by the demo head. Days count from the round's first day. The people are
// those of lib/demo/people.ts (none of those withdrawn or erased), named by their full names.

export type DemoRoundPair = {
  mentor: string;
  mentees: string[];
  form: string;
  startDay: number;
  endDay: number;
  meetingDays: number[];
  /** Each mentee's satisfaction (every scale item), and the mentor's. */
  menteeScores: number[];
  mentorScore: number;
};
export type DemoRound = {
  /** 2: the round before last (signed), 1: the last one. */
  back: 1 | 2;
  contingent: { students: number; teachers: number; youngSpecialists: number; studentsBand: string };
  pairs: DemoRoundPair[];
  conclusions: string;
};

const TT = 'учитель – учитель';
const SS = 'ученик – ученик';
const ES = 'работодатель – ученик';

export const DEMO_REPORT_ROUNDS: DemoRound[] = [
  {
    back: 2,
    contingent: { students: 412, teachers: 46, youngSpecialists: 4, studentsBand: '10–18 лет' },
    pairs: [
      { mentor: 'Сергей Павлович Волков', mentees: ['Дарья Сергеевна Ершова'], form: TT, startDay: 10, endDay: 150, meetingDays: [12, 30, 58, 86, 120, 148], menteeScores: [8], mentorScore: 8 },
      { mentor: 'Артём Игоревич Соколов', mentees: ['Ксения Андреевна Павлова', 'Кирилл Максимович Фёдоров'], form: SS, startDay: 20, endDay: 160, meetingDays: [22, 40, 70, 110, 158], menteeScores: [6, 9], mentorScore: 7 },
    ],
    conclusions:
      'Программа наставничества запущена в формах «учитель – учитель» и «ученик – ученик». Встречи проводятся реже, чем предусмотрено планом: рекомендуется закрепить график встреч в приказе о закреплении пар и проводить промежуточный мониторинг ежемесячно.',
  },
  {
    back: 1,
    contingent: { students: 420, teachers: 48, youngSpecialists: 5, studentsBand: '10–18 лет' },
    pairs: [
      { mentor: 'Елена Викторовна Миронова', mentees: ['Дарья Сергеевна Ершова'], form: TT, startDay: 5, endDay: 170, meetingDays: [6, 20, 34, 50, 66, 82, 100, 120, 140, 168], menteeScores: [9], mentorScore: 9 },
      { mentor: 'Виктория Олеговна Зайцева', mentees: ['Тимур Русланович Ахметов'], form: SS, startDay: 15, endDay: 165, meetingDays: [16, 32, 47, 62, 90, 118, 146, 163], menteeScores: [8], mentorScore: 8 },
      { mentor: 'Роман Андреевич Ковалёв', mentees: ['Максим Ильич Никитин', 'Илья Романович Морозов'], form: ES, startDay: 30, endDay: 175, meetingDays: [31, 45, 75, 105, 135, 172], menteeScores: [10, 7], mentorScore: 9 },
    ],
    conclusions: '',
  },
];

/** Indicators of the demo school's programme (targets as the region's roadmap sets them). */
export const DEMO_REPORT_INDICATORS = [
  { title: 'Доля молодых специалистов, охваченных наставничеством', unit: '%', targets: { '2025': 100, '2026': 100, '2027': 100 } },
  { title: 'Удовлетворённость наставляемых участием в программе наставничества', unit: '%', targets: { '2025': 60, '2026': 70, '2027': 85 } },
  { title: 'Удовлетворённость наставников участием в программе наставничества', unit: '%', targets: { '2025': 60, '2026': 70, '2027': 85 } },
  { title: 'Доля обучающихся, вовлечённых в программу наставничества', unit: '%', targets: { '2025': 10, '2026': 20, '2027': 35 } },
];
