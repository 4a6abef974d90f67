import Link from 'next/link';
import { describeEvent, describeGroup, type HistoryChange, type HistoryEvent, type HistoryNames } from '@/lib/history/describe';
import { groupEvents } from '@/lib/history/group';
import { formatMoment } from '@/lib/history/period';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { RestoreButton } from './RestoreButton';

/** Events whose old state can be put back: a field's old value, or a deleted card. */
export function restoreKind(e: HistoryEvent): 'field' | 'card' | null {
  if (e.type === 'card.deleted') return 'card';
  if ((e.type === 'card.updated' || e.type === 'card.field_restored') && e.data.field) return 'field';
  return null;
}

type Props = {
  events: HistoryEvent[];
  names: HistoryNames;
  locale: Locale;
  /** Boards this reader may edit: their events get the restore control. */
  editableBoards: ReadonlySet<string>;
  /** The organisation whose history this is: events of others below it name theirs. */
  orgId: string | null;
  /** Where a card's history opens: the organisation's history filtered by the card. */
  historyHref: (boardId: string, cardId: string) => string;
};

function Changes({ changes, locale }: { changes: HistoryChange[]; locale: Locale }) {
  const m = messagesFor(locale).history;
  if (changes.length === 0) return null;
  return (
    <ul className="history-changes">
      {changes.map((c, i) => (
        <li key={i}>
          <span className="hint">{c.label}: </span>
          {c.kind === 'text' ? (
            <span className="word-diff">
              {c.diff.map((d, j) =>
                d.op === 'same' ? (
                  <span key={j}>{d.text}</span>
                ) : d.op === 'removed' ? (
                  <del key={j}>
                    <span className="sr-only">{m.before}: </span>
                    {d.text}
                  </del>
                ) : (
                  <ins key={j}>
                    <span className="sr-only">{m.after}: </span>
                    {d.text}
                  </ins>
                ),
              )}
            </span>
          ) : (
            <span>
              <del>
                <span className="sr-only">{m.before}: </span>
                {c.before}
              </del>{' '}
              → <ins>
                <span className="sr-only">{m.after}: </span>
                {c.after}
              </ins>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function Entry({ e, props }: { e: HistoryEvent; props: Props }) {
  const { names, locale, editableBoards, orgId, historyHref } = props;
  const m = messagesFor(locale).history;
  const d = describeEvent(e, names, locale);
  const kind = restoreKind(e);
  const otherOrg = e.orgId && e.orgId !== orgId ? names.orgs[e.orgId] : null;
  return (
    <div className="history-entry" data-event={e.id} data-type={e.type}>
      <time dateTime={e.at}>{formatMoment(e.at, locale)}</time> {d.text}
      {otherOrg ? <span className="hint"> · {otherOrg}</span> : null}
      {e.boardId ? (
        <span className="history-links">
          {' · '}
          <Link href={`/boards/${e.boardId}`}>
            {m.openBoard} «{names.boards[e.boardId] ?? '…'}»
          </Link>
          {e.cardId ? (
            <>
              {' · '}
              <Link href={historyHref(e.boardId, e.cardId)}>{m.cardHistory}</Link>
            </>
          ) : null}
        </span>
      ) : null}
      <Changes changes={d.changes} locale={locale} />
      {kind && e.boardId && editableBoards.has(e.boardId) ? <RestoreButton boardId={e.boardId} eventId={e.id} kind={kind} locale={locale} /> : null}
    </div>
  );
}

/**
 * The readable history: events newest first, consecutive edits of one person to one card
 * grouped into one entry that expands (a <details>, so it opens from the keyboard too).
 */
export function HistoryEntries(props: Props) {
  const m = messagesFor(props.locale).history;
  const groups = groupEvents(props.events);
  if (groups.length === 0) return <p className="hint">{m.empty}</p>;
  return (
    <ol className="history" data-testid="history">
      {groups.map((g) => {
        if (g.events.length === 1) {
          return (
            <li key={g.key}>
              <Entry e={g.events[0]} props={props} />
            </li>
          );
        }
        const newest = g.events[0];
        const oldest = g.events[g.events.length - 1];
        const head = describeGroup(g, props.names, props.locale);
        return (
          <li key={g.key} className="history-group">
            <details>
              <summary>
                <time dateTime={oldest.at}>{formatMoment(oldest.at, props.locale)}</time>–<time dateTime={newest.at}>{formatMoment(newest.at, props.locale).slice(-5)}</time>{' '}
                {head.text}
              </summary>
              <ol>
                {g.events.map((e) => (
                  <li key={e.id}>
                    <Entry e={e} props={props} />
                  </li>
                ))}
              </ol>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
