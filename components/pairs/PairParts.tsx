import type { Messages } from '@/lib/i18n/messages';
import { ruDate } from '@/lib/people/view';
import { isGroup } from '@/lib/pairs/moves';
import type { Goal, MeetingRecord, PairSummary } from '@/lib/pairs/types';

// Pieces of a pair shared by the board's card dialog, the pair's page and «Моя пара».

export const pairTitle = (pair: Pick<PairSummary, 'number' | 'mentees'>, mp: Messages['pairs']) => mp.pairTitle(pair.number, isGroup(pair));

const nameOr = (name: string | null, mp: Messages['pairs']) => name ?? mp.hiddenName;

export function PairFacts({ pair, mp }: { pair: PairSummary; mp: Messages['pairs'] }) {
  return (
    <dl className="facts" data-testid="pair-facts">
      <dt>{mp.mentor}</dt>
      <dd>
        {nameOr(pair.mentor.name, mp)}
        {pair.mentor.positionOrClass && <span className="hint">, {pair.mentor.positionOrClass}</span>}
      </dd>
      <dt>{mp.mentees}</dt>
      <dd>
        <ul className="plain">
          {pair.mentees.map((x) => (
            <li key={x.personId}>
              {nameOr(x.name, mp)}
              {x.positionOrClass && <span className="hint">, {x.positionOrClass}</span>}
            </li>
          ))}
        </ul>
      </dd>
      <dt>{mp.form}</dt>
      <dd>{pair.form}</dd>
      {pair.roleModel && (
        <>
          <dt>{mp.roleModel}</dt>
          <dd>{pair.roleModel}</dd>
        </>
      )}
      <dt>{mp.stage}</dt>
      <dd>{mp.stages[pair.stage] ?? pair.stage}</dd>
      <dt>{mp.status}</dt>
      <dd>
        {mp.statuses[pair.status] ?? pair.status}
        {pair.endedOn && ` (${ruDate(pair.endedOn)}${pair.endReason ? `: ${pair.endReason}` : ''})`}
      </dd>
      <dt>{mp.startedOn}</dt>
      <dd>{ruDate(pair.startedOn)}</dd>
      <dt>{mp.rhythm}</dt>
      <dd>{mp.everyDays(pair.rhythmDays)}</dd>
      {pair.order && (
        <>
          <dt>{mp.order}</dt>
          <dd>{mp.orderRef(pair.order.number, ruDate(pair.order.date))}</dd>
        </>
      )}
      <dt>{mp.meetings}</dt>
      <dd>
        {mp.meetingsLine(pair.meetingsHeld, pair.lastMeetingOn ? ruDate(pair.lastMeetingOn) : null)}
        {pair.stalled && (
          <>
            {' '}
            <span className="badge warn">⚠ {mp.stalled(pair.rhythmDays)}</span>
          </>
        )}
      </dd>
    </dl>
  );
}

export function GoalsList({ goals, mp }: { goals: Goal[]; mp: Messages['pairs'] }) {
  if (goals.length === 0) return <p className="hint">{mp.noGoals}</p>;
  return (
    <ol className="goals" data-testid="pair-goals">
      {goals.map((g) => {
        const state = g.reached === true ? 'yes' : g.reached === false ? 'no' : 'open';
        return (
          <li key={g.id}>
            {g.text} <span className={`badge goal-${state}`}>{mp.goalStates[state]}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The meetings, newest first, each with the mentees' ratings and comments (a list: it reads on a phone). */
export function MeetingList({ meetings, pair, mp }: { meetings: MeetingRecord[]; pair: Pick<PairSummary, 'mentees'>; mp: Messages['pairs'] }) {
  if (meetings.length === 0) return <p className="hint">{mp.noMeetings}</p>;
  const nameOf = (personId: string) => nameOr(pair.mentees.find((x) => x.personId === personId)?.name ?? null, mp);
  const sorted = [...meetings].sort((a, b) => (a.heldOn === b.heldOn ? b.createdAt.localeCompare(a.createdAt) : b.heldOn.localeCompare(a.heldOn)));
  return (
    <ul className="meetings" data-testid="meeting-list">
      {sorted.map((mt) => (
        <li key={mt.id} className="meeting" data-meeting-id={mt.id}>
          <p className="meeting-head">
            <strong>{ruDate(mt.heldOn)}</strong> · {mp.kinds[mt.kind] ?? mt.kind} · {mp.formats[mt.format] ?? mt.format}
            {mt.mentorRating != null && (
              <>
                {' · '}
                {mp.meetingCols.mentorRating}: {mt.mentorRating}
              </>
            )}
          </p>
          {mt.summary && <p>{mt.summary}</p>}
          {mt.nextSteps && (
            <p>
              <span className="hint">{mp.meetingCols.nextSteps}:</span> {mt.nextSteps}
            </p>
          )}
          {mt.reason && (
            <p>
              <span className="hint">{mp.reason}:</span> {mt.reason}
            </p>
          )}
          {mt.feedback.length > 0 && (
            <ul className="feedback" aria-label={mp.meetingCols.feedback}>
              {mt.feedback.map((f) => (
                <li key={f.personId}>
                  {mp.feedbackOf(nameOf(f.personId), f.rating)}
                  {f.comment && <> — «{f.comment}»</>}
                </li>
              ))}
            </ul>
          )}
          {mt.recordedByName && <p className="hint">{mp.meetingCols.recordedBy}: {mt.recordedByName}</p>}
        </li>
      ))}
    </ul>
  );
}

/** «Журнал наставника» of all the mentor's pairs in an organisation (DOCX, XLSX). */
export function MentorJournal({ orgId, personId, name, mp }: { orgId: string; personId: string; name: string; mp: Messages['pairs'] }) {
  const base = `/api/orgs/${encodeURIComponent(orgId)}/mentors/${encodeURIComponent(personId)}/journal`;
  return (
    <p className="button-row" data-testid="mentor-journal">
      <span>{mp.mentorJournal(name)}:</span>
      <a className="button" href={`${base}?format=docx`} download>{mp.journalDocx}</a>
      <a className="button" href={`${base}?format=xlsx`} download>{mp.journalXlsx}</a>
    </p>
  );
}
