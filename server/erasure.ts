import { sql } from 'drizzle-orm';
import type { Db, DbKind } from '../db/client';
import { fillCheckpoints } from '../db/queries/board-history';
import { eraseDuePeople } from '../db/queries/people';
import { loggableError } from '../db/error-text';

/**
 * The server's hourly upkeep, run at start and then every hour; the timer never keeps the
 * process alive, and a failed run is logged and tried again next hour.
 * - ст. 21 ч. 5 152-ФЗ: a withdrawn person's data is destroyed within 30 days; everyone whose
 *   term has ended (people.erase_due_on) is erased.
 * - Boards with many audit rows past their latest checkpoint get their checkpoints written
 *   (db/queries/board-history.ts), so the board as of any date stays quick the first time too.
 * - The embedded PGlite has no autovacuum: without VACUUM ANALYZE its planner would keep the
 *   statistics of an empty database (and GIN indexes their pending lists) for good.
 */
export function startErasureSchedule(db: Db, log: (msg: string) => void, opts: { kind?: DbKind; everyMs?: number } = {}): () => void {
  let running = false;
  let runs = 0;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const erased = await eraseDuePeople(db);
      if (erased.length) log(`erased the personal data of ${erased.length} person(s) whose term after withdrawal ended`);
      // Not at start either: a long board's replay would hold the first requests back.
      const filled = runs > 0 ? await fillCheckpoints(db) : [];
      if (filled.length) log(`wrote the history checkpoints of ${filled.length} board(s)`);
      // Not at start: PGlite runs one statement at a time, and the first requests should not wait for it.
      if (opts.kind === 'pglite' && runs > 0) await db.execute(sql`vacuum analyze`);
    } catch (err) {
      log(`hourly upkeep failed, retried in an hour: ${loggableError(err)}`);
    } finally {
      runs += 1;
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, opts.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
