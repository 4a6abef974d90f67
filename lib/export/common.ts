import type { ImportedIndicator } from '../import/types';
import type { RoadmapExport } from './types';

/* What both exporters write the same way: headers, numbering, the title lines. */

export const PLAN_HEADING = 'План мероприятий (дорожная карта)';
export const INDICATORS_HEADING = 'Показатели эффективности';
export const PLAN_HEADERS = ['№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные', 'Результат, вид документа'] as const;

const trimDot = (s: string) => s.trim().replace(/\.+$/, '');

/*
 * Numbers are written as the board has them and never invented: a plan whose rows had no
 * number gets none in the export either, so that importing the export gives back the same
 * board (an invented «2.9» would become a number the plan never had).
 */
/** A stage's number without a trailing dot, or '' when it has none. */
export const stageNumber = (stage: RoadmapExport['stages'][number]): string => (stage.number ? trimDot(stage.number) : '');

/** A stage row's text: «{number}. {title}», or the title alone. */
export const stageHeading = (stage: RoadmapExport['stages'][number]): string => {
  const no = stageNumber(stage);
  return no ? `${no}. ${stage.title}` : stage.title;
};

/** An activity's number as written, or ''. */
export const activityNumber = (activity: RoadmapExport['stages'][number]['activities'][number]): string => activity.number?.trim() ?? '';

/** «на 2024–2026 годы» (one year: «на 2025 год»), or null. */
function periodText(period: RoadmapExport['period']): string | null {
  if (!period || !period.from) return null;
  if (!period.to || period.to === period.from) return `на ${period.from} год`;
  return `на ${period.from}–${period.to} годы`;
}

/** The lines under the heading: the title (unless it is the heading itself), organisation, period. */
export function subtitleLines(r: RoadmapExport): string[] {
  const lines: string[] = [];
  const title = r.title?.trim();
  if (title && title.toLowerCase() !== PLAN_HEADING.toLowerCase()) lines.push(title);
  if (r.organisation?.trim()) lines.push(r.organisation.trim());
  const period = periodText(r.period);
  if (period) lines.push(period);
  return lines;
}

/** Every year named in the indicators' targets, in order. */
export function indicatorYears(indicators: ImportedIndicator[]): string[] {
  const years = new Set<string>();
  for (const ind of indicators) for (const y of Object.keys(ind.targets)) years.add(y);
  return [...years].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
}

/** A number as a Russian document writes it: decimal comma. */
export const ruNumber = (n: number): string => String(n).replace('.', ',');
