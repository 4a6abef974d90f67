/**
 * The title a board's audit row gives a card or a column, if it gives one (lib/audit/projector.ts
 * shapes): every change of a title on a board is audited, so the names of a board's cards and
 * columns, once read from its document, follow its later rows without reading the document again.
 */
export type TitleChange = { kind: 'card' | 'column'; id: string; title: string };

type Row = { type: string; entityId: string | null; after: unknown };

const field = (v: unknown, key: string): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);

export function titleChange(row: Row): TitleChange | null {
  if (!row.entityId) return null;
  const of = (kind: TitleChange['kind'], title: unknown): TitleChange | null => (typeof title === 'string' ? { kind, id: row.entityId!, title } : null);
  switch (row.type) {
    case 'card.created':
    case 'card.restored':
    case 'card.updated': // {title: …} when the title is the field changed
      return of('card', field(row.after, 'title'));
    case 'card.field_restored':
      return field(row.after, 'field') === 'title' ? of('card', field(row.after, 'value')) : null;
    case 'column.created':
      return of('column', field(row.after, 'title'));
    case 'column.renamed': // the title itself
      return of('column', row.after);
    default:
      return null;
  }
}

/** The row types titleChange reads. */
export const TITLE_TYPES = ['card.created', 'card.restored', 'card.updated', 'card.field_restored', 'column.created', 'column.renamed'] as const;
