import type { ImportedRoadmap } from '../../lib/import/types';
import type { ImportUpload } from '../../lib/import/upload';
import type { BankFileOptions } from '../../lib/people/bank-file';
import type { BankUploadResult } from '../../lib/people/bank-upload';

/*
 * The import pool as route handlers see it. The server process owns the pool (its worker
 * file is resolved from server/, which Next does not bundle) and registers it here; the
 * bundled route handler finds it on globalThis, as it finds the health (server/health.ts).
 */
// `run` hands the upload's bytes over to a worker: the caller's array is emptied.
export type ImportRunner = {
  run(upload: ImportUpload, owner: string): Promise<ImportedRoadmap>;
  runBankFile(upload: ImportUpload, opts: BankFileOptions, owner: string): Promise<BankUploadResult>;
};
const KEY = Symbol.for('tropa.importPool');
type Holder = { [KEY]?: ImportRunner };

export const setImportPool = (pool: ImportRunner | undefined) => void ((globalThis as Holder)[KEY] = pool);
export const getImportPool = (): ImportRunner => {
  const pool = (globalThis as Holder)[KEY];
  if (!pool) throw new Error('the import pool is not running (start the app with the Tropa server)');
  return pool;
};
