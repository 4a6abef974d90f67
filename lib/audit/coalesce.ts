/*
 * Typing coalescing for the audit trail: keystrokes in a card's title or description
 * become one `card.updated` per actor, card and field per quiet window, with the text
 * before the first keystroke and after the last. Other events pass straight through.
 * The clock is injected, so the tests need no waiting.
 */
export type Attributed<E> = E & { actorId: string | null; at: Date };
type Coalescable = { type: string; entityId: string | null; field?: string; before: unknown; after: unknown };

type Window<E> = { event: Attributed<E>; last: number; seq: number };

const TEXT_FIELDS = new Set(['title', 'description']);
const defaultCoalescable = (e: Coalescable) => e.type === 'card.updated' && TEXT_FIELDS.has(e.field ?? '');

export class AuditCoalescer<E extends Coalescable> {
  private readonly windows = new Map<string, Window<E>>();
  private readonly quietMs: number;
  private readonly now: () => number;
  private readonly isCoalescable: (e: E) => boolean;
  private seq = 0;

  constructor(opts: { quietMs: number; now?: () => number; isCoalescable?: (e: E) => boolean }) {
    this.quietMs = opts.quietMs;
    this.now = opts.now ?? Date.now;
    this.isCoalescable = opts.isCoalescable ?? defaultCoalescable;
  }

  private key(actorId: string | null, e: E) {
    return `${actorId ?? ''}\u0000${e.entityId ?? ''}\u0000${e.field ?? ''}`;
  }

  push(actorId: string | null, events: E[]): Attributed<E>[] {
    const now = this.now();
    const out: Attributed<E>[] = [];
    for (const e of events) {
      if (this.isCoalescable(e)) {
        const key = this.key(actorId, e);
        const open = this.windows.get(key);
        if (open) {
          open.event = { ...open.event, after: e.after, at: new Date(now) };
          open.last = now;
        } else {
          this.windows.set(key, { event: { ...e, actorId, at: new Date(now) }, last: now, seq: this.seq++ });
        }
        continue;
      }
      // Pending typing on the same entity by the same actor is written before what follows it.
      out.push(...this.take((w) => w.event.actorId === actorId && w.event.entityId === e.entityId));
      out.push({ ...e, actorId, at: new Date(now) });
    }
    return out;
  }

  due(): Attributed<E>[] {
    const now = this.now();
    return this.take((w) => now - w.last >= this.quietMs);
  }

  drain(): Attributed<E>[] {
    return this.take(() => true);
  }

  get pending(): number {
    return this.windows.size;
  }

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
      .filter((e) => e.before !== e.after); // typed, then erased back: nothing happened
  }
}
