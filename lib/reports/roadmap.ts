import type { Deadline } from '../board/ops';
import { parseDeadline } from '../deadlines';
import { isIsoDate, moscowDate } from './rounds';
import type { RoadmapActivity, RoadmapExecution, Round } from './types';

/*
 * Roadmap execution for a round (rules of issue 16): of the activities due by the round's end
 * (cancelled ones excluded), which were done by their due date, done late, or are overdue.
 * The activities come as the board's trail shows them at the round's end, so a December
 * report reads the same in March. A due date is compared with the Moscow date the activity
 * became 'done'.
 *
 * Verdicts, for an activity with due date D and the round ending on E:
 *   cancelled — status 'cancelled': listed, never due;
 *   not_due   — no due date (none, ongoing, as needed) or D after E;
 *   on_time   — D ≤ E, done on or before D;
 *   late      — D ≤ E, done after D but by E;
 *   overdue   — D ≤ E, not done by E (a 'done' whose moment is after E was not done by then).
 * A 'done' activity without a known moment (done before the trail began) counts as on time:
 * nothing says it was late.
 */

export type Verdict = RoadmapExecution['items'][number]['verdict'];

/** The due date of a deadline: its last day (end, else start), none for ongoing / as-needed work or an unreadable date. */
export function dueOf(deadline: Partial<Deadline> | null | undefined): string | null {
  if (!deadline) return null;
  // A deadline typed by hand may hold only its words («до 10.10.2026»): read the dates from them.
  const dated = deadline.end || deadline.start || typeof deadline.text !== 'string' || !deadline.text.trim() ? deadline : parseDeadline(deadline.text).deadline;
  if (dated.recurrence === 'ongoing' || dated.recurrence === 'as-needed') return null;
  const d = dated.end ?? dated.start;
  return isIsoDate(d) ? d : null;
}

export function verdictOf(a: RoadmapActivity, round: Round): Verdict {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.due === null || !isIsoDate(a.due) || a.due > round.to) return 'not_due';
  if (a.status === 'done') {
    if (a.doneAt === null) return 'on_time';
    const done = moscowDate(a.doneAt);
    if (done > round.to) return 'overdue';
    return done <= a.due ? 'on_time' : 'late';
  }
  return 'overdue';
}

export function classifyExecution(activities: readonly RoadmapActivity[], round: Round): RoadmapExecution {
  const items = activities.map((a) => ({ ...a, verdict: verdictOf(a, round) }));
  const count = (v: Verdict) => items.filter((i) => i.verdict === v).length;
  const onTime = count('on_time');
  const late = count('late');
  const overdue = count('overdue');
  return { due: onTime + late + overdue, onTime, late, overdue, notDue: count('not_due'), items };
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  on_time: 'выполнено в срок',
  late: 'выполнено с опозданием',
  overdue: 'просрочено',
  not_due: 'срок не наступил',
  cancelled: 'отменено',
};
