'use client';
import { useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { acceptPairs, batches, type AcceptPair } from '@/lib/pairs/forming';
import { api } from '../api';
import type { Prefill } from './PairForm';

export type SuggestionView = {
  mentorId: string;
  menteeId: string;
  form: string;
  score: number;
  reasons: { code: string; text: string }[];
  mentorName: string | null;
  menteeName: string | null;
};
type Unmatched = { menteeId: string; reason: string; menteeName?: string | null };
type AcceptReply = { created: { id: string; cardId?: string }[]; errors: { index: number; code: string; message: string }[] };

const BATCH = 10;
const keyOf = (s: SuggestionView) => `${s.mentorId}:${s.menteeId}`;

/**
 * «Предложения»: the matching's suggestions over everyone waiting, each with its reasons in
 * words. The curator accepts one, changes one (the by-hand form opens filled in), rejects one,
 * or accepts all — sent in batches with the progress shown; a pair the server refuses stays
 * in the list with the reason.
 */
export function Suggestions({ orgId, mp, onChange, onEdit }: { orgId: string; mp: Messages['pairs']; onChange: () => void; onEdit: (p: Prefill) => void }) {
  const [list, setList] = useState<SuggestionView[] | null>(null);
  const [unmatched, setUnmatched] = useState<Unmatched[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [group, setGroup] = useState(false);

  const load = async () => {
    setLoading(true);
    setError(null);
    setResult(null);
    const res = await api<{ suggestions?: SuggestionView[]; unmatched?: Unmatched[] }>(`/api/orgs/${orgId}/pairs/suggestions`, mp);
    setLoading(false);
    if (!res.ok) return setError(res.message);
    setList(Array.isArray(res.data?.suggestions) ? res.data.suggestions : []);
    setUnmatched(Array.isArray(res.data?.unmatched) ? res.data.unmatched : []);
    setErrors({});
  };

  /** Sends the pairs in batches; returns the keys of the suggestions that became pairs. */
  const send = async (items: SuggestionView[], asGroups: boolean) => {
    const { pairs, of } = acceptPairs(items, asGroups);
    const chunks = batches(
      pairs.map((p, i) => ({ p, i })),
      BATCH,
    );
    const accepted = new Set<string>();
    const failed: Record<string, string> = {};
    let done = 0;
    let created = 0;
    if (pairs.length > 1) setProgress({ done: 0, total: pairs.length });
    for (const chunk of chunks) {
      const res = await api<AcceptReply>(`/api/orgs/${orgId}/pairs/accept`, mp, { method: 'POST', body: { pairs: chunk.map((c) => c.p as AcceptPair) } });
      const refused = new Map<number, string>();
      if (res.ok) for (const e of res.data?.errors ?? []) refused.set(e.index, e.message);
      chunk.forEach((c, k) => {
        const message = res.ok ? refused.get(k) : res.message;
        if (!message) created++;
        for (const i of of[c.i]) {
          if (message) failed[keyOf(items[i])] = message;
          else accepted.add(keyOf(items[i]));
        }
      });
      done += chunk.length;
      if (pairs.length > 1) setProgress({ done, total: pairs.length });
      if (!res.ok && res.code === 'NETWORK') break; // the rest stays to be accepted again
    }
    setProgress(null);
    setErrors((e) => ({ ...e, ...failed }));
    setList((l) => (l ? l.filter((s) => !accepted.has(keyOf(s))) : l));
    setResult(mp.acceptedN(created));
    if (accepted.size) onChange();
  };

  const busy = progress !== null;
  return (
    <div data-testid="suggestions">
      <div className="button-row">
        <button type="button" onClick={load} disabled={loading || busy}>
          {loading ? mp.loading : mp.suggest}
        </button>
        {list && list.length > 0 && (
          <>
            <label className="check">
              <input type="checkbox" checked={group} onChange={(e) => setGroup(e.target.checked)} />
              {mp.groupByMentor}
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => list && send(list, group)} data-testid="accept-all">
              {mp.acceptAll}
            </button>
          </>
        )}
      </div>
      {progress && (
        <div role="status" aria-live="polite" className="notice" data-testid="accept-progress">
          <progress max={progress.total} value={progress.done} aria-label={mp.accepting(progress.done, progress.total)} /> {mp.accepting(progress.done, progress.total)}
        </div>
      )}
      {error && <p className="msg error" role="alert">{error}</p>}
      {result && !progress && <p className="msg ok" role="status" data-testid="accept-result">{result}</p>}
      {list && list.length === 0 && <p>{mp.noSuggestions}</p>}
      {list && list.length > 0 && (
        <>
          <h3 className="sr-only">{mp.suggestionsCaption(list.length)}</h3>
          <p className="hint">{mp.suggestionsCaption(list.length)}</p>
          <ul className="suggestions">
            {list.map((s) => {
              const title = `${s.mentorName ?? mp.hiddenName} → ${s.menteeName ?? mp.hiddenName}`;
              const err = errors[keyOf(s)];
              return (
                <li key={keyOf(s)} className="suggestion" data-testid="suggestion">
                  <div className="suggestion-head">
                    <strong>{title}</strong>
                    <span>{s.form}</span>
                    <span className="hint">
                      {mp.score}: {Math.round(s.score * 10) / 10}
                    </span>
                  </div>
                  {s.reasons.length > 0 && (
                    <ul className="reasons" aria-label={`${mp.reasons}: ${title}`}>
                      {s.reasons.map((r) => (
                        <li key={r.code + r.text}>{r.text}</li>
                      ))}
                    </ul>
                  )}
                  <div className="button-row">
                    <button type="button" className="small primary" disabled={busy} onClick={() => send([s], false)} aria-label={`${mp.accept}: ${title}`}>
                      {mp.accept}
                    </button>
                    <button
                      type="button"
                      className="small"
                      disabled={busy}
                      onClick={() => onEdit({ mentorId: s.mentorId, mentorName: s.mentorName, menteeIds: [s.menteeId], menteeNames: { [s.menteeId]: s.menteeName }, form: s.form })}
                      aria-label={`${mp.change}: ${title}`}
                    >
                      {mp.change}
                    </button>
                    <button type="button" className="small" disabled={busy} onClick={() => setList((l) => (l ? l.filter((x) => keyOf(x) !== keyOf(s)) : l))} aria-label={`${mp.reject}: ${title}`}>
                      {mp.reject}
                    </button>
                  </div>
                  {err && <p className="msg error" role="alert">{err}</p>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {unmatched.length > 0 && (
        <>
          <h3>{mp.unmatched}</h3>
          <ul data-testid="unmatched">
            {unmatched.map((u) => (
              <li key={u.menteeId}>
                {u.menteeName ?? mp.hiddenName} — {mp.unmatchedReasons[u.reason] ?? u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
