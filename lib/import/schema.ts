import { z } from 'zod';
import { RECURRENCES } from '../board/ops';

/*
 * The normalised roadmap as a client sends it back after editing the preview. Checked
 * before a board is made from it: the same shape as lib/import/types.ts, with bounds so
 * a hostile client cannot make a board that the live core would refuse to carry.
 */
const Text = (max: number) => z.string().trim().max(max);
const Year = z.string().regex(/^\d{4}$/);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ImportedDeadline = z.object({
  text: Text(500),
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  recurrence: z.enum(RECURRENCES),
});
export const ImportedActivity = z.object({
  number: Text(40).nullable(),
  title: Text(2000).min(1),
  details: z.array(Text(4000)).max(200),
  result: Text(2000).nullable(),
  responsible: z.array(Text(500).min(1)).max(50),
  deadline: ImportedDeadline,
  warnings: z.array(z.string().max(2000)).max(50).optional(),
});
export const ImportedStage = z.object({
  number: Text(40).nullable(),
  title: Text(300).min(1),
  activities: z.array(ImportedActivity).max(2000),
});
export const ImportedIndicator = z.object({
  title: Text(2000).min(1),
  unit: Text(40).nullable(),
  targets: z.record(Year, z.number().finite()),
});
export const ImportedRoadmap = z.object({
  // A document's title can run long (a regional programme names every kind of school in
  // it); the board takes its first 300 characters (lib/import/to-board.ts).
  title: Text(2000).min(1),
  organisation: Text(500).nullable(),
  period: z.object({ from: Year, to: Year }).refine((p) => p.from <= p.to, { message: 'period ends before it starts' }).nullable(),
  stages: z.array(ImportedStage).min(1).max(100),
  indicators: z.array(ImportedIndicator).max(200),
  warnings: z.array(z.string()).max(5000).default([]),
});
