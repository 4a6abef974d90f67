import type { Locale } from '../i18n/messages';
import { BOARD_HANDLERS } from './describe-board';
import { PAIRS_HANDLERS } from './describe-pairs';
import { PEOPLE_HANDLERS, recordChanges } from './describe-people';
import { REPORTS_HANDLERS } from './describe-reports';
import { describePersonEvent, KNOWN_PERSON_EVENTS } from '../people/documents/events';
import type { Bank } from '../people/types';
import type { EventGroup } from './group';
import { obj, plural, Sentence, V, type DescribedEvent, type HistoryEvent, type HistoryNames } from './sentence';
import { cardFieldLabel, formatCardField, formatValue } from './values';

/*
 * The history in words (issue 15, item 2): one sentence per audit event, Russian or English,
 * with who acted shortened to initials and the verb agreeing with them («Л. А. Андропова
 * перенесла «Разработка положения» из «Подготовка условий» в «Формирование базы
 * наставляемых»»), the changes as old → new values or word diffs, and a link to the board and
 * card. A type the history does not know still gets a readable sentence naming it. Pure.
 */

export type { DescribedEvent, HistoryChange, HistoryEvent, HistoryNames, SentencePart } from './sentence';
export { emptyNames } from './sentence';

const HANDLERS: Record<string, (s: Sentence) => void> = { ...BOARD_HANDLERS, ...PEOPLE_HANDLERS, ...PAIRS_HANDLERS, ...REPORTS_HANDLERS };

/** The event types describeEvent words specifically (others get the generic sentence). */
export const DESCRIBED_TYPES: readonly string[] = Object.keys(HANDLERS).sort();

function generic(s: Sentence) {
  const type = s.e.type || '—';
  // A person's event the destruction act's extract knows by name (lib/people/documents/events.ts).
  if (KNOWN_PERSON_EVENTS.includes(type)) {
    s.say(`: ${describePersonEvent(type, s.locale, { bank: bankOf(s.after.bank) })}`);
    if (s.e.data?.entityType === 'person') s.say(' (', s.person(s.e.data.entityId, 'nom'), ')');
  } else s.say(s.ru ? `: событие «${type}»` : `: event “${type}”`);
  const about = s.e.cardId ? s.card('nom') : s.board();
  if (about) s.say(s.ru ? (s.e.cardId ? ' (карточка ' : ' (доска ') : s.e.cardId ? ' (card ' : ' (board ', about, ')');
  const { before, after } = s.e.data ?? {};
  const isRecord = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v));
  if (isRecord(before) && isRecord(after)) recordChanges(s, obj(before), obj(after));
  else s.value(s.ru ? 'значение' : 'value', formatValue(before, s.locale), formatValue(after, s.locale));
}

const bankOf = (v: unknown): Bank | null => (v === 'mentor' || v === 'mentee' ? v : null);

/** One audit event in words. */
export function describeEvent(e: HistoryEvent, names: HistoryNames, locale: Locale = 'ru'): DescribedEvent {
  const s = new Sentence(e, names, locale);
  const handler = Object.hasOwn(HANDLERS, e.type) ? HANDLERS[e.type] : generic;
  try {
    handler(s);
    return s.done();
  } catch {
    // A malformed row (a bad peer's value) must not take the page down: say what is certain.
    const plain = new Sentence({ ...e, data: { entityType: e.data?.entityType ?? '', entityId: e.data?.entityId ?? null, before: null, after: null } }, names, locale);
    generic(plain);
    return plain.done();
  }
}

/** What of a card an event changed, for a group's summary («срок, статус»). */
function aspect(e: HistoryEvent, locale: Locale): string | null {
  const ru = locale === 'ru';
  if (e.type === 'card.updated' || e.type === 'card.field_restored') return e.data.field ? cardFieldLabel(e.data.field, locale) : null;
  if (e.type === 'card.moved' || e.type === 'pair.stage_changed' || e.type === 'pair.stage_set') return ru ? 'этап' : 'stage';
  if (e.type.startsWith('comment.')) return ru ? 'комментарии' : 'comments';
  if (e.type.startsWith('checklist.')) return ru ? 'чек-лист' : 'checklist';
  if (e.type.startsWith('meeting.')) return ru ? 'встречи' : 'meetings';
  return null;
}

const TEXT_FIELDS = new Set(['title', 'description']);

/**
 * A group of events (groupEvents) in one sentence: a single event as describeEvent says it;
 * several as «Л. А. Андропова изменила «Разработка положения»: срок, статус (4 изменения)», with
 * the net change of each card field (its value before the first edit → after the last).
 */
export function describeGroup(group: EventGroup, names: HistoryNames, locale: Locale = 'ru'): DescribedEvent & { count: number } {
  const events = group.events;
  if (events.length <= 1) return { ...describeEvent(events[0], names, locale), count: events.length };
  const newest = events[0];
  const s = new Sentence(newest, names, locale);
  const d = newest.data;
  const created = events.find((e) => e.type === 'card.created');
  let target;
  if (newest.cardId) target = s.card('acc', created ? obj(created.data.after).title : undefined);
  else if (d.entityType === 'column') target = [s.ru ? 'этап ' : 'the stage ', s.column(d.entityId) ?? ''];
  else if (d.entityType === 'board') target = [s.ru ? 'доску' : 'the board', ...(s.board() ? [' ', s.board()] : [])];
  else if (d.entityType === 'person') target = [s.ru ? 'запись ' : 'the record of ', s.person(d.entityId, 'gen')];
  else if (d.entityType === 'user') target = [s.ru ? 'учётную запись ' : 'the account of ', s.user(d.entityId, 'gen')];
  else if (d.entityType === 'meeting') target = s.pair(obj(d.after).pairId, 'acc');
  else target = s.ru ? 'данные' : 'data';
  s.say(' ', s.ru ? s.v(V('изменил')) : 'changed', ' ', ...(Array.isArray(target) ? target : [target]));
  const aspects = [...new Set(events.map((e) => aspect(e, locale)).filter((a): a is string => !!a))];
  if (aspects.length) s.say(`: ${aspects.slice(0, 5).join(', ')}${aspects.length > 5 ? ' …' : ''}`);
  const n = events.length;
  s.say(s.ru ? ` (${n} ${plural(n, ['изменение', 'изменения', 'изменений'])})` : ` (${n} changes)`);

  // Net change per card field: oldest event's before → newest event's after.
  const byField = new Map<string, { before: unknown; after: unknown }>();
  for (const e of events) {
    if (e.type !== 'card.updated' || !e.data.field) continue;
    const seen = byField.get(e.data.field);
    if (seen) seen.before = e.data.before; // older: events are newest first
    else byField.set(e.data.field, { before: e.data.before, after: e.data.after });
  }
  for (const [field, { before, after }] of byField) {
    const label = cardFieldLabel(field, locale);
    if (TEXT_FIELDS.has(field)) s.text(label, before, after);
    else {
      const was = formatCardField(field, before, locale, true);
      const is = formatCardField(field, after, locale, true);
      if (was !== is) s.value(label, was, is);
    }
  }
  return { ...s.done(), count: n };
}
