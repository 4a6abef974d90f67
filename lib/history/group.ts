import type { HistoryEvent } from './sentence';

/*
 * Grouping of the history (issue 15): consecutive events — in the list's newest-first order —
 * by one actor on one card (or one other thing: a stage, a person, a pair) form one entry
 * that expands, as long as each is within `windowMs` of the next. Several minutes of edits to
 * one activity read as one entry; anything else in between starts a new one. Pure.
 */

export const GROUP_WINDOW_MS = 5 * 60_000;

export type EventGroup = { key: string; events: HistoryEvent[] };

/**
 * What an event is about, for grouping: its card (a pair's events and its meetings belong to
 * the pair's card, whose id is the pair's), else its entity, else null (never grouped).
 */
export function groupTarget(e: HistoryEvent): string | null {
  if (e.cardId) return `card:${e.cardId}`;
  const d = e.data ?? { entityType: '', entityId: null, before: null, after: null };
  if (d.entityType === 'pair' && d.entityId) return `card:${d.entityId}`;
  if (d.entityType === 'meeting') {
    const pairId = (d.after as { pairId?: unknown } | null)?.pairId;
    if (typeof pairId === 'string') return `card:${pairId}`;
  }
  if (d.entityId) return `${d.entityType}:${d.entityId}`;
  // board.updated has no entity id: the board is the thing changed
  if (d.entityType === 'board' && e.boardId) return `board:${e.boardId}`;
  return null;
}

const actorKey = (e: HistoryEvent) => e.actor?.id ?? '(system)';

/**
 * The events (newest first, as the history lists them) in groups, order kept. An event joins the
 * group before it when the actor and the target are the same and it happened at most `windowMs`
 * before the group's oldest event so far. The key is the oldest event's id: it stays the same
 * when newer events join the group on top.
 */
export function groupEvents(events: readonly HistoryEvent[], windowMs: number = GROUP_WINDOW_MS): EventGroup[] {
  const groups: { events: HistoryEvent[]; actor: string; target: string | null; at: number }[] = [];
  for (const e of events) {
    const at = Date.parse(e.at);
    const target = groupTarget(e);
    const last = groups[groups.length - 1];
    if (last && target !== null && last.target === target && last.actor === actorKey(e) && !Number.isNaN(at) && !Number.isNaN(last.at) && Math.abs(last.at - at) <= windowMs) {
      last.events.push(e);
      last.at = at;
    } else groups.push({ events: [e], actor: actorKey(e), target, at });
  }
  return groups.map((g) => ({ key: `g${g.events[g.events.length - 1].id}`, events: g.events }));
}
