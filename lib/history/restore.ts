import * as Y from 'yjs';
import { sameValue, type BoardProjector, type CardPlain } from '../audit/projector';
import { readBoard } from '../board/doc';
import { addCard, BoardOpError, setCardText, updateCard, type Json } from '../board/ops';
import { CARD_KEYS, CARD_TEXT_KEYS, MAX_VALUE_CHARS, valueChars } from '../board/shape';
import { AppError } from '../errors';
import type { BoardKind } from '../permissions/roles';

/*
 * Restore from a card's history (issue 15): an old value of a field, or a deleted card, put back
 * as a NEW change through the board's normal write path (never by rewriting the trail). Pure:
 * restoreOpOf decides from the audit row alone what restoring it means; applyRestore applies that
 * to the board's document as it is now (both board writers: the live room, db/board-writer-offline.ts)
 * and returns the audit row of the restore, which replaces what the projector made of the change:
 *   card.field_restored  before {field, value}  after {field, value, fromEvent}
 *   card.restored        before null            after CardPlain & {fromEvent}
 * A pair card follows the pairs table (its column is the pair's stage): restoring one is refused.
 */
export type RestoreOp =
  | { kind: 'field'; fromEvent: number; cardId: string; field: string; value: unknown }
  | { kind: 'card'; fromEvent: number; cardId: string; card: CardPlain };

/** An audit row of the board, as stored. */
export type RestorableEvent = { id: number; type: string; entityType: string; entityId: string | null; before: unknown; after: unknown };

export type RestoreRow = { type: 'card.restored' | 'card.field_restored'; entityType: 'card'; entityId: string; before: unknown; after: unknown };

/** Why a restore does not apply (details.reason of RESTORE_NOT_APPLICABLE, for the UI). */
export type NotApplicable = 'not-restorable' | 'card-exists' | 'card-missing' | 'same-value' | 'pair-card' | 'no-column' | 'invalid-value';

const notApplicable = (reason: NotApplicable, message: string) => new AppError('RESTORE_NOT_APPLICABLE', message, { reason });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Kept by the operations themselves (lib/board/ops.ts): a restore never sets them as plain fields. */
const PLACE_KEYS = new Set(['columnId', 'order', 'comments']);

/**
 * What restoring `event` means: the old value of the field a card.updated changed (or that a
 * card.field_restored replaced: restoring it undoes the restore), or the card a card.deleted
 * removed. `field`, when given, must be the one the event changed.
 */
export function restoreOpOf(event: RestorableEvent, field?: string): RestoreOp {
  const cardId = event.entityId;
  if (event.entityType !== 'card' || cardId === null) throw notApplicable('not-restorable', `a ${event.type} event is not a card's change`);
  if (event.type === 'card.deleted') {
    if (field !== undefined) throw new AppError('UNPROCESSABLE', 'a deleted card is restored whole', { fields: ['field'] });
    if (!isObject(event.before)) throw notApplicable('not-restorable', 'the event holds no card');
    return { kind: 'card', fromEvent: event.id, cardId, card: event.before as CardPlain };
  }
  let changed: string | null = null;
  let value: unknown;
  if (event.type === 'card.updated' && isObject(event.before) && Object.keys(event.before).length === 1) {
    changed = Object.keys(event.before)[0];
    value = event.before[changed];
  } else if (event.type === 'card.field_restored' && isObject(event.before) && typeof event.before.field === 'string') {
    changed = event.before.field;
    value = event.before.value;
  }
  if (changed === null) throw notApplicable('not-restorable', `a ${event.type} event has no old value to restore`);
  if (field !== undefined && field !== changed) throw new AppError('UNPROCESSABLE', `the event changed ${changed}, not ${field}`, { fields: ['field'] });
  return { kind: 'field', fromEvent: event.id, cardId, field: changed, value: value ?? null };
}

/** A card field's value as the audit projector reports it (texts as strings, shared types as JSON, absent as null). */
function plainOf(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value === undefined ? null : value;
}

const isPairCard = (card: { get(key: string): unknown } | Record<string, unknown>) =>
  (card instanceof Y.Map ? card.get('pairId') : (card as Record<string, unknown>).pairId) !== undefined;

/**
 * Applies the op to the board now, in one transaction with `origin`, through `projector` (the
 * writer's, so its shadow follows; the events it makes of the change are replaced by the returned
 * row). Throws RESTORE_NOT_APPLICABLE when the board no longer allows it: the card is there
 * already (or gone, for a field), the field has that value, it is a pair card, or no column is left.
 */
export function applyRestore(doc: Y.Doc, projector: BoardProjector, op: RestoreOp, kind: BoardKind, origin?: unknown): { cardId: string; row: RestoreRow } {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  const run = (fn: () => void) => {
    try {
      return projector.capture(() => doc.transact(fn, origin));
    } catch (err) {
      if (err instanceof BoardOpError) throw notApplicable('invalid-value', err.message);
      throw err;
    }
  };
  if (op.kind === 'field') {
    const card = cards.get(op.cardId);
    if (!(card instanceof Y.Map)) throw notApplicable('card-missing', 'the card is not on the board');
    if (isPairCard(card)) throw notApplicable('pair-card', 'a pair card follows the pairs table');
    if (PLACE_KEYS.has(op.field) || !CARD_KEYS[kind].has(op.field)) throw notApplicable('not-restorable', `${op.field} is not a restorable field`);
    const before = plainOf(card.get(op.field));
    if (sameValue(before, op.value)) throw notApplicable('same-value', `${op.field} has that value already`);
    const isText = CARD_TEXT_KEYS.has(op.field);
    if (isText ? typeof op.value !== 'string' : valueChars(op.value) > MAX_VALUE_CHARS) throw notApplicable('invalid-value', `not a value for ${op.field}`);
    run(() => {
      if (isText) setCardText(doc, op.cardId, op.field as 'title' | 'description', op.value as string);
      else updateCard(doc, op.cardId, { [op.field]: op.value as Json });
    });
    const after = plainOf(card.get(op.field));
    return {
      cardId: op.cardId,
      row: { type: 'card.field_restored', entityType: 'card', entityId: op.cardId, before: { field: op.field, value: before }, after: { field: op.field, value: after, fromEvent: op.fromEvent } },
    };
  }

  if (cards.has(op.cardId)) throw notApplicable('card-exists', 'the card is on the board');
  if (isPairCard(op.card)) throw notApplicable('pair-card', 'a pair card follows the pairs table');
  // To its old column, among its cards as its old order places it; or to the end of the first column if that one is gone.
  const columns = readBoard(doc).columns;
  const liveIds = new Set<string>();
  doc.getMap<Y.Map<unknown>>('columns').forEach((c, id) => c instanceof Y.Map && c.get('removed') !== true && liveIds.add(id));
  const own = liveIds.has(op.card.columnId) ? columns.find((c) => c.id === op.card.columnId) : undefined;
  const target = own ?? columns.find((c) => liveIds.has(c.id));
  if (!target) throw notApplicable('no-column', 'the board has no column to restore the card to');
  const order = String(op.card.order ?? '');
  const index = own ? own.cards.filter((c) => c.order < order || (c.order === order && c.id < op.cardId)).length : target.cards.length;
  const fields = Object.fromEntries(
    Object.entries(op.card).filter(([k, v]) => !PLACE_KEYS.has(k) && !CARD_TEXT_KEYS.has(k) && CARD_KEYS[kind].has(k) && v !== undefined && valueChars(v) <= MAX_VALUE_CHARS),
  ) as Record<string, Json>;
  const title = String(op.card.title ?? '').trim() || 'Без названия';
  const comments = Array.isArray(op.card.comments) ? op.card.comments : [];
  const events = run(() => {
    addCard(doc, { id: op.cardId, columnId: target.id, title, description: String(op.card.description ?? ''), index, fields });
    if (comments.length) (cards.get(op.cardId)!.get('comments') as Y.Array<unknown>).push(comments.map((c) => (isObject(c) ? { ...c } : c)));
  });
  const created = events.find((e) => e.type === 'card.created' && e.entityId === op.cardId);
  return {
    cardId: op.cardId,
    row: { type: 'card.restored', entityType: 'card', entityId: op.cardId, before: null, after: { ...(created?.after as CardPlain), fromEvent: op.fromEvent } },
  };
}
