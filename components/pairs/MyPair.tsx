'use client';
import Link from 'next/link';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { messagesFor, type Locale, type Messages } from '@/lib/i18n/messages';
import { ruDate } from '@/lib/people/view';
import type { Goal, MeetingRecord, PairSummary } from '@/lib/pairs/types';
import { api } from './api';
import { GoalsList, MentorJournal, pairTitle } from './PairParts';
import { SurveyForm, type TemplateView } from './SurveyForm';

type MenteeView = { pair: PairSummary; personId: string; mentorContacts: { email: string | null; phone: string | null } | null; meetings: MeetingRecord[]; goals?: Goal[]; surveys?: { template: string; submittedAt: string }[] };
type Mine = { asMentee: MenteeView[]; asMentor: PairSummary[] };

const SCALE = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** A mentee's rating (1–10) and comment on one meeting → POST /api/meetings/<id>/feedback. */
function RateMeeting({ meeting, personId, mp, onSaved }: { meeting: MeetingRecord; personId: string; mp: Messages['pairs']; onSaved: () => void }) {
  const id = useId();
  const mine = meeting.feedback.find((f) => f.personId === personId);
  const [open, setOpen] = useState(!mine);
  const [rating, setRating] = useState(mine ? String(mine.rating) : '');
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!rating) {
      setMissing(true);
      document.getElementById(`${id}-scale`)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    const res = await api(`/api/meetings/${meeting.id}/feedback`, mp, { method: 'POST', body: { rating: Number(rating), comment: comment.trim() || null } });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setError(null);
    setOpen(false);
    onSaved();
  };
  if (!open) {
    return (
      <p className="rated">
        {mine && <strong>{mp.yourFeedback(mine.rating)}</strong>}
        {mine?.comment && <> — «{mine.comment}»</>}{' '}
        <button type="button" className="small" onClick={() => setOpen(true)} aria-label={`${mp.rate}: ${ruDate(meeting.heldOn)}`}>
          {mp.rate}
        </button>
      </p>
    );
  }
  return (
    <form className="form rate-form survey-form" onSubmit={submit} noValidate data-testid="rate-form">
      <fieldset id={`${id}-scale`} tabIndex={-1} role="radiogroup" aria-required {...(missing ? { 'aria-invalid': true, 'aria-describedby': `${id}-err` } : {})}>
        <legend>{mp.yourRating}</legend>
        <div className="scale">
          {SCALE.map((v) => (
            <label key={v}>
              <input type="radio" name={`${id}-rating`} value={v} checked={rating === v} onChange={() => setRating(v)} />
              {v}
            </label>
          ))}
        </div>
        {missing && <span id={`${id}-err`} className="field-error">{mp.problems.rating}</span>}
      </fieldset>
      <label>
        {mp.comment}
        <textarea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error && (
        <p className="msg error" role="alert" data-testid="rate-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? mp.saving : mp.send}
        </button>
        {mine && (
          <button type="button" onClick={() => setOpen(false)}>
            {mp.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function MenteePair({ view, mp, templates, onChange }: { view: MenteeView; mp: Messages['pairs']; templates: TemplateView[]; onChange: () => void }) {
  const { pair } = view;
  const [survey, setSurvey] = useState(false);
  const [done, setDone] = useState('');
  const template = templates.find((t) => t.audience === 'mentee');
  // Offered at the final meeting (and after it), once per pair.
  const answered = template && (view.surveys ?? []).find((s) => s.template === template.id);
  const surveyOpen = pair.stage === 'final' || pair.stage === 'done';
  const meetings = [...view.meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const title = pairTitle(pair, mp);
  return (
    <article className="panel" aria-labelledby={`pair-${pair.id}`} data-testid="my-pair-mentee">
      <h2 id={`pair-${pair.id}`}>
        {title} <span className="hint">· {mp.stages[pair.stage]}</span>
      </h2>
      <dl className="facts">
        <dt>{mp.yourMentor}</dt>
        <dd data-testid="my-mentor">
          {pair.mentor.name ?? mp.hiddenName}
          {pair.mentor.positionOrClass && <span className="hint">, {pair.mentor.positionOrClass}</span>}
        </dd>
        {view.mentorContacts && (view.mentorContacts.email || view.mentorContacts.phone) && (
          <>
            <dt>{mp.contacts}</dt>
            <dd>
              <ul className="plain">
                {view.mentorContacts.email && (
                  <li>
                    {mp.email}: <a href={`mailto:${view.mentorContacts.email}`}>{view.mentorContacts.email}</a>
                  </li>
                )}
                {view.mentorContacts.phone && (
                  <li>
                    {mp.phone}: <a href={`tel:${view.mentorContacts.phone.replace(/[^\d+]/g, '')}`}>{view.mentorContacts.phone}</a>
                  </li>
                )}
              </ul>
            </dd>
          </>
        )}
        <dt>{mp.form}</dt>
        <dd>{pair.form}</dd>
        <dt>{mp.status}</dt>
        <dd>{mp.statuses[pair.status]}</dd>
      </dl>
      {view.goals && view.goals.length > 0 && (
        <>
          <h3>{mp.plan}</h3>
          <GoalsList goals={view.goals} mp={mp} />
        </>
      )}
      <h3>{mp.meetings}</h3>
      {meetings.length === 0 ? (
        <p className="hint">{mp.noMeetings}</p>
      ) : (
        <ul className="meetings">
          {meetings.map((mt) => (
            <li key={mt.id} className="meeting" data-meeting-id={mt.id}>
              <p className="meeting-head">
                <strong>{ruDate(mt.heldOn)}</strong> · {mp.kinds[mt.kind]} · {mp.formats[mt.format]}
              </p>
              {mt.summary && <p>{mt.summary}</p>}
              {mt.nextSteps && (
                <p>
                  <span className="hint">{mp.meetingCols.nextSteps}:</span> {mt.nextSteps}
                </p>
              )}
              <RateMeeting meeting={mt} personId={view.personId} mp={mp} onSaved={onChange} />
            </li>
          ))}
        </ul>
      )}
      <h3>{mp.surveysToAnswer}</h3>
      <div aria-live="polite">{done && <p className="msg ok" role="status">{done}</p>}</div>
      {template && answered && <p className="hint" data-testid="survey-answered">{mp.ownSurveyAnswered(ruDate(answered.submittedAt.slice(0, 10)))}</p>}
      {template && !answered && !surveyOpen && <p className="hint">{mp.surveyAtFinal}</p>}
      {template && !answered && surveyOpen && !survey && (
        <button type="button" onClick={() => setSurvey(true)} data-testid="own-survey">
          {mp.ownSurvey}: {template.title}
        </button>
      )}
      {!template && <p className="hint">{mp.noTemplates}</p>}
      {template && survey && (
        <SurveyForm
          template={template}
          mp={mp}
          request={{ pairId: pair.id, source: 'online' }}
          onSaved={() => {
            setSurvey(false);
            setDone(mp.surveySaved);
            onChange();
          }}
        />
      )}
    </article>
  );
}

/**
 * «Моя пара» (GET /api/me/pairs): a mentee sees its mentor's name and contacts, the meetings
 * so far and rates each (1–10 and a comment), and answers its survey; a mentor sees its pairs.
 */
export function MyPair({ locale }: { locale: Locale }) {
  const mp = messagesFor(locale).pairs;
  const [data, setData] = useState<Mine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const load = useCallback(async () => {
    const res = await api<Mine>(`/api/me/pairs`, mp);
    if (res.ok) setData({ asMentee: res.data?.asMentee ?? [], asMentor: res.data?.asMentor ?? [] });
    else setError(res.message);
  }, [mp]);
  useEffect(() => {
    void load();
    void api<TemplateView[] | { templates?: TemplateView[] }>(`/api/surveys/templates`, mp).then((res) => {
      if (res.ok) setTemplates(Array.isArray(res.data) ? res.data : (res.data?.templates ?? []));
    });
  }, [load, mp]);

  if (error) return <p className="msg error" role="alert">{error}</p>;
  if (!data) return <p className="hint" role="status">{mp.loading}</p>;
  if (data.asMentee.length === 0 && data.asMentor.length === 0) return <p data-testid="no-pair">{mp.noPair}</p>;
  return (
    <>
      {data.asMentee.map((v) => (
        <MenteePair key={v.pair.id} view={v} mp={mp} templates={templates} onChange={() => void load()} />
      ))}
      {data.asMentor.length > 0 && (
        <section className="panel" aria-labelledby="as-mentor" data-testid="my-pairs-mentor">
          <h2 id="as-mentor">{mp.asMentor}</h2>
          <ul className="meetings">
            {data.asMentor.map((p) => (
              <li key={p.id} className="meeting">
                <p className="meeting-head">
                  <Link href={`/pairs/${p.id}`}>{pairTitle(p, mp)}</Link> · {mp.stages[p.stage]} · {mp.statuses[p.status]}
                </p>
                <p>{p.mentees.map((x) => x.name ?? mp.hiddenName).join(', ')}</p>
                <p className="hint">
                  {p.form} · {mp.meetingsLine(p.meetingsHeld, p.lastMeetingOn ? ruDate(p.lastMeetingOn) : null)}
                </p>
                {p.stalled && <span className="badge warn">⚠ {mp.stalled(p.rhythmDays)}</span>}
              </li>
            ))}
          </ul>
          {[...new Map(data.asMentor.map((p) => [`${p.orgId}/${p.mentor.personId}`, p])).values()].map((p) => (
            <MentorJournal key={`${p.orgId}/${p.mentor.personId}`} orgId={p.orgId} personId={p.mentor.personId} name={p.mentor.name ?? mp.hiddenName} mp={mp} />
          ))}
        </section>
      )}
    </>
  );
}
