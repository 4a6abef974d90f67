import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { isImportError } from '../../lib/import/types';
import { importUpload } from '../../lib/import/upload';
import { bankUpload } from '../../lib/people/bank-upload';
import type { JobRequest, JobResult, WorkerMessage } from './protocol';

/*
 * One import worker: parses uploads one at a time, as the pool sends them. Whatever a
 * document does to this thread (memory, time) the pool ends by terminating it; the
 * server's main thread goes on answering.
 */
const port = parentPort!;

// On Linux a thread's nice value is its own: this lowers the parsing thread only, so that on a
// busy machine the main thread (every other request) gets the CPU first. Elsewhere it would
// lower the whole process, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not permitted: parse at normal priority
  }
}
const reply = (msg: WorkerMessage) => port.postMessage(msg);

// One job of either kind: a roadmap document, or a bank list (a BankFileError is an ImportError by its code).
function runJob(job: JobRequest): Promise<JobResult> {
  const upload = { body: job.body, contentType: job.contentType, filename: job.filename };
  if (job.kind === 'bank') return bankUpload(upload, { bank: job.bank, today: job.today }).then((bankFile) => ({ id: job.id, ok: true, bankFile }));
  return importUpload(upload).then((roadmap) => ({ id: job.id, ok: true, roadmap }));
}

port.on('message', (job: JobRequest) => {
  runJob(job).then(reply, (err: unknown) =>
    reply(
      isImportError(err)
        ? { id: job.id, ok: false, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
        : { id: job.id, ok: false, code: null, message: (err as Error)?.stack ?? String(err) },
    ),
  );
});
reply({ ready: true });
