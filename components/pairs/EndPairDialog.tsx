'use client';
import { useId, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import type { EndInput } from '@/lib/pairs/types';
import { Modal } from '../ui/Modal';
import { api } from './api';
import { DialogFoot, ReasonField } from './DialogParts';

/**
 * «Завершение пары»: completed (after the итоговая встреча) or terminated early with a
 * reason → POST /api/pairs/<id>/end. The card goes to «Завершено» when the server moves it;
 * the people return to the banks' waiting lists.
 */
export function EndPairDialog({ pair, today, mp, onDone, onCancel }: { pair: { id: string; title: string }; today: string; mp: Messages['pairs']; onDone: () => void; onCancel: () => void }) {
  const id = useId();
  const [outcome, setOutcome] = useState<EndInput['outcome']>('completed');
  const [endedOn, setEndedOn] = useState(today);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<'reason' | 'date' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endedOn) || endedOn > today) {
      setProblem('date');
      document.getElementById(`${id}-date`)?.focus();
      return;
    }
    if (outcome === 'terminated' && !reason.trim()) {
      setProblem('reason');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const body: EndInput = { outcome, endedOn, reason: reason.trim() || null };
    const res = await api(`/api/pairs/${pair.id}/end`, mp, { method: 'POST', body });
    setBusy(false);
    if (res.ok) onDone();
    else setError(res.message);
  };

  return (
    <Modal title={mp.endTitle} onClose={onCancel} className="meeting-dialog" testId="end-dialog" closeLabel={mp.close}>
      <p className="dialog-sub">{pair.title}</p>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="radios">
          <legend>{mp.outcome}</legend>
          {(['completed', 'terminated'] as const).map((o) => (
            <label key={o}>
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {mp.outcomes[o]}
            </label>
          ))}
        </fieldset>
        <label>
          {mp.endedOn}
          <input
            id={`${id}-date`}
            type="date"
            max={today}
            required
            value={endedOn}
            onChange={(e) => setEndedOn(e.target.value)}
            {...(problem === 'date' ? { 'aria-invalid': true, 'aria-describedby': `${id}-date-err` } : {})}
          />
          {problem === 'date' && <span id={`${id}-date-err`} className="field-error">{endedOn ? mp.problems.dateFuture : mp.problems.dateRequired}</span>}
        </label>
        <ReasonField id={id} label={mp.endReason} value={reason} onChange={setReason} required={outcome === 'terminated'} invalid={problem === 'reason'} mp={mp} />
        <DialogFoot error={error} errorTestId="end-error" busy={busy} label={mp.endPair} mp={mp} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

/** Moving a pair back to an earlier stage: the reason, then POST /api/pairs/<id>/stage. */
export function StageBackDialog({ pair, to, mp, onDone, onCancel }: { pair: { id: string; title: string }; to: string; mp: Messages['pairs']; onDone: () => void; onCancel: () => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    const res = await api(`/api/pairs/${pair.id}/stage`, mp, { method: 'POST', body: { stage: to, reason: reason.trim() } });
    setBusy(false);
    if (res.ok) onDone();
    else setError(res.message);
  };
  return (
    <Modal title={mp.backTitle} onClose={onCancel} className="meeting-dialog" testId="back-dialog" closeLabel={mp.close} describedBy={`${id}-text`}>
      <p id={`${id}-text`} className="dialog-sub">
        {mp.backText(pair.title, mp.stages[to] ?? to)}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <ReasonField id={id} label={mp.reason} value={reason} onChange={setReason} required invalid={missing} mp={mp} autoFocus />
        <DialogFoot error={error} errorTestId="back-error" busy={busy} label={mp.move} mp={mp} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
