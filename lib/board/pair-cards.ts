import * as Y from 'yjs';
import type { SemanticEvent } from '../audit/projector';
import type { BoardKind } from '../permissions/roles';
import type { PairStage } from '../pairs/types';
import { addCard, moveCard } from './ops';

/*
 * The server's own writes of pair cards (db/board-writer.ts), pure: both board writers (the live
 * room in server/yjs, the offline one in db/board-writer-offline.ts) apply them with these, and
 * project them into the audit with pairAuditEvents. A pair card's id is the pair's id; it holds
 * only `fields: { pairId }` and the title «Пара № N» / «Группа № N»; its column is the stage.
 * Every op is idempotent: adding a card that exists, or moving a card to the column it is in,
 * changes nothing, so a writer retried after a crash (or reconciliation racing a verb) is safe.
 */
export type PairCardOp =
  | { op: 'add'; pairId: string; title: string; stage: PairStage }
  | { op: 'move'; pairId: string; stage: PairStage; reason?: string | null };

/** What an op did: 'added', 'moved', or why nothing changed. */
export type PairCardOutcome = 'added' | 'moved' | 'unchanged' | 'no-card' | 'no-column';

const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');

function liveColumn(doc: Y.Doc, id: string): boolean {
  const col = doc.getMap<Y.Map<unknown>>('columns').get(id);
  return col instanceof Y.Map && col.get('removed') !== true;
}

/** The number of cards shown in a column: an index past every card puts a card at its end. */
const END = Number.MAX_SAFE_INTEGER;

/**
 * Applies one op to the document in its own transaction (origin passed on). A move puts the
 * card at the end of the stage's column. A card that is missing for a move, or a stage with no
 * live column, changes nothing (reported, never thrown: the caller logs it, and reconciliation
 * from the pairs table puts the card right when the board is next opened).
 */
export function applyPairCardOp(doc: Y.Doc, op: PairCardOp, origin?: unknown): PairCardOutcome {
  const card = cardsOf(doc).get(op.pairId);
  if (!liveColumn(doc, op.stage)) return 'no-column';
  if (op.op === 'add') {
    if (card !== undefined) return 'unchanged';
    addCard(doc, { id: op.pairId, columnId: op.stage, title: op.title, index: END, fields: { pairId: op.pairId } }, origin);
    return 'added';
  }
  if (!(card instanceof Y.Map)) return 'no-card';
  if (card.get('columnId') === op.stage) return 'unchanged';
  moveCard(doc, op.pairId, op.stage, END, origin);
  return 'moved';
}

/** «Пара № N», or «Группа № N» for a group (two mentees or more). No names, no ids. */
export function pairCardTitle(number: number, menteeCount: number): string {
  return `${menteeCount >= 2 ? 'Группа' : 'Пара'} № ${number}`;
}

/** A pair of a board as the pairs table has it: what its card must be. */
export type BoardPair = { id: string; number: number; menteeCount: number; stage: PairStage };

/**
 * The ops that make the board's cards agree with its pairs (reconciliation, run when a pairs
 * board is opened and by the offline writer): a pair without a card gets one in its stage's
 * column; a card in another column is moved to the stage's. Other cards are left alone, and
 * so are the pairs in `skip`: those a writer is about to write itself (a verb that has just
 * created or moved a pair writes its card as its actor, with its reason; reconciliation must not
 * get there first as the server).
 */
export function reconcileOps(doc: Y.Doc, pairs: readonly BoardPair[], skip: ReadonlySet<string> = new Set()): PairCardOp[] {
  const cards = cardsOf(doc);
  const ops: PairCardOp[] = [];
  for (const p of pairs) {
    if (skip.has(p.id)) continue;
    const card = cards.get(p.id);
    if (!(card instanceof Y.Map)) ops.push({ op: 'add', pairId: p.id, title: pairCardTitle(p.number, p.menteeCount), stage: p.stage });
    else if (card.get('columnId') !== p.stage) ops.push({ op: 'move', pairId: p.id, stage: p.stage });
  }
  return ops;
}

/** The audit event of a pair's move between stages (a card.moved across columns on a pairs board). */
export type PairStageChanged = {
  type: 'pair.stage_changed';
  entityType: 'pair';
  entityId: string;
  before: { stage: string };
  after: { stage: string; reason?: string };
};
export type BoardAuditEvent = SemanticEvent | PairStageChanged;

/**
 * The audit events of changes to a board, as both writers record them: on a pairs board a
 * card's move to another column is `pair.stage_changed` (entity: the pair, whose id the card
 * has), with the reason the op gave, if any; everything else is recorded as projected.
 */
export function pairAuditEvents(kind: BoardKind, events: readonly SemanticEvent[], reasons: ReadonlyMap<string, string | null | undefined> = new Map()): BoardAuditEvent[] {
  if (kind !== 'pairs') return [...events];
  return events.map((e) => {
    if (e.type !== 'card.moved' || e.before.columnId === e.after.columnId) return e;
    const reason = reasons.get(e.entityId);
    return {
      type: 'pair.stage_changed',
      entityType: 'pair',
      entityId: e.entityId,
      before: { stage: e.before.columnId },
      after: reason ? { stage: e.after.columnId, reason } : { stage: e.after.columnId },
    };
  });
}

/** The reasons of the move ops, by pair. */
export function moveReasons(ops: readonly PairCardOp[]): Map<string, string | null | undefined> {
  return new Map(ops.flatMap((o) => (o.op === 'move' && o.reason ? [[o.pairId, o.reason] as const] : [])));
}
