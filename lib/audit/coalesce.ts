import { sameValue } from './projector';

/*
 * Typing coalescing for the audit trail: keystrokes in a card's title or description
 * become one `card.updated` per (actor, card, field) and quiet window, with the value
 * before the first keystroke and after the last. Other events pass straight through.
 * The clock is injected, so the tests need no waiting. Pure: no timers, no I/O; the
 * caller polls due() (rooms: an interval) and calls drain() on unload.
 */
export type Attributed<E> = E & { actorId: string | null; at: Date };
type AuditEventLike = { type: string; entityId: string | null; field?: string; before: unknown; after: unknown };

type Window<E> = { event: Attributed<E>; last: number; seq: number };

const TEXT_FIELDS = new Set(['title', 'description']);
const textTyping = (e: AuditEventLike) => e.type === 'card.updated' && TEXT_FIELDS.has(e.field ?? '');

export class AuditCoalescer<E extends AuditEventLike> {
  /** Open windows in the order they were opened (Map keeps insertion order). */
  private readonly windows = new Map<string, Window<E>>();
  private readonly quietMs: number;
  private readonly now: () => number;
  private readonly isCoalescable: (e: E) => boolean;
  private seq = 0;

  constructor(opts: { quietMs: number; now?: () => number; isCoalescable?: (e: E) => boolean }) {
    if (!(opts.quietMs >= 0)) throw new RangeError('AuditCoalescer: quietMs must be a number ≥ 0');
    this.quietMs = opts.quietMs;
    this.now = opts.now ?? Date.now;
    this.isCoalescable = opts.isCoalescable ?? textTyping;
  }

  /**
   * Accepts events of one actor; returns those to write now, in order. Non-coalescable
   * events pass straight through, preceded by the actor's pending typing on the same
   * entity. A coalescable event joins its (actor, entity, field) window; if that window
   * has already gone quiet (due() was not polled in time), the old window is written
   * first and a new one opens, so the result does not depend on how often due() runs.
   */
  push(actorId: string | null, events: E[]): Attributed<E>[] {
    const now = this.now();
    const out: Attributed<E>[] = [];
    for (const e of events) {
      if (this.isCoalescable(e)) {
        const key = JSON.stringify([actorId, e.entityId, e.field ?? null]);
        const open = this.windows.get(key);
        if (open && now - open.last < this.quietMs) {
          open.event = { ...open.event, after: e.after, at: new Date(now) };
          open.last = now;
          continue;
        }
        if (open) out.push(...this.take((w) => w === open));
        this.windows.set(key, { event: { ...e, actorId, at: new Date(now) }, last: now, seq: this.seq++ });
        continue;
      }
      // Pending typing on the same entity by the same actor is written before what follows it.
      if (e.entityId !== null) out.push(...this.take((w) => w.event.actorId === actorId && w.event.entityId === e.entityId));
      out.push({ ...e, actorId, at: new Date(now) });
    }
    return out;
  }

  /** Events whose quiet window (no new push for that key for quietMs) has passed. `at` = time of the last edit in the window. */
  due(): Attributed<E>[] {
    const now = this.now();
    return this.take((w) => now - w.last >= this.quietMs);
  }

  /** Everything pending (board unload, shutdown). */
  drain(): Attributed<E>[] {
    return this.take(() => true);
  }

  /** Open windows (each becomes at most one event). */
  get pending(): number {
    return this.windows.size;
  }

  /** Closes the windows that `which` picks, oldest first; a window typed and erased back is dropped. */
  private take(which: (w: Window<E>) => boolean): Attributed<E>[] {
    const taken: Window<E>[] = [];
    for (const [key, w] of this.windows) {
      if (!which(w)) continue;
      this.windows.delete(key);
      taken.push(w);
    }
    return taken
      .sort((a, b) => a.seq - b.seq)
      .map((w) => w.event)
      .filter((e) => !sameValue(e.before, e.after));
  }
}
