'use client';
import Link from 'next/link';
import { forwardRef, useId, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { pairInput } from '@/lib/pairs/forming';
import { DEFAULT_FORMS } from '@/lib/people/types';
import { api } from '../api';

export type Prefill = { mentorId: string; mentorName: string | null; menteeIds: string[]; menteeNames: Record<string, string | null>; form: string };
export type PairFormHandle = { fill: (p: Prefill) => void };

type Option = { id: string; name: string };

/**
 * «Сформировать пару» by hand: a mentor from the approved mentors with places left, one or
 * more waiting mentees (several make a group), the form, the role model and the rhythm.
 * A suggestion's «Изменить» fills it in. A refusal (over capacity, a withdrawn consent…) is
 * shown in the server's words and nothing typed is lost.
 */
export const PairForm = forwardRef<PairFormHandle, { orgId: string; mentors: (Option & { left: number })[]; mentees: Option[]; mp: Messages['pairs']; onCreated: () => void }>(function PairForm(
  { orgId, mentors, mentees, mp, onCreated },
  handle,
) {
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const mentorRef = useRef<HTMLSelectElement>(null);
  const [mentorId, setMentorId] = useState('');
  const [menteeIds, setMenteeIds] = useState<string[]>([]);
  const [form, setForm] = useState<string>(DEFAULT_FORMS[1]);
  const [roleModel, setRoleModel] = useState('');
  const [rhythm, setRhythm] = useState('');
  const [search, setSearch] = useState('');
  const [extra, setExtra] = useState<{ mentor?: Option; mentees: Option[] }>({ mentees: [] });
  const [error, setError] = useState<{ message: string; fields: string[] } | null>(null);
  const [created, setCreated] = useState<{ id: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useImperativeHandle(handle, () => ({
    fill(p) {
      setMentorId(p.mentorId);
      setMenteeIds(p.menteeIds);
      setForm(p.form);
      // A suggestion's people stay choosable even when the lists were loaded before.
      setExtra({
        mentor: mentors.some((x) => x.id === p.mentorId) ? undefined : { id: p.mentorId, name: p.mentorName ?? mp.hiddenName },
        mentees: p.menteeIds.filter((x) => !mentees.some((y) => y.id === x)).map((x) => ({ id: x, name: p.menteeNames[x] ?? mp.hiddenName })),
      });
      setError(null);
      setCreated(null);
      if (details.current) details.current.open = true;
      details.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      setTimeout(() => mentorRef.current?.focus(), 0);
    },
  }));

  const mentorList: (Option & { left?: number })[] = [...(extra.mentor ? [extra.mentor] : []), ...mentors];
  const menteeList = [...extra.mentees, ...mentees];
  const needle = search.trim().toLowerCase();
  const shownMentees = needle ? menteeList.filter((x) => x.name.toLowerCase().includes(needle) || menteeIds.includes(x.id)) : menteeList;
  const forms = [...new Set([...DEFAULT_FORMS, form].filter(Boolean))];
  const bad = (f: string) => (error?.fields.includes(f) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setCreated(null);
    const body = pairInput({ mentorId, menteeIds, form, roleModel, rhythmDays: rhythm });
    const missing = [...(!mentorId ? ['mentorId'] : []), ...(menteeIds.length === 0 ? ['menteeIds'] : []), ...(!body.form ? ['form'] : []), ...(Number.isNaN(body.rhythmDays) ? ['rhythmDays'] : [])];
    if (missing.length) {
      const texts: Record<string, string> = { mentorId: mp.mentorPick, menteeIds: mp.menteesPick, form: mp.form, rhythmDays: mp.rhythmDays };
      setError({ message: mp.fillIn(missing.map((f) => texts[f]).join(', ')), fields: missing });
      return;
    }
    setBusy(true);
    const res = await api<{ id: string; cardId?: string }>(`/api/orgs/${orgId}/pairs`, mp, { method: 'POST', body });
    setBusy(false);
    if (!res.ok) return setError({ message: res.message, fields: res.fields ?? [] });
    setError(null);
    setCreated({ id: res.data.id });
    setMentorId('');
    setMenteeIds([]);
    setRoleModel('');
    setRhythm('');
    setExtra({ mentees: [] });
    onCreated();
  };

  return (
    <details ref={details} className="add-person" data-testid="pair-form-details">
      <summary>{mp.byHand}</summary>
      <form className="form person-form" onSubmit={submit} noValidate data-testid="pair-form" aria-describedby={`${id}-err`}>
        <div className="form-grid">
          <label>
            {mp.mentorPick}
            <select ref={mentorRef} value={mentorId} onChange={(e) => setMentorId(e.target.value)} required {...bad('mentorId')}>
              <option value="">{mp.choose}</option>
              {mentorList.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.left !== undefined ? mp.capacityLeft(x.name, x.left) : x.name}
                </option>
              ))}
            </select>
            {mentors.length === 0 && <span className="hint">{mp.noMentors}</span>}
          </label>
          <label>
            {mp.form}
            <select value={form} onChange={(e) => setForm(e.target.value)} {...bad('form')}>
              {forms.map((f) => (
                <option key={f} value={f}>{f}</option>
              ))}
            </select>
          </label>
          <label>
            {mp.roleModel}
            <input value={roleModel} maxLength={200} onChange={(e) => setRoleModel(e.target.value)} {...bad('roleModel')} />
          </label>
          <label>
            {mp.rhythmDays}
            <input type="number" min={1} max={90} inputMode="numeric" placeholder="14" value={rhythm} onChange={(e) => setRhythm(e.target.value)} {...bad('rhythmDays')} />
          </label>
        </div>
        <fieldset {...bad('menteeIds')}>
          <legend>{mp.menteesPick}</legend>
          <p className="hint">{mp.menteesHint}</p>
          {menteeList.length > 8 && (
            <label>
              {mp.findByName}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
          )}
          {menteeList.length === 0 ? (
            <p className="hint">{mp.noMentees}</p>
          ) : (
            <div className="multi-select" data-testid="mentee-options">
              {shownMentees.map((x) => (
                <label key={x.id}>
                  <input type="checkbox" checked={menteeIds.includes(x.id)} onChange={(e) => setMenteeIds(e.target.checked ? [...menteeIds, x.id] : menteeIds.filter((y) => y !== x.id))} />
                  {x.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? mp.saving : mp.create}
          </button>
        </div>
        <div id={`${id}-err`} aria-live="polite">
          {error && (
            <p className="msg error" role="alert" data-testid="pair-form-error">
              {error.message}
            </p>
          )}
          {created && (
            <p className="msg ok" role="status" data-testid="pair-created">
              {mp.created} <Link href={`/pairs/${created.id}`}>{mp.openPair}</Link>
            </p>
          )}
        </div>
      </form>
    </details>
  );
});
