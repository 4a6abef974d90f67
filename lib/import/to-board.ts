import type { BoardInit } from '../board/doc';
import type { RoadmapCardFields } from '../board/ops';
import type { ImportedRoadmap } from './types';

/*
 * An imported roadmap → the board it becomes: stages → columns, activities → cards with
 * every field (number, deadline with its original wording, responsible, result), details
 * → the card's description, one line each. Indicators and the organisation named in the
 * document ride in the board's meta, so an export can give them back.
 */
/** A board's title is at most 300 characters (lib/validation.ts): a longer one is cut at a word. */
export function boardTitle(title: string): string {
  const t = title.trim();
  if (t.length <= 300) return t;
  const cut = t.slice(0, 299);
  const space = cut.lastIndexOf(' ');
  return `${(space > 200 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function roadmapToBoardInit(r: Pick<ImportedRoadmap, 'title' | 'period' | 'stages' | 'indicators' | 'organisation'>, newId: () => string): BoardInit {
  return {
    title: boardTitle(r.title),
    kind: 'roadmap',
    period: r.period,
    organisation: r.organisation,
    indicators: r.indicators,
    columns: r.stages.map((stage) => ({
      id: newId(),
      title: stage.number ? `${stage.number}. ${stage.title}` : stage.title,
      cards: stage.activities.map((a) => {
        const fields: RoadmapCardFields = {
          number: a.number,
          deadline: a.deadline,
          responsible: a.responsible,
          result: a.result,
          status: 'todo',
        };
        return { id: newId(), title: a.title, description: a.details.join('\n'), fields };
      }),
    })),
  };
}
