'use client';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { defaultOrderPairIds, orderUrl } from '@/lib/pairs/forming';
import type { PairSummary } from '@/lib/pairs/types';
import { api } from '../api';
import { pairTitle } from '../PairParts';

/**
 * «Приказ о закреплении наставнических пар (групп)»: number, date and which pairs (by default
 * the active ones without an order). Saving keeps the number and date on the pairs
 * (POST …/pairs/order), then the DOCX downloads (GET …/pairs/order?…).
 */
export function OrderForm({ orgId, pairs, today, mp, onSaved }: { orgId: string; pairs: PairSummary[]; today: string; mp: Messages['pairs']; onSaved: () => void }) {
  const id = useId();
  const activePairs = useMemo(() => pairs.filter((p) => p.status === 'active').sort((a, b) => a.number - b.number), [pairs]);
  const defaults = useMemo(() => defaultOrderPairIds(pairs), [pairs]);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(today);
  const [chosen, setChosen] = useState<string[] | null>(null); // null: the default choice
  const [error, setError] = useState<{ text: string; fields: string[] } | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = chosen ?? defaults;

  useEffect(() => setLink(null), [number, date, chosen]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const missing = [...(!number.trim() ? ['number'] : []), ...(!/^\d{4}-\d{2}-\d{2}$/.test(date) ? ['date'] : []), ...(ids.length === 0 ? ['pairIds'] : [])];
    if (missing.length) {
      const texts: Record<string, string> = { number: mp.orderNumber, date: mp.orderDate, pairIds: mp.orderPairs };
      return setError({ text: ids.length === 0 && missing.length === 1 ? mp.orderNone : mp.fillIn(missing.map((f) => texts[f]).join(', ')), fields: missing });
    }
    setBusy(true);
    const body = { number: number.trim(), date, pairIds: ids };
    const res = await api(`/api/orgs/${orgId}/pairs/order`, mp, { method: 'POST', body });
    setBusy(false);
    if (!res.ok) return setError({ text: res.message, fields: res.fields ?? [] });
    setError(null);
    const url = orderUrl(orgId, body);
    setLink(url);
    onSaved();
    window.location.assign(url); // an attachment: the page stays
  };
  const bad = (f: string) => (error?.fields.includes(f) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-msg` } : {});

  return (
    <form className="form person-form" onSubmit={submit} noValidate data-testid="order-form">
      <p className="hint">{mp.orderIntro}</p>
      <div className="form-grid">
        <label>
          {mp.orderNumber}
          <input value={number} maxLength={60} required onChange={(e) => setNumber(e.target.value)} {...bad('number')} />
        </label>
        <label>
          {mp.orderDate}
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} {...bad('date')} />
        </label>
      </div>
      <fieldset {...bad('pairIds')}>
        <legend>{mp.orderPairs}</legend>
        {activePairs.length === 0 ? (
          <p className="hint">{mp.noPairs}</p>
        ) : (
          <div className="multi-select">
            {activePairs.map((p) => (
              <label key={p.id}>
                <input type="checkbox" checked={ids.includes(p.id)} onChange={(e) => setChosen(e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id))} />
                {pairTitle(p, mp)}: {p.mentor.name ?? mp.hiddenName} → {p.mentees.map((x) => x.name ?? mp.hiddenName).join(', ')}
                {p.order && <span className="hint"> ({mp.order} {mp.orderRef(p.order.number, p.order.date.split('-').reverse().join('.'))})</span>}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? mp.saving : mp.orderMake}
        </button>
      </div>
      <div id={`${id}-msg`} aria-live="polite">
        {error && (
          <p className="msg error" role="alert" data-testid="order-error">
            {error.text}
          </p>
        )}
        {link && (
          <p className="msg ok" role="status" data-testid="order-saved">
            {mp.orderSaved}{' '}
            <a href={link} download>
              {mp.orderDownload}
            </a>
          </p>
        )}
      </div>
    </form>
  );
}
