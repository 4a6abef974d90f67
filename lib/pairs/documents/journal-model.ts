import { present, ruDate } from '../../people/documents/common';
import type { IsoDate } from '../../people/types';
import { todayIso } from '../../people/rules';
import { pairLabels } from '../labels';
import type { JournalMeeting, JournalPair, MentorJournalInput } from './types';

/*
 * «Журнал наставника» as words and numbers, before it is laid out: the DOCX (mentor-journal.ts)
 * and the XLSX (journal-xlsx.ts) print the same model, so the two files never disagree. Pure.
 */

export const JOURNAL_TITLE = 'Журнал наставника';

export type JournalFeedback = { who: string; rating: number; comment: string | null };

export type JournalMeetingRow = {
  /** 1, 2, … within the pair, by date. */
  n: number;
  heldOn: IsoDate;
  /** «15.09.2025» */
  date: string;
  kind: string;
  format: string;
  summary: string | null;
  nextSteps: string | null;
  /** Why the meeting skipped a stage, when it did. */
  reason: string | null;
  mentorRating: number | null;
  feedback: JournalFeedback[];
};

export type JournalGoalRow = { n: number; text: string; result: string };

export type JournalPairModel = {
  /** «Пара № 1» / «Группа № 2» */
  title: string;
  number: number;
  mentor: string | null;
  mentorPosition: string | null;
  mentees: { name: string | null; classOrPosition: string | null }[];
  form: string;
  roleModel: string | null;
  /** «№ 112-о от 15.09.2025», or null without an order. */
  order: string | null;
  startedOn: IsoDate;
  stage: string;
  status: string;
  endedOn: IsoDate | null;
  endReason: string | null;
  goals: JournalGoalRow[];
  meetings: JournalMeetingRow[];
  lastMeetingOn: IsoDate | null;
  /** Means of the ratings given, null when none; unrounded. */
  mentorMean: number | null;
  menteeMean: number | null;
};

export type JournalModel = {
  orgName: string;
  mentorName: string | null;
  mentorPosition: string | null;
  generatedOn: IsoDate;
  pairs: JournalPairModel[];
};

/** A mean as Russian print: one decimal at most, a decimal comma («8,5», «9»). */
export function ruNumber(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r).replace('.', ',');
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Meetings by date, then by when they were recorded, then as given. */
function byDate(meetings: JournalMeeting[]): JournalMeeting[] {
  return meetings
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.heldOn.localeCompare(b.m.heldOn) || (a.m.createdAt ?? '').localeCompare(b.m.createdAt ?? '') || a.i - b.i)
    .map((x) => x.m);
}

function pairModel(p: JournalPair): JournalPairModel {
  const l = pairLabels('ru');
  const { pair } = p;
  // A mentee whose name the caller may not see, or one no longer in the pair, is named by its place.
  const who = (personId: string): string => {
    const i = pair.mentees.findIndex((m) => m.personId === personId);
    if (i < 0) return 'Наставляемый';
    return present(pair.mentees[i].name) ?? `Наставляемый ${i + 1}`;
  };
  const meetings = byDate(p.meetings).map(
    (m, i): JournalMeetingRow => ({
      n: i + 1,
      heldOn: m.heldOn,
      date: ruDate(m.heldOn) ?? m.heldOn,
      kind: l.kinds[m.kind] ?? m.kind,
      format: l.formats[m.format] ?? m.format,
      summary: present(m.summary),
      nextSteps: present(m.nextSteps),
      reason: present(m.reason),
      mentorRating: m.mentorRating ?? null,
      feedback: m.feedback.map((f) => ({ who: who(f.personId), rating: f.rating, comment: present(f.comment) })),
    }),
  );
  const order = pair.order ? `№ ${pair.order.number} от ${ruDate(pair.order.date) ?? pair.order.date}` : null;
  return {
    title: l.pairTitle(pair.number, pair.mentees.length),
    number: pair.number,
    mentor: present(pair.mentor.name),
    mentorPosition: present(pair.mentor.positionOrClass),
    mentees: pair.mentees.map((m) => ({ name: present(m.name), classOrPosition: present(m.positionOrClass) })),
    form: pair.form,
    roleModel: present(pair.roleModel),
    order,
    startedOn: pair.startedOn,
    stage: l.stages[pair.stage] ?? pair.stage,
    status: l.statuses[pair.status] ?? pair.status,
    endedOn: pair.endedOn,
    endReason: present(pair.endReason),
    goals: p.goals.map((g, i) => ({
      n: i + 1,
      text: g.text,
      result: g.reached === true ? l.goal.reached : g.reached === false ? l.goal.notReached : l.goal.pending,
    })),
    meetings,
    lastMeetingOn: meetings.length > 0 ? meetings[meetings.length - 1].heldOn : null,
    mentorMean: mean(meetings.flatMap((m) => (m.mentorRating === null ? [] : [m.mentorRating]))),
    menteeMean: mean(meetings.flatMap((m) => m.feedback.map((f) => f.rating))),
  };
}

/** The journal's model; pairs by number. */
export function journalModel(input: MentorJournalInput): JournalModel {
  const pairs = [...input.pairs].sort((a, b) => a.pair.number - b.pair.number).map(pairModel);
  return {
    orgName: input.orgName,
    mentorName: present(input.mentorName) ?? pairs.find((p) => p.mentor)?.mentor ?? null,
    mentorPosition: present(input.mentorPosition) ?? pairs.find((p) => p.mentorPosition)?.mentorPosition ?? null,
    generatedOn: input.generatedOn ?? todayIso(),
    pairs,
  };
}

/** «Зайцев Максим: 9 — понравилось» */
export const feedbackLine = (f: JournalFeedback) => `${f.who}: ${f.rating}${f.comment ? ` — ${f.comment}` : ''}`;

/** «завершена 31.05.2026», «прекращена досрочно 10.01.2026», «действует». */
export function statusLine(p: JournalPairModel): string {
  const ended = ruDate(p.endedOn);
  return ended ? `${p.status} ${ended}` : p.status;
}
