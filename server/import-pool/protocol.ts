import type { ImportedRoadmap, ImportErrorCode } from '../../lib/import/types';
import type { BankUploadResult } from '../../lib/people/bank-upload';
import type { Bank, IsoDate } from '../../lib/people/types';

// Messages between the import pool (server main thread) and its workers. A job is of one
// kind: a roadmap document (lib/import) or a bank list (lib/people/bank-file); a request
// without `kind` is a roadmap (as before kinds existed).
type Upload = { id: number; body: Uint8Array; contentType: string; filename?: string };
export type RoadmapJobRequest = Upload & { kind?: 'roadmap' };
export type BankJobRequest = Upload & { kind: 'bank'; bank: Bank; today: IsoDate };
export type JobRequest = RoadmapJobRequest | BankJobRequest;
export type JobKind = NonNullable<JobRequest['kind']>;
export type JobResult =
  | { id: number; ok: true; roadmap: ImportedRoadmap }
  | { id: number; ok: true; bankFile: BankUploadResult }
  // code null: not the document's fault (a bug); message is then the stack, for the log only.
  // details: the AppError's details (a bank file's refusal carries its `reason`).
  | { id: number; ok: false; code: ImportErrorCode | null; message: string; details?: Record<string, unknown> };
export type WorkerMessage = { ready: true } | JobResult;
