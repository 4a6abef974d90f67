'use client';
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { BoardAuditEvent, ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import type { Socket } from 'socket.io-client';

/** A long value (a comment can be 100 KB) is shown by its beginning; the board has it whole. */
const SHOWN_CHARS = 300;
const clip = (s: string) => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS)}…` : s);

const show = (v: unknown): string => clip(describe(v));

const describe = (v: unknown): string => {
  if (v == null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v && 'title' in v) return String((v as { title: unknown }).title);
  // A comment or a checklist item: its text, and a checklist item's tick.
  if (typeof v === 'object' && v && 'text' in v) {
    const item = v as { text: unknown; done?: unknown };
    return `${typeof item.done === 'boolean' ? (item.done ? '☑ ' : '☐ ') : ''}${String(item.text)}`;
  }
  if (typeof v === 'object' && v && 'columnId' in v) return String((v as { columnId: unknown }).columnId);
  return JSON.stringify(v);
};

/** The board's audit events, newest first, with new ones arriving live over socket.io. */
export function HistoryList({ boardId, initial, cardId, labels }: { boardId: string; initial: BoardAuditEvent[]; cardId: string | null; labels: Record<string, string> }) {
  const [events, setEvents] = useState(initial);
  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
    socket.on('connect', () => void socket.emit('board:join', boardId, () => {}));
    socket.on('board:audit', (id, event) => {
      if (id !== boardId || (cardId && event.cardId !== cardId)) return;
      setEvents((list) => (list.some((e) => e.id === event.id) ? list : [event, ...list]));
    });
    return () => void socket.close();
  }, [boardId, cardId]);

  return (
    <ol className="history" data-testid="history" aria-live="polite">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{e.actor.name ?? '—'}</strong> {labels[e.type] ?? e.type}
          {e.data.field ? ` «${e.data.field}»` : ''}: <span className="hint">{show(e.data.before)}</span> → {show(e.data.after)}
        </li>
      ))}
    </ol>
  );
}
