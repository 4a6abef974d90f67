import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { EditScope } from '../../lib/permissions';
import { CLOSE_RIGHTS_CHANGED, CLOSE_SESSION_EXPIRED, YjsAccess } from './live-access';

/** A socket that records how it was closed (the room only reads `scope` and the socket). */
function fakeConn(userId: string, scope: EditScope) {
  const ws = Object.assign(new EventEmitter(), { closed: null as null | { code: number; scopeThen: EditScope } });
  (ws as unknown as { close(code: number): void }).close = (code) => {
    ws.closed = { code, scopeThen: conn.scope };
    ws.emit('close');
  };
  const conn = { ws: ws as unknown as WebSocket & typeof ws, userId, scope };
  return conn;
}

describe('YjsAccess', () => {
  afterEach(() => void vi.useRealTimers());

  it('narrows the scope before closing a connection whose rights shrank; leaves the others alone', async () => {
    const decide = vi.fn(async (userId: string, boardId: string): Promise<EditScope | null> => (userId === 'u' && boardId === 'b1' ? 'none' : 'all'));
    const access = new YjsAccess(decide);
    const shrunk = fakeConn('u', 'all');
    const same = fakeConn('u', 'all');
    const other = fakeConn('v', 'all');
    access.track('b1', shrunk, null);
    access.track('b2', same, null);
    access.track('b1', other, null);
    await access.reauthorise({ userId: 'u' });
    expect(shrunk.ws.closed).toEqual({ code: CLOSE_RIGHTS_CHANGED, scopeThen: 'none' });
    expect(same.ws.closed).toBeNull();
    expect(other.ws.closed).toBeNull();
    expect(decide).toHaveBeenCalledTimes(2); // one decision per user and board
  });

  it('a wider scope waits for the reconnect; no read access or a failed check means none', async () => {
    const wider = fakeConn('u', 'own-pairs');
    const gone = fakeConn('w', 'all');
    const unsure = fakeConn('x', 'all');
    const access = new YjsAccess(async (userId) => {
      if (userId === 'x') throw new Error('database down');
      return userId === 'u' ? 'all' : null;
    });
    access.track('b', wider, null);
    access.track('b', gone, null);
    access.track('b', unsure, null);
    await access.reauthorise({ boardId: 'b' });
    expect(wider.ws.closed).toEqual({ code: CLOSE_RIGHTS_CHANGED, scopeThen: 'own-pairs' });
    expect(gone.ws.closed).toEqual({ code: CLOSE_RIGHTS_CHANGED, scopeThen: 'none' });
    expect(unsure.ws.closed).toEqual({ code: CLOSE_RIGHTS_CHANGED, scopeThen: 'none' });
  });

  it('closes a connection when its session runs out, and forgets closed ones', async () => {
    vi.useFakeTimers();
    const decide = vi.fn(async (): Promise<EditScope | null> => null);
    const access = new YjsAccess(decide);
    const conn = fakeConn('u', 'all');
    access.track('b', conn, Date.now() + 60_000);
    vi.advanceTimersByTime(59_000);
    expect(conn.ws.closed).toBeNull();
    vi.advanceTimersByTime(1_001);
    expect(conn.ws.closed).toEqual({ code: CLOSE_SESSION_EXPIRED, scopeThen: 'none' });
    await access.reauthorise({ userId: 'u' });
    expect(decide).not.toHaveBeenCalled();
  });
});
