'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readBoard, type BoardView } from '@/lib/board/doc';
import { colorFor, readPresence, type Presence } from '@/lib/board/presence';
import { MESSAGE_BOARD_STATUS, readBoardStatus, STATUS_PARAM, type BoardStatus } from '@/lib/realtime/board-status';
import { reuseUnchanged } from '@/lib/board/view-logic';
import { openBoardCache } from './boardCache';

export type Connection = 'online' | 'offline' | 'syncing';
export type { Presence };
const SAVING_OK: BoardStatus = { saving: 'ok' };

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * One board's live document in the browser: rendered at once from the server's state,
 * cached in IndexedDB (so it opens and takes edits offline), and kept in sync over the
 * stock y-websocket provider. Going offline disconnects on purpose; coming back reconnects
 * and Yjs merges what was done in between.
 */
export function useLiveBoard(boardId: string, initialState: string, me: { id: string; name: string }) {
  const doc = useMemo(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, fromBase64(initialState), 'server-render');
    return d;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId]);
  const [view, setView] = useState<BoardView>(() => readBoard(doc));
  const [connection, setConnection] = useState<Connection>('syncing');
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const [presence, setPresence] = useState<Presence[]>([]);
  const [saving, setSaving] = useState<BoardStatus>(SAVING_OK);

  useEffect(() => {
    let frame = 0;
    const refresh = () => {
      // Many updates in one frame (a burst from a peer) render once.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setView((prev) => reuseUnchanged(prev, readBoard(doc)));
      });
    };
    doc.on('update', refresh);

    const cache = openBoardCache(boardId, doc);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebsocketProvider(`${scheme}://${window.location.host}/yjs`, boardId, doc, { maxBackoffTime: 5000, params: { [STATUS_PARAM]: '1' } });
    // Whether the server is storing this board's edits (lib/realtime/board-status.ts).
    ws.messageHandlers[MESSAGE_BOARD_STATUS] = (_reply, decoder) => {
      const told = readBoardStatus(decoder);
      if (told) setSaving((was) => (told.saving === 'ok' && was.saving === 'refused' ? was : told));
    };
    const awareness = ws.awareness;
    // The server replaces `user` with the session's own; set here so this tab shows it at once.
    awareness.setLocalStateField('user', { id: me.id, name: me.name, color: colorFor(me.id) });
    awareness.setLocalStateField('editing', null);
    setProvider(ws);

    const status = () => {
      if (!navigator.onLine || !ws.wsconnected) setConnection(ws.wsconnecting && navigator.onLine ? 'syncing' : 'offline');
      else setConnection(ws.synced ? 'online' : 'syncing');
    };
    ws.on('status', status);
    // A new connection starts clean: the server tells it again what still holds.
    const fresh = ({ status: s }: { status: string }) => s === 'connected' && setSaving(SAVING_OK);
    ws.on('status', fresh);
    ws.on('sync', status);
    // The server closed the board because this user's rights changed or the session ran out
    // (4403, 4401; the provider does not reconnect): the page is rendered again with today's
    // rights, or sends the user to sign in.
    const reload = () => window.location.reload();
    ws.on('closed', reload);
    const goOffline = () => {
      ws.disconnect();
      status();
    };
    const goOnline = () => {
      ws.connect();
      status();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    status();

    const people = () => {
      const list: Presence[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const person = readPresence(clientId, state); // a peer's state is not trusted to have our shape
        if (person) list.push(person);
      });
      setPresence(list);
    };
    awareness.on('change', people);
    people();

    return () => {
      if (frame) cancelAnimationFrame(frame);
      doc.off('update', refresh);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      awareness.off('change', people);
      ws.off('status', fresh);
      ws.off('closed', reload);
      ws.destroy();
      cache.close();
    };
  }, [doc, boardId, me.id, me.name]);

  const setEditing = useCallback((cardId: string | null) => provider?.awareness.setLocalStateField('editing', cardId), [provider]);
  const selfClientId = doc.clientID;
  return { doc, view, connection, presence, selfClientId, setEditing, saving };
}

export type LiveBoardState = ReturnType<typeof useLiveBoard>;
