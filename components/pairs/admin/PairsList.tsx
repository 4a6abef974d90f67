'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ruDate } from '@/lib/people/view';
import { filterPairs, type PairsListFilter } from '@/lib/pairs/forming';
import { pairFilterOptions } from '@/lib/board/pair-filters';
import { PAIR_STATUSES, type PairSummary } from '@/lib/pairs/types';
import { MentorJournal, pairTitle } from '../PairParts';

/** The organisation's pairs and groups with their filters (status, form, mentor); each links to its page. */
export function PairsList({ pairs, mp, orgId }: { pairs: PairSummary[]; mp: Messages['pairs']; orgId?: string }) {
  const [f, setF] = useState<PairsListFilter>({ status: '', form: '', mentorId: '' });
  const options = useMemo(() => pairFilterOptions(pairs), [pairs]);
  const shown = filterPairs(pairs, f);
  const name = (n: string | null) => n ?? mp.hiddenName;
  return (
    <>
      <form className="bank-filters" role="search" aria-label={mp.filters} onSubmit={(e) => e.preventDefault()}>
        <label>
          {mp.status}
          <select value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as PairsListFilter['status'] })}>
            <option value="">{mp.anyStatus}</option>
            {PAIR_STATUSES.map((s) => (
              <option key={s} value={s}>{mp.statuses[s]}</option>
            ))}
          </select>
        </label>
        <label>
          {mp.form}
          <select value={f.form} onChange={(e) => setF({ ...f, form: e.target.value })}>
            <option value="">{mp.anyForm}</option>
            {options.forms.map((x) => (
              <option key={x} value={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {mp.mentor}
          <select value={f.mentorId} onChange={(e) => setF({ ...f, mentorId: e.target.value })}>
            <option value="">{mp.anyMentor}</option>
            {options.mentors.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
      </form>
      {orgId && f.mentorId && <MentorJournal orgId={orgId} personId={f.mentorId} name={options.mentors.find((x) => x.id === f.mentorId)?.name ?? mp.hiddenName} mp={mp} />}
      {shown.length === 0 ? (
        <p>{mp.noPairs}</p>
      ) : (
        <div className="table-scroll">
          <table className="table bank-table" data-testid="pairs-table">
            <caption aria-live="polite">{mp.listCaption(shown.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{mp.cols.number}</th>
                <th scope="col">{mp.cols.mentor}</th>
                <th scope="col">{mp.cols.mentees}</th>
                <th scope="col">{mp.cols.form}</th>
                <th scope="col">{mp.cols.stage}</th>
                <th scope="col">{mp.cols.status}</th>
                <th scope="col" className="num">{mp.cols.meetings}</th>
                <th scope="col">{mp.cols.last}</th>
                <th scope="col">{mp.cols.order}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id} data-pair={p.id}>
                  <th scope="row">
                    <Link href={`/pairs/${p.id}`}>{pairTitle(p, mp)}</Link>
                  </th>
                  <td>{name(p.mentor.name)}</td>
                  <td>{p.mentees.map((x) => name(x.name)).join(', ')}</td>
                  <td>{p.form}</td>
                  <td>{mp.stages[p.stage] ?? p.stage}</td>
                  <td>
                    {mp.statuses[p.status] ?? p.status}
                    {p.stalled && (
                      <>
                        {' '}
                        <span className="badge warn">⚠ {mp.stalled(p.rhythmDays)}</span>
                      </>
                    )}
                  </td>
                  <td className="num">{p.meetingsHeld}</td>
                  <td>{ruDate(p.lastMeetingOn)}</td>
                  <td>{p.order ? mp.orderRef(p.order.number, ruDate(p.order.date)) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
