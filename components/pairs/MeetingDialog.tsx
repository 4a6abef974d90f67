'use client';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { checkMeeting, meetingInput, newDraft, type GoalRow, type MeetingCheck, type MeetingDraft } from '@/lib/pairs/moves';
import { MEETING_FORMATS, type Goal, type MeetingKind, type PairStage } from '@/lib/pairs/types';
import { Modal } from '../ui/Modal';
import { api } from './api';
import { DialogFoot } from './DialogParts';

type Props = {
  pair: { id: string; title: string; startedOn?: string | null };
  kind: MeetingKind;
  /** the stages a drop passes over: a reason is then required */
  skipped: PairStage[];
  /** the pair's plan, for an итоговая встреча (fetched when not given) */
  goals?: Goal[];
  today: string;
  mp: Messages['pairs'];
  onSaved: (meetingId: string | null) => void;
  onCancel: () => void;
};

let rowKey = 0;
const nextKey = () => `g${++rowKey}`;

/**
 * «Запись о встрече»: date (today by default, Moscow), format, summary, next steps, the
 * mentor's rating; the plan's goals at встреча-планирование, their outcome at the итоговая;
 * a reason when the move skips a stage. Nothing is sent until it passes the same checks the
 * server makes; a refusal is shown inside the dialog in the server's words, and everything
 * typed stays. Cancel sends nothing: the card never left its column.
 */
export function MeetingDialog({ pair, kind, skipped, goals: givenGoals, today, mp, onSaved, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<MeetingDraft>(() => newDraft(kind, today));
  const [goals, setGoals] = useState<Goal[] | null>(kind === 'final' ? (givenGoals ?? null) : []);
  const [problems, setProblems] = useState<MeetingCheck[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [askReason, setAskReason] = useState(skipped.length > 0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (kind !== 'final' || givenGoals) return;
    let live = true;
    void api<{ goals?: Goal[] }>(`/api/pairs/${pair.id}`, mp).then((res) => {
      if (!live) return;
      setGoals(res.ok && Array.isArray(res.data?.goals) ? res.data.goals : []);
      if (!res.ok) setServerError(res.message);
    });
    return () => {
      live = false;
    };
  }, [kind, givenGoals, pair.id, mp]);

  const set = (patch: Partial<MeetingDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setGoal = (key: string, text: string) => set({ goals: draft.goals.map((g) => (g.key === key ? { ...g, text } : g)) });
  const goalIds = (goals ?? []).map((g) => g.id);
  const problemOf = (field: MeetingCheck['field']) => problems.find((p) => p.field === field);
  const errId = (field: string) => `${id}-${field}-err`;
  const mark = (field: MeetingCheck['field']) =>
    problemOf(field) ? { 'aria-invalid': true as const, 'aria-describedby': errId(field) } : {};
  const fieldError = (field: MeetingCheck['field']) => {
    const p = problemOf(field);
    return p ? (
      <span id={errId(field)} className="field-error">
        {mp.problems[p.problem]}
      </span>
    ) : null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = checkMeeting(draft, { today, startedOn: pair.startedOn ?? null, needsReason: askReason, goalIds });
    setProblems(found);
    setServerError(null);
    if (found.length) {
      // The first field in error takes the focus, so its message is read.
      const first = document.getElementById(`${id}-${found[0].field}`);
      first?.focus();
      return;
    }
    setBusy(true);
    const res = await api<{ id?: string }>(`/api/pairs/${pair.id}/meetings`, mp, { method: 'POST', body: meetingInput(draft, goalIds) });
    setBusy(false);
    if (res.ok) return onSaved(typeof res.data?.id === 'string' ? res.data.id : null);
    setServerError(res.message);
    if (res.fields?.includes('reason')) setAskReason(true);
  };

  const kindTitle = mp.kinds[kind] ?? kind;
  return (
    <Modal title={mp.meetingTitle} onClose={onCancel} className="meeting-dialog" testId="meeting-dialog" closeLabel={mp.close} describedBy={`${id}-what`}>
      <p id={`${id}-what`} className="dialog-sub">
        {mp.meetingOf(kindTitle, pair.title)}
      </p>
      <form className="form meeting-form" onSubmit={submit} noValidate>
        <label>
          {mp.heldOn}
          <input id={`${id}-heldOn`} type="date" required max={today} value={draft.heldOn} onChange={(e) => set({ heldOn: e.target.value })} {...mark('heldOn')} />
          {fieldError('heldOn')}
        </label>
        <fieldset className="radios">
          <legend>{mp.format}</legend>
          {MEETING_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name={`${id}-format`} value={f} checked={draft.format === f} onChange={() => set({ format: f })} />
              {mp.formats[f]}
            </label>
          ))}
        </fieldset>
        <label>
          {mp.summary}
          <textarea rows={3} maxLength={4000} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
        </label>
        <label>
          {mp.nextSteps}
          <textarea rows={2} maxLength={4000} value={draft.nextSteps} onChange={(e) => set({ nextSteps: e.target.value })} />
        </label>
        <label>
          {mp.mentorRating}
          <select id={`${id}-rating`} value={draft.rating} onChange={(e) => set({ rating: e.target.value })} {...mark('rating')}>
            <option value="">—</option>
            {Array.from({ length: 10 }, (_, i) => String(i + 1)).map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
          {fieldError('rating')}
        </label>

        {kind === 'planning' && (
          <fieldset className="goals-edit" id={`${id}-goals`} tabIndex={-1} {...mark('goals')}>
            <legend>{mp.goals}</legend>
            <p className="hint">{mp.goalsHint}</p>
            <ol>
              {draft.goals.map((g: GoalRow, i) => (
                <li key={g.key}>
                  <input aria-label={mp.goal(i + 1)} maxLength={500} value={g.text} onChange={(e) => setGoal(g.key, e.target.value)} />
                  <button type="button" className="small" onClick={() => set({ goals: draft.goals.filter((x) => x.key !== g.key) })} aria-label={mp.removeGoal(i + 1)}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" className="small" onClick={() => set({ goals: [...draft.goals, { key: nextKey(), text: '' }] })}>
              {mp.addGoal}
            </button>
            {fieldError('goals')}
          </fieldset>
        )}

        {kind === 'final' && (
          <fieldset className="goals-mark" id={`${id}-goals`} tabIndex={-1} {...mark('goals')}>
            <legend>{mp.reachedLegend}</legend>
            {goals === null ? (
              <p className="hint" role="status">{mp.loading}</p>
            ) : goals.length === 0 ? (
              <p className="hint">{mp.noGoals}</p>
            ) : (
              <ul>
                {goals.map((g) => (
                  <li key={g.id}>
                    <fieldset className="radios goal-reached">
                      <legend>{g.text}</legend>
                      {(['yes', 'no'] as const).map((v) => (
                        <label key={v}>
                          <input type="radio" name={`${id}-goal-${g.id}`} value={v} checked={draft.reached[g.id] === v} onChange={() => set({ reached: { ...draft.reached, [g.id]: v } })} />
                          {v === 'yes' ? mp.yes : mp.no}
                        </label>
                      ))}
                    </fieldset>
                  </li>
                ))}
              </ul>
            )}
            {fieldError('goals')}
          </fieldset>
        )}

        {askReason && (
          <label>
            {mp.reason}
            {skipped.length > 0 && <span className="hint">{mp.skipHint(skipped.map((s) => `«${mp.stages[s]}»`).join(', '))}</span>}
            <textarea id={`${id}-reason`} rows={2} maxLength={2000} required value={draft.reason} onChange={(e) => set({ reason: e.target.value })} {...mark('reason')} />
            {fieldError('reason')}
          </label>
        )}

        <DialogFoot error={serverError} errorTestId="meeting-error" busy={busy} label={mp.save} mp={mp} onCancel={onCancel} disabled={kind === 'final' && goals === null} sticky />
      </form>
    </Modal>
  );
}
