'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { menteeOptions, mentorOptions, type BankPerson } from '@/lib/pairs/forming';
import type { PairSummary } from '@/lib/pairs/types';
import { api } from '../api';
import { OrderForm } from './OrderForm';
import { PairForm, type PairFormHandle } from './PairForm';
import { PairsList } from './PairsList';
import { Preferences } from './Preferences';
import { Suggestions } from './Suggestions';

/**
 * «Пары и группы» of one organisation: the list for whoever reads its people (head too), and
 * for its curator and administrator forming pairs by hand and from suggestions, the
 * preferences, and the order. Everything goes through the pairs API; names come only from it.
 */
export function PairsAdmin({ orgId, mayEdit, locale, today }: { orgId: string; mayEdit: boolean; locale: Locale; today: string }) {
  const mp = messagesFor(locale).pairs;
  const [pairs, setPairs] = useState<PairSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bank, setBank] = useState<{ mentors: BankPerson[]; mentees: BankPerson[] }>({ mentors: [], mentees: [] });
  const form = useRef<PairFormHandle>(null);

  const loadPairs = useCallback(async () => {
    const res = await api<PairSummary[]>(`/api/orgs/${orgId}/pairs`, mp);
    if (res.ok && Array.isArray(res.data)) {
      setPairs(res.data);
      setError(null);
    } else if (!res.ok) setError(res.message);
  }, [orgId, mp]);
  const loadBanks = useCallback(async () => {
    if (!mayEdit) return;
    const [mentors, mentees] = await Promise.all([
      api<BankPerson[]>(`/api/orgs/${orgId}/people?bank=mentor&consent=valid&limit=5000`, mp),
      api<BankPerson[]>(`/api/orgs/${orgId}/people?bank=mentee&consent=valid&status=approved&limit=5000`, mp),
    ]);
    setBank({ mentors: mentors.ok && Array.isArray(mentors.data) ? mentors.data : [], mentees: mentees.ok && Array.isArray(mentees.data) ? mentees.data : [] });
  }, [orgId, mayEdit, mp]);
  const reload = useCallback(() => {
    void loadPairs();
    void loadBanks();
  }, [loadPairs, loadBanks]);
  useEffect(reload, [reload]);

  const mentors = useMemo(() => mentorOptions(bank.mentors, pairs ?? []), [bank.mentors, pairs]);
  const mentees = useMemo(() => menteeOptions(bank.mentees, pairs ?? []), [bank.mentees, pairs]);

  return (
    <>
      {!mayEdit && <p className="notice">{mp.readOnly}</p>}
      {mayEdit && (
        <>
          <PairForm ref={form} orgId={orgId} mentors={mentors} mentees={mentees} mp={mp} onCreated={reload} />
          <section className="panel" aria-labelledby="pairs-suggestions">
            <h2 id="pairs-suggestions">{mp.suggestions}</h2>
            <Suggestions orgId={orgId} mp={mp} onChange={reload} onEdit={(p) => form.current?.fill(p)} />
          </section>
        </>
      )}
      <section className="panel" aria-labelledby="pairs-list">
        <h2 id="pairs-list">{mp.list}</h2>
        {error && <p className="msg error" role="alert">{error}</p>}
        {pairs === null && !error ? <p className="hint" role="status">{mp.loading}</p> : pairs && <PairsList pairs={pairs} mp={mp} orgId={orgId} />}
      </section>
      {mayEdit && (
        <>
          <section className="panel" aria-labelledby="pairs-order">
            <h2 id="pairs-order">{mp.orderTitle}</h2>
            <OrderForm orgId={orgId} pairs={pairs ?? []} today={today} mp={mp} onSaved={() => void loadPairs()} />
          </section>
          <section className="panel" aria-labelledby="pairs-prefs">
            <h2 id="pairs-prefs">{mp.preferences}</h2>
            <Preferences orgId={orgId} mentors={mentors} mentees={mentees} mp={mp} />
          </section>
        </>
      )}
    </>
  );
}
