import { randomUUID } from 'node:crypto';
import type { BoardKind } from '../permissions/roles';
import type { BoardInit, ColumnInit } from './doc';

/** The seven stages of the target model's roadmap (GLOSSARY.md), in order. */
export const STANDARD_STAGES = [
  'Подготовка условий для запуска программы наставничества',
  'Формирование базы наставляемых',
  'Формирование базы наставников',
  'Отбор и обучение наставников',
  'Формирование наставнических пар/групп',
  'Организация работы наставнических пар/групп',
  'Завершение наставничества',
] as const;

/** A pair's fixed sequence of meetings: the columns of a pairs board. */
export const MEETING_STAGES = [
  { id: 'intro', title: 'Встреча-знакомство' },
  { id: 'trial', title: 'Пробная рабочая встреча' },
  { id: 'planning', title: 'Встреча-планирование' },
  { id: 'regular', title: 'Регулярные встречи' },
  { id: 'final', title: 'Итоговая встреча' },
  { id: 'done', title: 'Завершено' },
] as const;
export type MeetingStage = (typeof MEETING_STAGES)[number]['id'];

/** The columns a new board starts with: a roadmap's stages, or a pairs board's meetings. */
export function emptyColumns(kind: BoardKind): ColumnInit[] {
  return kind === 'roadmap'
    ? STANDARD_STAGES.map((title) => ({ id: randomUUID(), title, cards: [] }))
    : MEETING_STAGES.map((m) => ({ id: m.id, title: m.title, cards: [] }));
}

export function newBoardInit(kind: BoardKind, title: string, period: { from: string; to: string } | null): BoardInit {
  return { title, kind, period, columns: emptyColumns(kind) };
}
