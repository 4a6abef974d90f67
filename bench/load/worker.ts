// A worker thread of thin load clients (bench/load/thin.ts), driven by bench/scenarios/load.ts:
//   ← { job }                      connect every client, then → { ready }
//   ← { start, seconds, interval, writers }   run the schedule
//   ← { finish }                   → { result } (latencies transferred), close
import { parentPort } from 'node:worker_threads';
import { ThinClients, type ThinJob } from './thin';

let clients: ThinClients | null = null;
parentPort!.on('message', async (msg: { job?: ThinJob; start?: number; seconds?: number; interval?: number; writers?: number; finish?: true }) => {
  try {
    if (msg.job) {
      clients = new ThinClients(msg.job);
      await clients.connect();
      parentPort!.postMessage({ ready: true });
    } else if (msg.start !== undefined) {
      clients!.run(msg.start, msg.seconds!, msg.interval!, msg.writers!);
    } else if (msg.finish) {
      const result = clients!.finish();
      clients!.close();
      parentPort!.postMessage({ result }, [result.latencies.buffer as ArrayBuffer]);
      setImmediate(() => process.exit(0)); // ends this thread (a profile, with --cpu-prof, is written)
    }
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
