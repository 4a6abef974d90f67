import type { BoardMeta, BoardView } from '../board/doc';
import type { Deadline } from '../board/ops';
import { splitNumber } from '../import/clean';
import type { ImportedActivity } from '../import/types';
import type { RoadmapExport } from './types';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function deadlineOf(v: unknown): Deadline {
  const d = (v && typeof v === 'object' ? v : {}) as Partial<Deadline>;
  return {
    text: typeof d.text === 'string' ? d.text : '',
    start: text(d.start),
    end: text(d.end),
    recurrence: d.recurrence ?? 'once',
  };
}

/**
 * A roadmap board as the plan it came from: columns → stages (a «1. …» column title gives
 * the stage its number back), cards → activities, the description's lines → details. The
 * organisation is the one the document named, else the board's organisation in Tropa.
 */
export function boardToRoadmap(view: BoardView, meta: BoardMeta, orgName: string | null): RoadmapExport {
  return {
    title: view.title || meta.title,
    organisation: meta.organisation ?? orgName,
    period: meta.period,
    indicators: meta.indicators,
    stages: view.columns.map((column) => {
      const { number, title } = splitNumber(column.title);
      return {
        number,
        title: title || column.title,
        activities: column.cards.map(
          (card): ImportedActivity => ({
            number: text(card.fields.number),
            title: card.title,
            details: card.description.split('\n').map((l) => l.trim()).filter(Boolean),
            result: text(card.fields.result),
            responsible: Array.isArray(card.fields.responsible) ? card.fields.responsible.filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [],
            deadline: deadlineOf(card.fields.deadline),
          }),
        ),
      };
    }),
  };
}
