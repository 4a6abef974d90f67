import { Worker } from 'node:worker_threads';
import { AppError } from '../../lib/errors';
import { ImportError, type ImportedRoadmap } from '../../lib/import/types';
import type { ImportUpload } from '../../lib/import/upload';
import type { BankUploadResult } from '../../lib/people/bank-upload';
import type { BankFileOptions } from '../../lib/people/bank-file';
import type { JobRequest, WorkerMessage } from './protocol';
import type { ImportRunner } from './registry';

/*
 * Parsing an uploaded document is CPU and memory a user controls, so it runs in worker
 * threads: each with a heap limit and a time limit, a few at a time, the rest in a short
 * queue. A worker that passes a limit is terminated (and replaced when next needed); the
 * main thread, which answers every other request, never parses.
 */

export type PoolOptions = {
  workers: number; // parses at a time
  queue: number; // uploads waiting for a worker
  perOwner: number; // one user's uploads, running and waiting
  memoryMb: number; // a worker's heap (old generation)
  timeoutMs: number; // one parse, from when a ready worker gets it
  startMs?: number; // a worker's start (loading the readers)
  idleMs?: number; // an unused worker's life: its heap is returned to the system
  log?: (msg: string) => void;
};

// What a job asks of the worker besides the upload: a roadmap (no kind) or a bank list.
type JobSpec = { kind?: 'roadmap' } | { kind: 'bank'; bank: BankFileOptions['bank']; today: BankFileOptions['today'] };

type Job = {
  upload: ImportUpload;
  spec: JobSpec;
  owner: string;
  resolve: (r: ImportedRoadmap | BankUploadResult) => void;
  reject: (err: unknown) => void;
};

type Slot = {
  worker: Worker;
  ready: Promise<void>;
  job: (Job & { id: number; timer?: NodeJS.Timeout }) | null;
  idle?: NodeJS.Timeout;
  dead: boolean;
};

const WORKER_FILE = new URL('./worker.mjs', import.meta.url);

export const tooBig = () =>
  new ImportError('IMPORT_TOO_LARGE', 'Документ слишком большой для разбора: на него не хватило памяти. Уберите лишнее или вставьте таблицу плана текстом.');
const timedOut = (ms: number) =>
  new ImportError('IMPORT_TIMEOUT', `Документ разбирался дольше ${Math.round(ms / 1000)} с: он слишком сложный. Уберите лишнее или вставьте таблицу плана текстом.`);

export class ImportPool implements ImportRunner {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private readonly perOwner = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  /** A roadmap document → the normalised roadmap. */
  run(upload: ImportUpload, owner: string): Promise<ImportedRoadmap> {
    return this.enqueue(upload, {}, owner) as Promise<ImportedRoadmap>;
  }

  /** A bank list (.xlsx / .csv, raw or in a form's `file`) → its parse; BankFileError-like refusals keep their `reason`. */
  runBankFile(upload: ImportUpload, opts: BankFileOptions, owner: string): Promise<BankUploadResult> {
    return this.enqueue(upload, { kind: 'bank', bank: opts.bank, today: opts.today }, owner) as Promise<BankUploadResult>;
  }

  private enqueue(upload: ImportUpload, spec: JobSpec, owner: string): Promise<ImportedRoadmap | BankUploadResult> {
    if (this.closed) return Promise.reject(new AppError('IMPORT_BUSY', 'Сервер останавливается.'));
    const mine = this.perOwner.get(owner) ?? 0;
    if (mine >= this.opts.perOwner) return Promise.reject(new AppError('THROTTLED', 'Дождитесь, пока разберётся предыдущий документ.'));
    if (this.waiting.length >= this.opts.queue && !this.hasRoom()) {
      return Promise.reject(new AppError('IMPORT_BUSY', 'Сервер сейчас разбирает другие документы. Повторите через минуту.'));
    }
    this.perOwner.set(owner, mine + 1);
    return new Promise<ImportedRoadmap | BankUploadResult>((resolve, reject) => {
      const done = () => {
        const n = (this.perOwner.get(owner) ?? 1) - 1;
        if (n > 0) this.perOwner.set(owner, n);
        else this.perOwner.delete(owner);
      };
      this.waiting.push({
        upload,
        spec,
        owner,
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      this.pump();
    });
  }

  /** Stops every worker; what is running or waiting fails. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new AppError('IMPORT_BUSY', 'Сервер останавливается.'));
    await Promise.all([...this.slots].map((slot) => this.discard(slot, new AppError('IMPORT_BUSY', 'Сервер останавливается.'))));
  }

  private hasRoom(): boolean {
    return this.slots.size < this.opts.workers || [...this.slots].some((s) => !s.job);
  }

  private pump() {
    while (this.waiting.length > 0 && !this.closed) {
      const slot = [...this.slots].find((s) => !s.job) ?? (this.slots.size < this.opts.workers ? this.spawn() : null);
      if (!slot) return;
      this.dispatch(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
    });
    worker.unref(); // an idle worker does not keep the process alive
    let markReady!: () => void;
    let failStart!: (err: Error) => void;
    const slot: Slot = {
      worker,
      job: null,
      dead: false,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failStart = reject;
      }),
    };
    slot.ready.catch(() => {}); // a start failure is reported through the job that waited for it
    const startTimer = setTimeout(() => failStart(new Error(`import worker did not start in ${this.opts.startMs ?? 60_000} ms`)), this.opts.startMs ?? 60_000);
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) {
        clearTimeout(startTimer);
        markReady();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      clearTimeout(job.timer);
      slot.job = null;
      if (msg.ok) job.resolve('bankFile' in msg ? msg.bankFile : msg.roadmap);
      else if (msg.code) job.reject(msg.details ? new AppError(msg.code, msg.message, msg.details) : new ImportError(msg.code, msg.message));
      else job.reject(new Error(`import worker: ${msg.message}`));
      this.afterJob(slot);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      clearTimeout(startTimer);
      failStart(err);
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.opts.log?.(`import worker ${outOfMemory ? 'ran out of memory' : `failed: ${err.stack ?? err.message}`}`);
      void this.discard(slot, outOfMemory ? tooBig() : err);
    });
    worker.on('exit', () => {
      clearTimeout(startTimer);
      failStart(new Error('import worker exited while starting'));
      void this.discard(slot, new Error('import worker exited'));
    });
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job) {
    clearTimeout(slot.idle);
    const id = this.nextId++;
    const running: Slot['job'] = { ...job, id };
    slot.job = running;
    slot.ready.then(
      () => {
        if (slot.dead || slot.job !== running) return;
        const { body, contentType, filename } = job.upload;
        // The body moves to the worker without a copy when it owns its whole buffer.
        const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : body.slice();
        const request: JobRequest = { ...job.spec, id, body: own, contentType, filename };
        running.timer = setTimeout(() => {
          this.opts.log?.(`import worker stopped after ${this.opts.timeoutMs} ms`);
          void this.discard(slot, timedOut(this.opts.timeoutMs));
        }, this.opts.timeoutMs);
        try {
          slot.worker.postMessage(request, [own.buffer as ArrayBuffer]);
        } catch (err) {
          clearTimeout(running.timer);
          slot.job = null;
          job.reject(err); // e.g. a body whose buffer was already handed on
          this.afterJob(slot);
        }
      },
      (err: unknown) => {
        this.opts.log?.(`import worker could not start: ${(err as Error).message}`);
        void this.discard(slot, err);
      },
    );
  }

  private afterJob(slot: Slot) {
    if (this.waiting.length > 0) return this.pump();
    slot.idle = setTimeout(() => void this.discard(slot, null), this.opts.idleMs ?? 60_000);
    slot.idle.unref();
  }

  /** Ends a worker; its job, if any, fails with `err`. The queue moves on with a new worker. */
  private async discard(slot: Slot, err: unknown) {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = null;
    if (job) {
      clearTimeout(job.timer);
      job.reject(err);
    }
    this.pump();
    await slot.worker.terminate().catch(() => {});
  }
}
