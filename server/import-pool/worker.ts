import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { isImportError } from '../../lib/import/types';
import { importUpload } from '../../lib/import/upload';
import type { JobRequest, WorkerMessage } from './protocol';

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

port.on('message', (job: JobRequest) => {
  importUpload({ body: job.body, contentType: job.contentType, filename: job.filename }).then(
    (roadmap) => reply({ id: job.id, ok: true, roadmap }),
    (err: unknown) =>
      reply(
        isImportError(err)
          ? { id: job.id, ok: false, code: err.code, message: err.message }
          : { id: job.id, ok: false, code: null, message: (err as Error)?.stack ?? String(err) },
      ),
  );
});
reply({ ready: true });
