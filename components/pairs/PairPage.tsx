'use client';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { todayIso } from '@/lib/people/rules';
import { ruDate } from '@/lib/people/view';
import { dropIntent, meetingChoices } from '@/lib/pairs/moves';
import { type Goal, type MeetingKind, type MeetingRecord, type PairSummary } from '@/lib/pairs/types';
import { api } from './api';
import { EndPairDialog } from './EndPairDialog';
import { MeetingDialog } from './MeetingDialog';
import { GoalsList, MeetingList, PairFacts, pairTitle } from './PairParts';
import { SurveyForm, type TemplateView } from './SurveyForm';

type SurveyDone = { id?: string; template?: string; personId?: string | null; submittedAt?: string; source?: string; round?: string | null };
type May = { record: boolean; end: boolean; rate?: boolean; setOrder?: boolean };
type Detail = { pair: PairSummary; meetings: MeetingRecord[]; goals: Goal[]; surveys: SurveyDone[]; may?: May; asMenteePersonId?: string | null };

/**
 * A pair's page (/pairs/<id>): members (names as the rules allow), form, stage, status, the
 * plan's goals and the meetings with the mentees' ratings; the mentor and the curator record
 * meetings and end the pair; the journal downloads; surveys: the curator enters paper
 * answers, a member answers its own.
 */
export function PairPage({ pairId, me, manages, locale, today }: { pairId: string; me: { id: string }; manages: string[]; locale: Locale; today: string }) {
  const mp = messagesFor(locale).pairs;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<MeetingKind | ''>('');
  const [dialog, setDialog] = useState<'meeting' | 'end' | null>(null);
  const [status, setStatus] = useState('');
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [survey, setSurvey] = useState<{ template: string; personId: string; round: string; paper: boolean } | null>(null);

  const load = useCallback(async () => {
    const res = await api<Detail>(`/api/pairs/${pairId}`, mp);
    if (res.ok && res.data?.pair) {
      setDetail({ ...res.data, meetings: res.data.meetings ?? [], goals: res.data.goals ?? [], surveys: Array.isArray(res.data.surveys) ? res.data.surveys : [] });
      setError(null);
    } else setError(res.ok ? mp.notFound : res.status === 404 || res.status === 403 ? mp.notFound : res.message);
  }, [pairId, mp]);
  useEffect(() => {
    void load();
    void api<TemplateView[] | { templates?: TemplateView[] }>(`/api/surveys/templates`, mp).then((res) => {
      if (!res.ok) return;
      const list = Array.isArray(res.data) ? res.data : (res.data?.templates ?? []);
      setTemplates(list);
    });
  }, [load, mp]);

  if (error) return <p className="msg error" role="alert" data-testid="pair-error">{error}</p>;
  if (!detail) return <p className="hint" role="status">{mp.loading}</p>;
  const { pair, meetings, goals, surveys } = detail;
  const title = pairTitle(pair, mp);
  const curator = manages.includes(pair.orgId);
  const active = pair.status === 'active';
  // The server says what this user may do with the pair; without that, the same rule here.
  const mayRecord = detail.may ? detail.may.record : active && (curator || pair.mine);
  const mayEnd = detail.may ? detail.may.end : mayRecord;
  const meMentee = detail.asMenteePersonId ?? pair.mentees.find((x) => x.userId === me.id)?.personId ?? null;
  const kinds = active ? meetingChoices(pair.stage, meetings.map((x) => x.kind)) : [];
  const next = kinds[0] ?? null;
  const chosen: MeetingKind | null = kind || next;
  const skipped = chosen && chosen !== pair.stage ? (() => {
    const d = dropIntent(pair.stage, chosen);
    return d.kind === 'meeting' ? d.skipped : [];
  })() : [];
  const ownTemplate = templates.find((t) => t.audience === (pair.mine ? 'mentor' : 'mentee'));
  const members = [{ ...pair.mentor }, ...pair.mentees];
  const templateTitle = (tid?: string) => templates.find((t) => t.id === tid)?.title ?? tid ?? '';

  return (
    <div className="pair-page" data-testid="pair-page" data-stage={pair.stage} data-status={pair.status}>
      <div className="page-head">
        <h1>{title}</h1>
        <div className="button-row">
          {mayRecord && kinds.length > 0 && (
            <>
              <select className="auto" aria-label={mp.meetingKind} value={chosen ?? ''} onChange={(e) => setKind(e.target.value as MeetingKind)} data-testid="meeting-kind">
                {kinds.map((k) => (
                  <option key={k} value={k}>{mp.kinds[k]}</option>
                ))}
              </select>
              <button type="button" className="primary" onClick={() => setDialog('meeting')} data-testid="record-meeting">
                {mp.recordMeeting}
              </button>
            </>
          )}
          {mayEnd && (
            <button type="button" onClick={() => setDialog('end')} data-testid="end-pair">
              {mp.endPair}
            </button>
          )}
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite">{status}</p>
      {pair.endedOn && <p className="notice">{mp.endedLine(mp.statuses[pair.status], ruDate(pair.endedOn), pair.endReason)}</p>}

      <section className="panel" aria-labelledby="pair-members">
        <h2 id="pair-members">{mp.members}</h2>
        <PairFacts pair={pair} mp={mp} />
        {(curator || pair.mine) && (
          <p className="button-row">
            <a className="button" href={`/api/pairs/${pair.id}/journal?format=docx`} download>{mp.journalDocx}</a>
            <a className="button" href={`/api/pairs/${pair.id}/journal?format=xlsx`} download>{mp.journalXlsx}</a>
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="pair-plan">
        <h2 id="pair-plan">{mp.plan}</h2>
        <GoalsList goals={goals} mp={mp} />
      </section>

      <section className="panel" aria-labelledby="pair-meetings">
        <h2 id="pair-meetings">{mp.meetings}</h2>
        <MeetingList meetings={meetings} pair={pair} mp={mp} />
      </section>

      <section className="panel" aria-labelledby="pair-surveys">
        <h2 id="pair-surveys">{mp.surveys}</h2>
        {surveys.length > 0 && (
          <ul data-testid="surveys-done">
            {surveys.map((s, i) => (
              <li key={s.id ?? i}>
                {templateTitle(s.template)}
                {s.personId && `: ${members.find((x) => x.personId === s.personId)?.name ?? mp.hiddenName}`}
                {s.submittedAt && ` — ${ruDate(todayIso(new Date(s.submittedAt)))}`}
                {s.source === 'paper' && ` (${mp.fromPaper})`}
              </li>
            ))}
          </ul>
        )}
        {templates.length === 0 && <p className="hint">{mp.noTemplates}</p>}
        <div className="button-row">
          {curator && templates.length > 0 && (
            <button type="button" onClick={() => setSurvey({ template: templates[0].id, personId: '', round: '', paper: true })} data-testid="paper-survey">
              {mp.paperSurvey}
            </button>
          )}
          {(pair.mine || meMentee) && ownTemplate && (
            <button type="button" onClick={() => setSurvey({ template: ownTemplate.id, personId: '', round: '', paper: false })} data-testid="own-survey">
              {mp.ownSurvey}
            </button>
          )}
        </div>
        {survey?.paper && (
          <div className="form-grid">
            <label>
              {mp.surveyTemplate}
              <select value={survey.template} onChange={(e) => setSurvey({ ...survey, template: e.target.value, personId: '' })}>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>{t.title}</option>
                ))}
              </select>
            </label>
            <label>
              {mp.surveyPerson}
              <select value={survey.personId} onChange={(e) => setSurvey({ ...survey, personId: e.target.value })}>
                <option value="">{mp.choose}</option>
                {members
                  .filter((x) => x.side === templates.find((t) => t.id === survey.template)?.audience)
                  .map((x) => (
                    <option key={x.personId} value={x.personId}>{x.name ?? mp.hiddenName}</option>
                  ))}
              </select>
            </label>
            <label>
              {mp.surveyRound}
              <input value={survey.round} maxLength={7} placeholder="2025-12" onChange={(e) => setSurvey({ ...survey, round: e.target.value })} />
            </label>
          </div>
        )}
        {survey && (!survey.paper || survey.personId) && templates.find((t) => t.id === survey.template) && (
          <SurveyForm
            key={`${survey.template}:${survey.personId}`}
            template={templates.find((t) => t.id === survey.template)!}
            mp={mp}
            request={{
              pairId: pair.id,
              source: survey.paper ? 'paper' : 'online',
              ...(survey.paper ? { personId: survey.personId } : {}),
              ...(survey.round.trim() ? { round: survey.round.trim() } : {}),
            }}
            onSaved={() => {
              setSurvey(null);
              setStatus(mp.surveySaved);
              void load();
            }}
          />
        )}
        {status === mp.surveySaved && <p className="msg ok">{mp.surveySaved}</p>}
      </section>

      {(curator || pair.mine) && (
        <p>
          <Link href={`/boards/${pair.boardId}`}>{messagesFor(locale).kinds.pairs}</Link>
        </p>
      )}

      {dialog === 'meeting' && chosen && (
        <MeetingDialog
          pair={{ id: pair.id, title, startedOn: pair.startedOn }}
          kind={chosen}
          skipped={skipped}
          goals={chosen === 'final' ? goals : undefined}
          today={today}
          mp={mp}
          onSaved={() => {
            setDialog(null);
            setKind('');
            setStatus(mp.meetingSaved);
            void load();
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'end' && (
        <EndPairDialog
          pair={{ id: pair.id, title }}
          today={today}
          mp={mp}
          onDone={() => {
            setDialog(null);
            setStatus(mp.ended);
            void load();
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
