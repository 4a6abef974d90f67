import * as Y from 'yjs';

/*
 * Budgets of the live endpoint, so that one connection cannot take the process, the
 * database or a board for itself:
 * - per connection, a token bucket on messages and one on bytes (a burst, then a steady
 *   rate): every message a connection sends spends from both, whatever its type;
 * - per board, a size cap: the encoded document and its card count. Past either, updates
 *   that add anything are refused; deleting still works, so a board can be brought back
 *   under its cap.
 * The clock is injected, so the tests need no waiting.
 */
export type ConnectionLimits = { messagesPerSecond: number; burstMessages: number; bytesPerSecond: number; burstBytes: number };
export type BoardCaps = { maxBytes: number; maxCards: number };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Spends `n` tokens if there are that many; false (nothing spent) if not. */
  take(n: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (n > this.tokens) return false;
    this.tokens -= n;
    return true;
  }
}

export class ConnectionBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(limits: ConnectionLimits, now?: () => number) {
    this.messages = new TokenBucket(limits.burstMessages, limits.messagesPerSecond, now);
    this.bytes = new TokenBucket(limits.burstBytes, limits.bytesPerSecond, now);
  }

  /** Whether a message of `size` bytes is within the budget (and spends it if so). */
  admit(size: number): boolean {
    // Checked in turn: a refused message spends nothing more, the connection closes anyway.
    return this.messages.take(1) && this.bytes.take(size);
  }
}

/** Why an update was refused by a board's cap, or null when it may be applied. */
export type CapRefusal = { kind: 'bytes'; size: number; cap: number } | { kind: 'cards'; count: number; cap: number };

/**
 * A board's size, kept as an estimate (its encoded size when first measured, plus the bytes
 * of every update applied since) and measured exactly, an O(board) encoding, only when the
 * estimate reaches the cap.
 */
export class BoardSizeGuard {
  private readonly estimates = new WeakMap<Y.Doc, number>();

  constructor(private readonly caps: BoardCaps) {}

  private measure(doc: Y.Doc): number {
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    this.estimates.set(doc, size);
    return size;
  }

  /** Decides before an update is applied to `doc`. */
  admit(doc: Y.Doc, update: Uint8Array): CapRefusal | null {
    const cards = doc.getMap('cards');
    const estimate = this.estimates.get(doc) ?? this.measure(doc);
    const nearBytes = estimate + update.byteLength > this.caps.maxBytes;
    const atCards = cards.size >= this.caps.maxCards;
    if (!nearBytes && !atCards) return null;
    const items = Y.decodeUpdate(update).structs.filter((s): s is Y.Item => s instanceof Y.Item);
    if (items.length === 0) return null; // deletions only
    if (nearBytes) {
      const size = this.measure(doc);
      if (size + update.byteLength > this.caps.maxBytes) return { kind: 'bytes', size, cap: this.caps.maxBytes };
    }
    // In a decoded update an item of a root type names it by key: a new key of `cards` is a new card.
    if (atCards && items.some((i) => (i.parent as unknown) === 'cards' && i.parentSub !== null && !cards.has(i.parentSub))) {
      return { kind: 'cards', count: cards.size, cap: this.caps.maxCards };
    }
    return null;
  }

  /** Counts what an applied update added. */
  applied(doc: Y.Doc, bytes: number) {
    const estimate = this.estimates.get(doc);
    if (estimate !== undefined) this.estimates.set(doc, estimate + bytes);
  }
}
