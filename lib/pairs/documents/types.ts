// The inputs of the pairs documents (issue 14): plain data, no database types. The db/ and
// app/ layers read the rows, decide which names the caller may see (DESIGN.md, "Personal
// data") and pass these in; the builders in this folder only lay them out as DOCX or XLSX.

import type { IsoDate } from '../../people/types';
import type { Goal, MeetingRecord, PairMember, PairSummary } from '../types';

/** One pair (or group) as the order lists it. */
export type OrderPair = {
  /** The pair's number in its organisation («Пара № N»). */
  number: number | string;
  /** A name or position unknown prints as a blank line to fill in by hand. */
  mentor: { name: string | null; position: string | null };
  /** One for a pair, several for a group. */
  mentees: { name: string | null; classOrPosition: string | null }[];
  /** As worded in DOMAIN.md, e.g. «учитель – учитель». */
  form: string;
  roleModel?: string | null;
  from: IsoDate;
  /** null: the end is not fixed (a blank line to fill in). */
  to: IsoDate | null;
};

/** «Приказ о закреплении наставнических пар (групп)». */
export type PairsOrderInput = {
  orgName: string;
  /** The order's number and date; null or absent: blank lines to fill in by hand. */
  number?: string | null;
  date?: IsoDate | null;
  /** The head who signs; the curator who controls. Absent: blank lines. */
  headName?: string | null;
  headPosition?: string | null;
  curatorName?: string | null;
  pairs: OrderPair[];
};

/** The fields of a pair the journal prints (any PairSummary fits). */
export type JournalPairInfo = Pick<
  PairSummary,
  'number' | 'form' | 'roleModel' | 'startedOn' | 'stage' | 'status' | 'endedOn' | 'endReason' | 'order'
> & {
  mentor: Pick<PairMember, 'personId' | 'name' | 'positionOrClass'>;
  mentees: Pick<PairMember, 'personId' | 'name' | 'positionOrClass'>[];
};

/** The fields of a meeting the journal prints (any MeetingRecord fits). */
export type JournalMeeting = Pick<
  MeetingRecord,
  'kind' | 'heldOn' | 'format' | 'summary' | 'nextSteps' | 'mentorRating' | 'reason' | 'feedback'
> & { createdAt?: string };

/** One pair of the journal: the pair, its meetings (any order: printed by date) and its plan's goals. */
export type JournalPair = {
  pair: JournalPairInfo;
  meetings: JournalMeeting[];
  goals: Pick<Goal, 'text' | 'reached'>[];
};

/**
 * «Журнал наставника»: per mentor (all its pairs) or per pair (one entry in `pairs`).
 * `mentorName` null: the first pair's mentor name, else a blank line.
 */
export type MentorJournalInput = {
  orgName: string;
  mentorName: string | null;
  mentorPosition?: string | null;
  pairs: JournalPair[];
  /** The day the journal is formed; today in Moscow when absent. */
  generatedOn?: IsoDate;
};
