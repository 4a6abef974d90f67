import type { Deadline } from '../board/ops';
import { AppError, isAppError, type ErrorCode } from '../errors';
import type { DocMeta } from './export-meta';

/*
 * The normalised result of a roadmap import: the contract that the CLI's `--json`
 * prints and that outside tools rely on (the import issue). Every reader (docx, xlsx,
 * csv, pasted text) produces a DocModel; lib/import/structure.ts turns that into this.
 */
export type { Deadline, Recurrence } from '../board/ops';

export type ImportedActivity = {
  number: string | null;
  title: string;
  details: string[];
  result: string | null;
  responsible: string[];
  deadline: Deadline;
  /**
   * What the importer guessed about this activity (a split cell, a deadline read without its
   * year, a stage chosen by its wording …), shown on its row in the preview. Absent when
   * nothing was guessed; each is also in the roadmap's `warnings`, named by the activity.
   */
  warnings?: string[];
};
export type ImportedStage = { number: string | null; title: string; activities: ImportedActivity[] };
export type ImportedIndicator = { title: string; unit: string | null; targets: Record<string, number> };
export type ImportedRoadmap = {
  title: string;
  organisation: string | null;
  period: { from: string; to: string } | null;
  stages: ImportedStage[];
  indicators: ImportedIndicator[];
  warnings: string[];
};

/*
 * What a reader gives the structurer: the document's blocks in reading order. A table's
 * rows hold cells; a cell holds its paragraphs (list items are paragraphs of their own).
 * A horizontally merged cell appears once with `span` > 1; a vertically merged cell's
 * continuation appears as an empty cell with `continued: true`.
 */
export type DocCell = { paragraphs: string[]; span?: number; continued?: boolean };
export type DocRow = { cells: DocCell[] };
export type DocTable = { kind: 'table'; rows: DocRow[] };
type DocParagraph = { kind: 'paragraph'; text: string };
export type DocBlock = DocParagraph | DocTable;
export type DocModel = {
  blocks: DocBlock[];
  warnings: string[];
  /**
   * Text extracted from Word breaks a table row at each page break, so a row's second
   * half arrives as a row of its own; a DOCX or XLSX table keeps its rows whole. Only
   * where this is set does the structurer join such halves back.
   */
  splitRows?: boolean;
  /** Title, organisation and period that a Tropa export recorded in the file's properties. */
  meta?: DocMeta | null;
};

/** A reader's failure that the user caused (unreadable file): a stable code for API and CLI. */
export type ImportErrorCode = Extract<ErrorCode, `IMPORT_${string}`>;
export class ImportError extends AppError {
  declare readonly code: ImportErrorCode;
  constructor(code: ImportErrorCode, message: string = code) {
    super(code, message);
  }
}
export const isImportError = (err: unknown): err is ImportError => isAppError(err) && err.code.startsWith('IMPORT_');

/** The largest file the import accepts: bigger Word roadmaps are images, not tables. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A file over `max` bytes (the import's own limit, or an upload's with its envelope). */
export const tooLargeError = (max = MAX_IMPORT_BYTES) =>
  new ImportError('IMPORT_TOO_LARGE', `Файл больше ${Math.floor(max / 1024 / 1024)} МБ: загрузите документ с планом без вложенных изображений.`);

/** How many activities a roadmap's stages hold. */
export const activityCount = (r: { stages: { activities: unknown[] }[] }) => r.stages.reduce((n, s) => n + s.activities.length, 0);
