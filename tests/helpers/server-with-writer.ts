// The production server (server/index.ts) with one addition for tests: an IPC channel through
// which the test process calls the board writer registered in this process (db/board-writer.ts),
// exactly as a domain verb in a route handler would. Started by startServer(env, 'writer').
import { registeredBoardWriter } from '../../db/board-writer';
import type { PairCardOp } from '../../lib/board/pair-cards';
import type { RestoreOp } from '../../lib/history/restore';
import { main } from '../../server/main';

export type WriterRequest =
  | { id: number; call: 'pairCards'; boardId: string; actorId: string | null; ops: PairCardOp[] }
  | { id: number; call: 'pairsChanged'; boardId: string }
  | { id: number; call: 'restore'; boardId: string; actorId: string; op: RestoreOp };
export type WriterReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string };

(process.env as Record<string, string>).NODE_ENV ??= 'production';
main(false);

process.on('message', (msg: WriterRequest) => {
  const reply = (r: WriterReply) => process.send?.(r);
  const writer = registeredBoardWriter();
  if (!writer) return reply({ id: msg.id, ok: false, error: 'no board writer registered' });
  if (msg.call === 'pairsChanged') {
    writer.pairsChanged(msg.boardId);
    return reply({ id: msg.id, ok: true });
  }
  (msg.call === 'restore' ? writer.restore(msg.boardId, msg.actorId, msg.op) : writer.pairCards(msg.boardId, msg.actorId, msg.ops)).then(
    (value) => reply({ id: msg.id, ok: true, value }),
    (err: Error) => reply({ id: msg.id, ok: false, error: err.message }),
  );
});
