import { EVERY_TYPE, NAMES } from '../describe.fixture';
import type { HistoryEvent } from '../sentence';
import type { AuditPage } from './rows';

/*
 * Generated pages of the history for the export tests: `total` events cycling through every
 * type, newest first (ids and times falling), `pageSize` a page, made only when asked for;
 * `seen` counts the pages handed out and whether the consumer closed the stream early.
 */

export type PageProbe = { pulled: number; closed: boolean; finished: boolean };

const BASE = Date.UTC(2024, 2, 15, 9, 0, 0);

export function eventNo(n: number, total: number): HistoryEvent {
  const [, e] = EVERY_TYPE[n % EVERY_TYPE.length];
  return { ...e, id: total - n, at: new Date(BASE - n * 1000).toISOString() };
}

export function generatedPages(total: number, pageSize: number, probe: PageProbe = { pulled: 0, closed: false, finished: false }): AsyncIterable<AuditPage> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let start = 0; start < total; start += pageSize) {
          probe.pulled++;
          const events = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => eventNo(start + i, total));
          yield { events, names: NAMES };
        }
        probe.finished = true;
      } finally {
        if (!probe.finished) probe.closed = true;
      }
    },
  };
}

export async function* pagesOf(...pages: AuditPage[]): AsyncGenerator<AuditPage> {
  for (const p of pages) yield p;
}
