import { formatDateTime } from '../values';
import { DEFAULT_TIME_ZONE, wallClock, type AuditPage } from './rows';

/*
 * The filter of an export in words, printed in the XLSX's settings sheet and in the DOCX
 * extract («Доска: «Дорожная карта 2024»», «Период: с … по …»), so a file says what it holds.
 * The names come from the pages themselves as they stream past (watchNames): only the few ids
 * the filter names are kept.
 */

/** The org audit API's filter (rules: listOrgAudit's query), as far as an export prints it. */
export type AuditFilter = {
  type?: string | null;
  actorId?: string | null;
  boardId?: string | null;
  cardId?: string | null;
  org?: string | null;
  from?: string | null;
  to?: string | null;
};

export type FilterNames = { actor?: string; board?: string; card?: string; org?: string };

const TYPE_GROUPS: Record<string, string> = {
  card: 'карточки',
  comment: 'комментарии',
  checklist: 'чек-листы',
  column: 'этапы',
  board: 'доски',
  org: 'организации',
  person: 'участники программы',
  bank: 'банки наставников и наставляемых',
  consent: 'согласия',
  pair: 'наставнические пары',
  meeting: 'встречи',
  survey: 'анкеты',
  preferences: 'предпочтения',
  membership: 'роли',
  user: 'учётные записи',
};

function typeWords(type: string): string {
  const group = /^([a-z_]+)\.\*$/.exec(type);
  if (group) return TYPE_GROUPS[group[1]] ? `${TYPE_GROUPS[group[1]]} (все события ${type})` : `все события ${type}`;
  return type;
}

/** The filter as lines; `withPeriod: false` leaves the period out (a document that prints it apart). */
export function filterSummary(filter: AuditFilter, names: FilterNames = {}, opts: { withPeriod?: boolean; timeZone?: string } = {}): string[] {
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const lines: string[] = [];
  const q = (name: string | undefined, id: string) => (name ? `«${name}»` : id);
  if (filter.org) lines.push(`Организация: ${q(names.org, filter.org)}`);
  if (filter.boardId) lines.push(`Доска: ${q(names.board, filter.boardId)}`);
  if (filter.cardId) lines.push(`Карточка: ${q(names.card, filter.cardId)}`);
  if (filter.actorId) lines.push(`Кто: ${names.actor ?? filter.actorId}`);
  if (filter.type) lines.push(`Тип событий: ${typeWords(filter.type)}`);
  if (opts.withPeriod !== false && (filter.from || filter.to)) {
    const from = filter.from ? `с ${formatDateTime(filter.from, zone)}` : '';
    const to = filter.to ? `по ${formatDateTime(filter.to, zone)}` : '';
    lines.push(`Период: ${[from, to].filter(Boolean).join(' ')}`);
  }
  return lines;
}

/**
 * The pages passed through unchanged, noting on the way the names of what the filter names
 * (the actor from its events, the board, card and organisation from the pages' names).
 */
export function watchNames(pages: AsyncIterable<AuditPage>, filter: AuditFilter, into: FilterNames): AsyncIterable<AuditPage> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const page of pages) {
        const n = page.names;
        if (filter.boardId && !into.board && n.boards?.[filter.boardId]) into.board = n.boards[filter.boardId];
        if (filter.cardId && !into.card && n.cards?.[filter.cardId]) into.card = n.cards[filter.cardId];
        if (filter.org && !into.org && n.orgs?.[filter.org]) into.org = n.orgs[filter.org];
        if (filter.actorId && !into.actor) {
          const e = page.events.find((x) => x.actor?.id === filter.actorId && x.actor.name);
          if (e?.actor.name) into.actor = e.actor.name;
        }
        yield page;
      }
    },
  };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a calendar day starts (or, `end`, its last millisecond) in `timeZone`, as ISO with an offset. */
export function dayBound(date: string, end: boolean, timeZone = DEFAULT_TIME_ZONE): string {
  const m = DATE_ONLY.exec(date);
  if (!m) return date;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], end ? 23 : 0, end ? 59 : 0, end ? 59 : 0);
  const local = wallClock(new Date(guess).toISOString(), timeZone);
  const offset = local ? local.getTime() - guess : 0; // the zone's offset from UTC then (whole seconds)
  return new Date(guess - offset + (end ? 999 : 0)).toISOString();
}

/**
 * An export's query from the URL: the org audit API's filters as they are (the query module
 * validates them), without paging (`before`, `limit`: an export is the whole filtered view) and
 * `format`; a date without a time (`from=2024-03-01`) is taken as that day's start or end.
 */
export function exportQuery(params: Record<string, string>, timeZone = DEFAULT_TIME_ZONE): Record<string, string> & AuditFilter {
  const { format: _format, before: _before, limit: _limit, ...rest } = params;
  const q: Record<string, string> = { ...rest };
  if (q.from) q.from = dayBound(q.from, false, timeZone);
  if (q.to) q.to = dayBound(q.to, true, timeZone);
  return q;
}

/** A download's name from its parts: characters file systems refuse dropped, spaces collapsed. */
export function exportFileName(parts: readonly (string | null | undefined)[], ext: string): string {
  const base = parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .join(' — ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
  return `${base || 'export'}.${ext}`;
}
