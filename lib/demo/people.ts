import { addDays } from '../people/rules';
import type { Bank, Category, IsoDate } from '../people/types';
import { DEMO_PEOPLE_NAMES } from './content';

// Fictional mentors and mentees of the demo school (any likeness is chance). Birth dates are
// counted back from the day of seeding, so the minors stay minors in every demo.

export type DemoPerson = {
  fullName: string;
  ageYears: number;
  category: Category;
  bank: Bank;
  positionOrClass: string;
  experienceYears?: number;
  forms: string[];
  tags: string[];
  requestText?: string;
  capacity?: number;
  /** the guardian who signs for a minor; absent: the person signs; null: no consent yet */
  consent?: { guardian?: { name: string; relation: string } } | null;
  account?: 'mentor' | 'mentee';
  /** withdraws its consent and is erased (the demo of ст. 21 ч. 5) */
  erase?: true;
  /** withdrew its consent; the erasure is due */
  withdraw?: true;
};

const TT = 'учитель – учитель';
const SS = 'ученик – ученик';
const ES = 'работодатель – ученик';

export const DEMO_BANK: DemoPerson[] = [
  { fullName: DEMO_PEOPLE_NAMES.mentor, ageYears: 46, category: 'teacher', bank: 'mentor', positionOrClass: 'учитель математики', experienceYears: 22, forms: [TT], tags: ['методика', 'классное руководство', 'ОГЭ'], capacity: 2, account: 'mentor' },
  { fullName: 'Сергей Павлович Волков', ageYears: 52, category: 'teacher', bank: 'mentor', positionOrClass: 'учитель физики', experienceYears: 28, forms: [TT], tags: ['проектная деятельность', 'олимпиады'], capacity: 2 },
  { fullName: 'Елена Викторовна Миронова', ageYears: 39, category: 'teacher', bank: 'mentor', positionOrClass: 'учитель русского языка', experienceYears: 15, forms: [TT], tags: ['методика', 'работа с родителями'], capacity: 1 },
  { fullName: 'Артём Игоревич Соколов', ageYears: 16, category: 'student', bank: 'mentor', positionOrClass: '10 «А» класс', forms: [SS], tags: ['математика', 'программирование'], capacity: 2, consent: { guardian: { name: 'Игорь Николаевич Соколов', relation: 'отец' } } },
  { fullName: 'Виктория Олеговна Зайцева', ageYears: 17, category: 'student', bank: 'mentor', positionOrClass: '11 «Б» класс', forms: [SS], tags: ['английский язык', 'волонтёрство'], capacity: 1, consent: { guardian: { name: 'Олеся Викторовна Зайцева', relation: 'мать' } } },
  { fullName: 'Роман Андреевич Ковалёв', ageYears: 41, category: 'employer', bank: 'mentor', positionOrClass: 'инженер-технолог, АО «Новоградский механический завод»', forms: [ES], tags: ['профориентация', 'инженерия'], capacity: 3 },
  { fullName: DEMO_PEOPLE_NAMES.mentee, ageYears: 24, category: 'teacher', bank: 'mentee', positionOrClass: 'учитель информатики', experienceYears: 1, forms: [TT], tags: ['методика', 'дисциплина на уроке'], requestText: 'Выстроить дисциплину на уроках в 7-х классах, подготовить открытый урок.', account: 'mentee' },
  { fullName: 'Анастасия Романовна Белкина', ageYears: 23, category: 'teacher', bank: 'mentee', positionOrClass: 'учитель начальных классов', experienceYears: 0, forms: [TT], tags: ['работа с родителями'], requestText: 'Первый год в школе: родительские собрания, документация.' },
  { fullName: 'Кирилл Максимович Фёдоров', ageYears: 12, category: 'student', bank: 'mentee', positionOrClass: '6 «В» класс', forms: [SS], tags: ['математика'], requestText: 'Отставание по математике после болезни.', consent: { guardian: { name: 'Мария Сергеевна Фёдорова', relation: 'мать' } } },
  { fullName: 'Полина Денисовна Егорова', ageYears: 13, category: 'student', bank: 'mentee', positionOrClass: '7 «А» класс', forms: [SS], tags: ['английский язык', 'адаптация'], requestText: 'Перевелась из другой школы, нужна помощь с адаптацией.', consent: { guardian: { name: 'Денис Алексеевич Егоров', relation: 'отец' } } },
  { fullName: 'Максим Ильич Никитин', ageYears: 14, category: 'student', bank: 'mentee', positionOrClass: '8 «Б» класс', forms: [ES], tags: ['профориентация', 'инженерия'], requestText: 'Хочет понять, какие инженерные профессии есть в городе.', consent: { guardian: { name: 'Светлана Петровна Никитина', relation: 'опекун' } } },
  { fullName: 'Алиса Тимуровна Гусева', ageYears: 11, category: 'student', bank: 'mentee', positionOrClass: '5 «А» класс', forms: [SS], tags: ['программирование'], requestText: 'Интерес к программированию, нужен старший товарищ.', consent: null },
  { fullName: 'Егор Васильевич Титов', ageYears: 15, category: 'student', bank: 'mentee', positionOrClass: '9 «А» класс', forms: [SS], tags: ['математика', 'ОГЭ'], requestText: 'Подготовка к ОГЭ по математике.', consent: { guardian: { name: 'Василий Егорович Титов', relation: 'отец' } }, withdraw: true },
  { fullName: 'Софья Артёмовна Лаврова', ageYears: 13, category: 'student', bank: 'mentee', positionOrClass: '7 «Б» класс', forms: [SS], tags: ['адаптация'], requestText: 'Трудности в общении с одноклассниками.', consent: { guardian: { name: 'Артём Олегович Лавров', relation: 'отец' } }, erase: true },
  // Waiting for a pair (the suggestions have someone to offer), and members of the demo pairs (lib/demo/pairs.ts).
  { fullName: 'Дарья Сергеевна Ершова', ageYears: 25, category: 'teacher', bank: 'mentee', positionOrClass: 'учитель английского языка', experienceYears: 2, forms: [TT], tags: ['методика', 'ОГЭ'], requestText: 'Подготовка учеников к ОГЭ, планирование уроков.' },
  { fullName: 'Ксения Андреевна Павлова', ageYears: 12, category: 'student', bank: 'mentee', positionOrClass: '6 «А» класс', forms: [SS], tags: ['математика', 'программирование'], requestText: 'Хочет участвовать в олимпиадах по информатике.', consent: { guardian: { name: 'Андрей Викторович Павлов', relation: 'отец' } } },
  { fullName: 'Тимур Русланович Ахметов', ageYears: 15, category: 'student', bank: 'mentee', positionOrClass: '9 «Б» класс', forms: [ES], tags: ['профориентация', 'инженерия'], requestText: 'Выбор профиля в 10 классе.', consent: { guardian: { name: 'Руслан Маратович Ахметов', relation: 'отец' } } },
  { fullName: 'Илья Романович Морозов', ageYears: 16, category: 'student', bank: 'mentee', positionOrClass: '10 «А» класс', forms: [ES], tags: ['профориентация'], requestText: 'Практика на производстве.', consent: { guardian: { name: 'Ольга Ивановна Морозова', relation: 'мать' } } },
];

/** A birth date `ageYears` (and a few months) before `today`. */
export function demoBirthDate(p: DemoPerson, index: number, today: IsoDate): IsoDate {
  return addDays(today, -Math.round(p.ageYears * 365.25 + 40 + ((index * 37) % 200)));
}
