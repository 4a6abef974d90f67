// The pairs documents of issue 14: pure builders from plain data to DOCX / XLSX bytes.
export { pairsOrderDocx, ORDER_TITLE, ORDER_HEADERS } from './pairs-order';
export { mentorJournalDocx, MEETING_HEADERS, GOAL_HEADERS } from './mentor-journal';
export { mentorJournalXlsx, SHEETS as JOURNAL_SHEETS, PAIR_COLUMNS, MEETING_COLUMNS, GOAL_COLUMNS } from './journal-xlsx';
export { journalModel, JOURNAL_TITLE } from './journal-model';
export type * from './types';
