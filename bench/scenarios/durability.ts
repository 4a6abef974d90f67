// Durability: when each edit's row is committed in Postgres. A trigger added to the bench's
// scratch database notifies on every committed row (NOTIFY is delivered at commit), and
// this process timestamps the notification, so it needs no clock sync either.
//   Tropa: board_updates, one row per applied update; the update travels in the payload.
//   Hocuspocus: hocuspocus_documents, the whole document each time its debounced store runs.
//   y-websocket: keeps documents in memory only, so there is nothing to measure.
import postgres from 'postgres';
import { now } from '../load/thin';
import { tokensOf } from './common';

export type DurabilityObserver = {
  /** token "client.seq" → when a committed row first contained it (epoch ms, as the load clients' send times: bench/load/thin.ts now()). */
  durableAt: Map<string, number>;
  stop(): Promise<void>;
};

export async function observeDurability(server: string, databaseUrl: string): Promise<DurabilityObserver | null> {
  if (server !== 'tropa' && server !== 'hocuspocus') return null;
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const durableAt = new Map<string, number>();
  const note = (tokens: string[], at: number) => {
    for (const t of tokens) if (!durableAt.has(t)) durableAt.set(t, at);
  };
  if (server === 'tropa') {
    // Updates above ~4 KB are left out (a NOTIFY payload is capped at 8,000 bytes); the
    // bench's are ~40 bytes.
    await sql.unsafe(`
      create or replace function bench_durable() returns trigger language plpgsql as $$
      begin
        if octet_length(new.update) < 3900 then perform pg_notify('bench_durable', encode(new.update, 'hex')); end if;
        return null;
      end $$;
      create trigger bench_durable after insert on board_updates for each row execute function bench_durable();`);
    await sql.listen('bench_durable', (hex) => note(tokensOf(Buffer.from(hex, 'hex')), now()));
  } else {
    await sql.unsafe(`
      create or replace function bench_durable() returns trigger language plpgsql as $$
      begin perform pg_notify('bench_durable', new.name); return null; end $$;
      create trigger bench_durable after insert or update on hocuspocus_documents for each row execute function bench_durable();`);
    // The payload names the document; its state is read right after (a later store within
    // those few milliseconds would be credited early, by at most that much).
    await sql.listen('bench_durable', (name) => {
      const at = now();
      void sql<{ data: Uint8Array }[]>`select data from hocuspocus_documents where name = ${name}`.then(([row]) => row && note(tokensOf(row.data), at));
    });
  }
  return {
    durableAt,
    async stop() {
      await sql.end({ timeout: 1 });
    },
  };
}
