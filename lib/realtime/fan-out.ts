/**
 * Past this many senders in one turn, they too get every update of it, their own included:
 * a list per sender is a merge per sender, and a burst of many senders would cost their number
 * squared. Yjs ignores what a client has already (the y-websocket server and Hocuspocus always
 * send a sender its own update back).
 */
export const MAX_SENDERS_SPARED_ECHO = 8;

/**
 * Who gets what when a room fans out the updates applied in one turn of the event loop
 * (server/yjs/rooms.ts): a connection that sent none of them gets all of them, in one message;
 * one that sent some gets the others' (a sender does not get its own edit back, unless more than
 * MAX_SENDERS_SPARED_ECHO sent in that turn), and nothing when there are none. Receivers sharing
 * the same list share the same array, so the caller encodes each distinct list once.
 */
export function fanOutPlan<C, U>(batch: readonly { update: U; origin: unknown }[], conns: Iterable<C>): [C, U[]][] {
  if (batch.length === 0) return [];
  const all = batch.map((b) => b.update);
  const senders = new Set(batch.map((b) => b.origin));
  const echo = senders.size > MAX_SENDERS_SPARED_ECHO;
  const plan: [C, U[]][] = [];
  for (const conn of conns) {
    if (echo || !senders.has(conn)) plan.push([conn, all]);
    else if (senders.size > 1) {
      const others = batch.filter((b) => b.origin !== conn).map((b) => b.update);
      if (others.length) plan.push([conn, others]);
    }
  }
  return plan;
}
