import type { ImportedRoadmap, ImportErrorCode } from '../../lib/import/types';

// Messages between the import pool (server main thread) and its workers.
export type JobRequest = { id: number; body: Uint8Array; contentType: string; filename?: string };
export type JobResult =
  | { id: number; ok: true; roadmap: ImportedRoadmap }
  // code null: not the document's fault (a bug); message is then the stack, for the log only.
  | { id: number; ok: false; code: ImportErrorCode | null; message: string };
export type WorkerMessage = { ready: true } | JobResult;
