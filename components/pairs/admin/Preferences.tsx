'use client';
import { useId, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { addPreferred, moveRank, preferredFrom, removePreferred } from '@/lib/pairs/forming';
import { api } from '../api';

type Option = { id: string; name: string };

/**
 * Preferences after a group meeting: for one person, whom it would prefer, ranked (a mentee
 * names mentors, a mentor names mentees). Up/down buttons reorder (a keyboard and a finger
 * both reach them); «Сохранить» sends the whole ranked list.
 */
export function Preferences({ orgId, mentors, mentees, mp }: { orgId: string; mentors: Option[]; mentees: Option[]; mp: Messages['pairs'] }) {
  const id = useId();
  const [personId, setPersonId] = useState('');
  const [list, setList] = useState<string[]>([]);
  const [adding, setAdding] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const isMentor = mentors.some((x) => x.id === personId);
  const candidates = isMentor ? mentees : mentors;
  const everyone = [...mentors, ...mentees];
  const nameOf = (pid: string) => everyone.find((x) => x.id === pid)?.name ?? mp.hiddenName;

  const choose = async (pid: string) => {
    setPersonId(pid);
    setList([]);
    setStatus(null);
    setAdding('');
    if (!pid) return;
    const res = await api<unknown>(`/api/orgs/${orgId}/preferences?personId=${encodeURIComponent(pid)}`, mp);
    if (res.ok) setList(preferredFrom(res.data, pid));
    else setStatus({ ok: false, text: res.message });
  };
  const save = async () => {
    setBusy(true);
    const res = await api(`/api/orgs/${orgId}/preferences`, mp, { method: 'PUT', body: { personId, preferred: list } });
    setBusy(false);
    setStatus(res.ok ? { ok: true, text: mp.prefsSaved } : { ok: false, text: res.message });
  };

  return (
    <div data-testid="preferences">
      <p className="hint">{mp.prefIntro}</p>
      <label className="field">
        {mp.prefPerson}
        <select value={personId} onChange={(e) => void choose(e.target.value)}>
          <option value="">{mp.choose}</option>
          <optgroup label={mp.mentees}>
            {mentees.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </optgroup>
          <optgroup label={mp.mentor}>
            {mentors.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </optgroup>
        </select>
      </label>
      {personId && (
        <section aria-labelledby={`${id}-h`}>
          <h3 id={`${id}-h`}>{mp.prefList(nameOf(personId))}</h3>
          {list.length === 0 ? (
            <p className="hint">{mp.prefEmpty}</p>
          ) : (
            <ol className="pref-list" data-testid="pref-list">
              {list.map((pid, i) => (
                <li key={pid}>
                  <span>{nameOf(pid)}</span>
                  <button type="button" className="small" disabled={i === 0} onClick={() => setList(moveRank(list, i, -1))} aria-label={mp.moveUp(nameOf(pid))}>
                    ↑
                  </button>
                  <button type="button" className="small" disabled={i === list.length - 1} onClick={() => setList(moveRank(list, i, 1))} aria-label={mp.moveDown(nameOf(pid))}>
                    ↓
                  </button>
                  <button type="button" className="small" onClick={() => setList(removePreferred(list, pid))} aria-label={mp.removeOne(nameOf(pid))}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
          <div className="inline-fields form">
            <label>
              {mp.prefAdd}
              <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{mp.choose}</option>
                {candidates
                  .filter((x) => x.id !== personId && !list.includes(x.id))
                  .map((x) => (
                    <option key={x.id} value={x.id}>{x.name}</option>
                  ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!adding}
              onClick={() => {
                setList(addPreferred(list, adding, personId));
                setAdding('');
              }}
            >
              {mp.add}
            </button>
          </div>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={save}>
              {busy ? mp.saving : mp.savePrefs}
            </button>
          </div>
        </section>
      )}
      <div aria-live="polite">
        {status && (
          <p className={`msg ${status.ok ? 'ok' : 'error'}`} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </p>
        )}
      </div>
    </div>
  );
}
