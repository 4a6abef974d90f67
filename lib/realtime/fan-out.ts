/**
 * Who gets what when a room fans out the updates applied in one turn of the event loop
 * (server/yjs/rooms.ts): a connection that sent none of them gets all of them, in one message;
 * one that sent some gets the others' (a sender never gets its own edit back), and nothing when
 * there are none. Receivers sharing the same list share the same array, so the caller encodes
 * each distinct list once.
 */
export function fanOutPlan<C, U>(batch: readonly { update: U; origin: unknown }[], conns: Iterable<C>): [C, U[]][] {
  if (batch.length === 0) return [];
  const all = batch.map((b) => b.update);
  const senders = new Set(batch.map((b) => b.origin));
  const plan: [C, U[]][] = [];
  for (const conn of conns) {
    if (!senders.has(conn)) plan.push([conn, all]);
    else if (senders.size > 1) {
      const others = batch.filter((b) => b.origin !== conn).map((b) => b.update);
      if (others.length) plan.push([conn, others]);
    }
  }
  return plan;
}
