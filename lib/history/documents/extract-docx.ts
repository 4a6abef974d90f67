import { AppError } from '../../errors';
import { empty, field, pack, para, present, signatureHint, signatureLine, table, title, type Block, type CellText } from '../../people/documents/common';
import { describeEvent, type DescribedEvent, type HistoryEvent, type HistoryNames } from '../describe';
import { personShortName } from '../person-names';
import { clip } from '../sentence';
import { NONE, formatDateTime } from '../values';
import { diffAfter, diffBefore } from '../word-diff';
import { DEFAULT_TIME_ZONE, type AuditPage, type ExportOptions } from './rows';

/*
 * «Выписка из журнала событий» (issue 15, item 5): what an inspector asks for — the
 * organisation's audited events of a period, oldest first, in a table № | Дата и время | Кто |
 * Что изменено, with the organisation, the period, the filter, and who made the extract and when.
 * Same look as the personal-data documents (lib/people/documents/common: A4, Times New Roman).
 *
 * The docx library builds the whole document in memory (no streaming writer), so an extract
 * holds at most EXTRACT_ROW_LIMIT events: more is refused with EXTRACT_TOO_LARGE (422) before
 * anything is built, naming the limit and suggesting a shorter period or the XLSX export, which
 * streams any number of rows. The document itself states the limit.
 */

export const EXTRACT_TITLE = 'Выписка из журнала событий';
export const EXTRACT_ROW_LIMIT = 5000;

export type ExtractInput = Omit<ExportOptions, 'locale'> & {
  orgName: string;
  /** The period (ISO instants). */
  from: string;
  to: string;
  generatedAt: Date;
  generatedBy: string | null;
  /** The filter beyond the period, a line each; a function is asked after the rows are read. */
  filters?: readonly string[] | (() => readonly string[]);
  /** EXTRACT_ROW_LIMIT by default. */
  limit?: number;
};

const thousands = (n: number) => n.toLocaleString('ru-RU').replace(/\u00a0/g, ' ');

export const extractTooLargeMessage = (limit: number) =>
  `За выбранный период в журнале больше ${thousands(limit)} событий: выписка в Word их не вместит. Сократите период или выгрузите журнал в Excel (XLSX).`;

/** What a row says was changed: the sentence without its actor, then each change on a line. */
function whatChanged(d: DescribedEvent): string[] {
  let said = d.parts
    .slice(1)
    .map((p) => p.text)
    .join('')
    .replace(/^[:\s]+/, '');
  said = said.charAt(0).toUpperCase() + said.slice(1);
  const lines = d.changes.map((c) => {
    const [before, after] = c.kind === 'text' ? [diffBefore(c.diff), diffAfter(c.diff)].map((t) => (t.trim() ? `«${clip(t, 300)}»` : NONE)) : [c.before, c.after];
    return before === NONE ? `${c.label}: ${after}` : `${c.label}: ${before} → ${after}`;
  });
  return [said, ...lines];
}

type Row = { at: string; who: string; what: string[] };

function rowOf(e: HistoryEvent, names: HistoryNames, zone: string): Row {
  const d = describeEvent(e, names, 'ru');
  const name = present(e.actor?.name ?? null);
  return { at: formatDateTime(e.at, zone, true), who: name ? personShortName(name) : e.actor?.id ? 'Пользователь' : 'Система', what: whatChanged(d) };
}

const timeHeader = (zone: string) => (zone === DEFAULT_TIME_ZONE ? 'Дата и время (московское время)' : `Дата и время (${zone})`);

/**
 * The extract as DOCX bytes. Reads the pages (newest first, as the query streams them) up to
 * the limit; one event more and it stops reading and throws EXTRACT_TOO_LARGE.
 */
export async function auditExtractDocx(pages: AsyncIterable<AuditPage>, input: ExtractInput): Promise<{ bytes: Uint8Array; rows: number }> {
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const limit = input.limit ?? EXTRACT_ROW_LIMIT;
  const rows: Row[] = [];
  for await (const page of pages) {
    for (const e of page.events) {
      if (rows.length >= limit) throw new AppError('EXTRACT_TOO_LARGE', extractTooLargeMessage(limit), { limit });
      rows.push(rowOf(e, page.names, zone));
    }
  }
  rows.reverse(); // oldest first, as a journal reads

  const filters = typeof input.filters === 'function' ? input.filters() : (input.filters ?? []);
  const period = `с ${formatDateTime(input.from, zone)} по ${formatDateTime(input.to, zone)}`;
  const blocks: Block[] = [
    title(EXTRACT_TITLE),
    empty(),
    field('Организация', input.orgName),
    field('Период', period),
    ...(filters.length ? [field('Отбор', filters.join('; '))] : []),
    field('Сформирована', `${formatDateTime(input.generatedAt.toISOString(), zone)}${input.generatedBy ? `, ${input.generatedBy}` : ''}`),
    field('Записей в выписке', thousands(rows.length)),
    para(`Выписка содержит не более ${thousands(limit)} событий; журнал за более длинный период выгружается в Excel (XLSX). Время — ${zone === DEFAULT_TIME_ZONE ? 'московское' : zone}.`, {
      small: true,
      italics: true,
    }),
    empty(),
    table(
      ['№ п/п', timeHeader(zone), 'Кто', 'Что изменено'],
      rows.map((r, i): CellText[] => [String(i + 1), r.at, r.who, r.what]),
      [1, 3, 3, 10],
      'за период событий нет',
    ),
    signatureLine('Выписку сформировал', input.generatedBy),
    signatureHint(),
  ];
  return { bytes: await pack(EXTRACT_TITLE, blocks), rows: rows.length };
}
