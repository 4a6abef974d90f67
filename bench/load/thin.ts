// Thin load clients, run in a worker thread (bench/load/worker.ts) or in the main thread: a
// raw websocket per client that syncs once and then only reads the tokens out of what it
// receives (no Y.Doc, nothing integrated), and, for writers, sends updates encoded
// beforehand by the generator (bench/scenarios/load.ts) on a fixed schedule.
//
// Shared with the other threads through SharedArrayBuffers:
//   sentAt[w * maxSeq + k]   when writer w sent its k-th edit (epoch ms, sub-ms)
//   counts[w * maxSeq + k]   how many clients other than w received it
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { classify, emptyStep2, openingMessages, scanTokens, updateMessage, type Protocol } from './protocol';

/** One thin client: its global writer index `w` (its tokens are `~w.k~`), its board, and what it sends. */
export type ThinSpec = { w: number; url: string; doc: string; updates: Uint8Array[] };

export type ThinJob = {
  protocol: Protocol;
  headers: Record<string, string>;
  clients: ThinSpec[];
  maxSeq: number;
  sentAt: SharedArrayBuffer;
  counts: SharedArrayBuffer;
};

export type ThinResult = {
  latencies: Float64Array;
  sent: number;
  intended: number;
  /** How late each send left against its schedule, ms. */
  lagP99: number;
  loopDelayP99: number;
  loopDelayMax: number;
  closedEarly: number;
};

/** Wall-clock milliseconds with sub-ms resolution, comparable between threads. */
export const now = () => performance.timeOrigin + performance.now();

export class ThinClients {
  private readonly sockets: WebSocket[] = [];
  private readonly sentAt: Float64Array;
  private readonly counts: Int32Array;
  private latencies = new Float64Array(1 << 16);
  private nLatencies = 0;
  private running = false;
  private closedEarly = 0;
  private readonly lags: number[] = [];
  private sent = 0;
  private intended = 0;
  private readonly delay = monitorEventLoopDelay({ resolution: 5 });
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly job: ThinJob) {
    this.sentAt = new Float64Array(job.sentAt);
    this.counts = new Int32Array(job.counts);
  }

  private record(latency: number) {
    if (this.nLatencies === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.nLatencies++] = latency;
  }

  /** Opens every client and resolves when each has had the server's SyncStep2. */
  async connect(): Promise<void> {
    const { protocol, headers, maxSeq } = this.job;
    // A few at a time: 500 simultaneous upgrades would measure the accept queue, not the run.
    const queue = [...this.job.clients];
    const one = async (spec: ThinSpec) => {
      const ws = new WebSocket(spec.url, { headers, perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      this.sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        let synced = false;
        ws.on('open', () => {
          for (const m of openingMessages(protocol, spec.doc)) ws.send(m);
        });
        ws.on('message', (data: Buffer) => {
          const { kind, at } = classify(protocol, data);
          if (kind === 'step1') ws.send(emptyStep2(protocol, spec.doc));
          else if (kind === 'step2' && !synced) {
            synced = true;
            resolve();
          } else if (kind === 'update' && this.running) {
            const t = now();
            scanTokens(data, at, (client, seq) => {
              if (client === spec.w || seq >= maxSeq) return;
              const i = client * maxSeq + seq;
              if (i >= this.counts.length) return; // text that only looks like a token
              const sent = this.sentAt[i];
              if (sent === 0) return; // not one of this run's edits
              Atomics.add(this.counts, i, 1);
              this.record(t - sent);
            });
          }
        });
        ws.on('close', () => {
          if (!synced) reject(new Error(`${spec.url}: closed before sync`));
          else if (this.running) this.closedEarly++;
        });
        ws.on('error', (err) => {
          if (!synced) reject(err);
        });
      });
    };
    const workers = Array.from({ length: 50 }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) await one(spec);
    });
    await Promise.all(workers);
  }

  /**
   * From `start` (epoch ms) for `seconds`: writer w sends its k-th update at
   * start + offset(w) + k × interval, where the offsets spread all writers evenly over one
   * interval. A late thread sends late (and the lag is recorded); it never skips ahead.
   */
  run(start: number, seconds: number, intervalMs: number, writers: number): void {
    this.running = true;
    this.delay.enable();
    const end = start + seconds * 1000;
    this.job.clients.forEach((spec, idx) => {
      const ws = this.sockets[idx];
      if (spec.updates.length === 0) return;
      const offset = (spec.w % writers) * (intervalMs / writers);
      let k = 0;
      const due = () => start + offset + k * intervalMs;
      this.intended += Math.max(0, Math.ceil((end - start - offset) / intervalMs));
      const tick = () => {
        if (due() >= end || k >= spec.updates.length) return;
        const at = now();
        this.lags.push(at - due());
        this.sentAt[spec.w * this.job.maxSeq + k] = at;
        if (ws.readyState === ws.OPEN) {
          ws.send(updateMessage(this.job.protocol, spec.doc, spec.updates[k]));
          this.sent++;
        }
        k++;
        this.timers.push(setTimeout(tick, Math.max(0, due() - now())));
      };
      this.timers.push(setTimeout(tick, Math.max(0, due() - now())));
    });
  }

  /** Stops recording and gives this thread's figures. */
  finish(): ThinResult {
    this.running = false;
    this.delay.disable();
    const lags = this.lags.sort((a, b) => a - b);
    return {
      latencies: this.latencies.slice(0, this.nLatencies),
      sent: this.sent,
      intended: this.intended,
      lagP99: lags.length ? lags[Math.min(lags.length - 1, Math.floor(0.99 * lags.length))] : 0,
      loopDelayP99: this.delay.percentile(99) / 1e6,
      loopDelayMax: this.delay.max / 1e6,
      closedEarly: this.closedEarly,
    };
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const ws of this.sockets) ws.terminate();
  }
}
