import type { Locale } from '../../i18n/messages';
import { describeEvent, type DescribedEvent, type HistoryEvent, type HistoryNames } from '../describe';
import { NONE, formatDateTime, zonedParts } from '../values';
import { diffAfter, diffBefore } from '../word-diff';

/*
 * The rows of the history's exports (issue 15, item 5): one row per audit event, in the order
 * the filtered view lists them (newest first), with Russian headers and local time. The
 * builders read pages of events as the org audit query streams them (streamOrgAudit yields
 * {events, names}) and never hold more than one page: 100,000 rows stream in bounded memory.
 */

/** One page of the filtered history, as streamOrgAudit yields it. */
export type AuditPage = { events: HistoryEvent[]; names: HistoryNames };

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export type ExportOptions = {
  /** Sentences and headers: Russian by default. */
  locale?: Locale;
  /** IANA zone of the times; Europe/Moscow by default. */
  timeZone?: string;
};

export const EXPORT_HEADERS: Record<Locale, readonly string[]> = {
  ru: ['Дата и время', 'Кто', 'Организация', 'Доска', 'Карточка', 'Событие', 'Было', 'Стало'],
  en: ['Date and time', 'Who', 'Organisation', 'Board', 'Card', 'Event', 'Before', 'After'],
};

export type ExportRow = {
  /** The instant (ISO), for a real date cell. */
  at: string;
  /** 'dd.MM.yyyy HH:mm:ss' in the export's zone. */
  time: string;
  who: string;
  org: string;
  board: string;
  card: string;
  event: string;
  before: string;
  after: string;
};

const SYSTEM: Record<Locale, string> = { ru: 'Система', en: 'System' };
const UNKNOWN_USER: Record<Locale, string> = { ru: 'Пользователь', en: 'A user' };

const name = (r: Record<string, string> | undefined, id: string | null | undefined) => (r && id && Object.hasOwn(r, id) && typeof r[id] === 'string' ? r[id] : '');

/** The card an event concerns, by title: the names' (current), else the event's own; a meeting's pair by its card. */
function cardTitle(e: HistoryEvent, names: HistoryNames): string {
  const d = e.data ?? { entityType: '', entityId: null, before: null, after: null };
  const side = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const own = (v: unknown) => (typeof v === 'string' ? v : '');
  if (e.cardId) return name(names.cards, e.cardId) || own(side(d.after).title) || own(side(d.before).title);
  if (d.entityType === 'meeting') return name(names.cards, own(side(d.after).pairId));
  return '';
}

/** Each change on a line: «label: value»; a single change without its label. Empty values are left out. */
function sideOf(d: DescribedEvent, which: 'before' | 'after'): string {
  const values = d.changes.map((c) => {
    const v = c.kind === 'text' ? (which === 'before' ? diffBefore(c.diff) : diffAfter(c.diff)) : c[which];
    return { label: c.label, v: v === NONE ? '' : v };
  });
  if (values.length === 1) return values[0].v;
  return values
    .filter((x) => x.v !== '')
    .map((x) => `${x.label}: ${x.v}`)
    .join('\n');
}

/** One event as an export row. */
export function exportRow(e: HistoryEvent, names: HistoryNames, opts: ExportOptions = {}): ExportRow {
  const locale = opts.locale ?? 'ru';
  const d = describeEvent(e, names, locale);
  const actor = typeof e.actor?.name === 'string' && e.actor.name.trim() ? e.actor.name.trim() : e.actor?.id ? UNKNOWN_USER[locale] : SYSTEM[locale];
  return {
    at: e.at,
    time: formatDateTime(e.at, opts.timeZone ?? DEFAULT_TIME_ZONE, true),
    who: actor,
    org: name(names.orgs, e.orgId),
    board: name(names.boards, e.boardId),
    card: cardTitle(e, names),
    event: d.text,
    before: sideOf(d, 'before'),
    after: sideOf(d, 'after'),
  };
}

export const rowCells = (r: ExportRow): string[] => [r.time, r.who, r.org, r.board, r.card, r.event, r.before, r.after];

/**
 * A Date whose UTC fields are the wall-clock time in `timeZone`: a spreadsheet's dates have no
 * zone, so a cell shows exactly this (the local time the export promises).
 */
export function wallClock(at: string, timeZone = DEFAULT_TIME_ZONE): Date | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  const p = zonedParts(new Date(t), timeZone);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second));
}

/** The pages' events as rows, page by page. */
export async function* exportRows(pages: AsyncIterable<AuditPage>, opts: ExportOptions = {}): AsyncGenerator<ExportRow[]> {
  for await (const page of pages) yield page.events.map((e) => exportRow(e, page.names, opts));
}

/**
 * The pages, the first one already read: a caller awaits this before it answers, so a refusal
 * of the query (403, 404, 422) is an error response, not a broken download.
 */
export async function withFirstPage<T>(pages: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = pages[Symbol.asyncIterator]();
  const first = await it.next();
  let started = false;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        if (!started) {
          started = true;
          return first;
        }
        return first.done ? first : it.next();
      },
      return: async (value?: unknown) => (it.return ? it.return(value) : { done: true as const, value: undefined as never }),
    }),
  };
}

/** A pull-based web stream of the chunks: a chunk is made only when the reader wants one. */
export function readableOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await it.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
