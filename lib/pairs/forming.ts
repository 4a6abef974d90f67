import { capacityLeft } from './rules';
import type { PairInput, PairStatus, PairSummary } from './types';

/*
 * Pure decisions of «Пары и группы» (the curator's page): whom the by-hand form offers, how
 * suggestions become pairs (one by one or all at once, in batches for the progress bar), the
 * ranked preferences list, the pairs an order names by default, and the list's filters.
 */

/** A bank row as GET /api/orgs/<orgId>/people returns it (the fields used here). */
export type BankPerson = {
  id: string;
  fullName: string;
  status: string; // candidate | approved | in_pair | left
  capacity?: number | null;
  forms?: string[];
  erased?: boolean;
  consent: { valid: boolean };
};

const ru = (a: string, b: string) => a.localeCompare(b, 'ru');
const active = (pairs: readonly PairSummary[]) => pairs.filter((p) => p.status === 'active');

/** Approved mentors with a valid consent and a place left (capacity minus mentees in active pairs), by name. */
export function mentorOptions(mentors: readonly BankPerson[], pairs: readonly PairSummary[]): { id: string; name: string; left: number; forms: string[] }[] {
  const taken = new Map<string, number>();
  for (const p of active(pairs)) taken.set(p.mentor.personId, (taken.get(p.mentor.personId) ?? 0) + p.mentees.length);
  return mentors
    .filter((x) => !x.erased && x.consent.valid && (x.status === 'approved' || x.status === 'in_pair'))
    .map((x) => ({ id: x.id, name: x.fullName, left: capacityLeft(x.capacity ?? null, taken.get(x.id) ?? 0), forms: x.forms ?? [] }))
    .filter((x) => x.left > 0)
    .sort((a, b) => ru(a.name, b.name));
}

/** Approved mentees with a valid consent who are in no active pair, by name. */
export function menteeOptions(mentees: readonly BankPerson[], pairs: readonly PairSummary[]): { id: string; name: string; forms: string[] }[] {
  const paired = new Set(active(pairs).flatMap((p) => p.mentees.map((x) => x.personId)));
  return mentees
    .filter((x) => !x.erased && x.consent.valid && x.status === 'approved' && !paired.has(x.id))
    .map((x) => ({ id: x.id, name: x.fullName, forms: x.forms ?? [] }))
    .sort((a, b) => ru(a.name, b.name));
}

/** The by-hand form's fields as typed → the request body (rhythm empty: the server's default). */
export function pairInput(f: { mentorId: string; menteeIds: string[]; form: string; roleModel: string; rhythmDays: string }): PairInput {
  const rhythm = f.rhythmDays.trim();
  return {
    mentorId: f.mentorId,
    menteeIds: [...new Set(f.menteeIds)],
    form: f.form.trim(),
    roleModel: f.roleModel.trim() || null,
    ...(rhythm ? { rhythmDays: /^\d+$/.test(rhythm) ? Number(rhythm) : Number.NaN } : {}),
  };
}

export type SuggestionLike = { mentorId: string; menteeId: string; form: string };
export type AcceptPair = { mentorId: string; menteeIds: string[]; form: string };

/**
 * Suggestions → the pairs to create. Each suggestion is a pair of its own; with `group`, one
 * mentor's mentees in the same form become one group. `of[i]` lists the indexes of the
 * suggestions each pair came from, so a refusal can be shown at them.
 */
export function acceptPairs(suggestions: readonly SuggestionLike[], group: boolean): { pairs: AcceptPair[]; of: number[][] } {
  const pairs: AcceptPair[] = [];
  const of: number[][] = [];
  const byKey = new Map<string, number>();
  suggestions.forEach((s, i) => {
    const key = `${s.mentorId}\u0000${s.form}`;
    const at = group ? byKey.get(key) : undefined;
    if (at !== undefined) {
      if (!pairs[at].menteeIds.includes(s.menteeId)) pairs[at].menteeIds.push(s.menteeId);
      of[at].push(i);
      return;
    }
    byKey.set(key, pairs.length);
    pairs.push({ mentorId: s.mentorId, menteeIds: [s.menteeId], form: s.form });
    of.push([i]);
  });
  return { pairs, of };
}

/** A list in batches of `size` (the accept-all progress moves a batch at a time). */
export function batches<T>(list: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('batch size must be positive');
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// Preferences: a ranked list of person ids (first = most preferred).

export function moveRank(list: readonly string[], index: number, delta: -1 | 1): string[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

export const addPreferred = (list: readonly string[], id: string, self: string): string[] => (id && id !== self && !list.includes(id) ? [...list, id] : [...list]);

export const removePreferred = (list: readonly string[], id: string): string[] => list.filter((x) => x !== id);

/** The pairs an order names unless the curator says otherwise: active pairs that have no order yet. */
export const defaultOrderPairIds = (pairs: readonly PairSummary[]): string[] => pairs.filter((p) => p.status === 'active' && !p.order).map((p) => p.id);

/** GET /api/orgs/<orgId>/pairs/order?number=&date=&pairIds=a,b (the DOCX). */
export function orderUrl(orgId: string, o: { number: string; date: string; pairIds: readonly string[] }): string {
  const q = new URLSearchParams({ number: o.number, date: o.date, pairIds: o.pairIds.join(',') });
  return `/api/orgs/${encodeURIComponent(orgId)}/pairs/order?${q}`;
}

export type PairsListFilter = { status: '' | PairStatus; form: string; mentorId: string };

export function filterPairs(pairs: readonly PairSummary[], f: PairsListFilter): PairSummary[] {
  return pairs.filter((p) => (!f.status || p.status === f.status) && (!f.form || p.form === f.form) && (!f.mentorId || p.mentor.personId === f.mentorId)).sort((a, b) => a.number - b.number);
}

/**
 * One person's ranked choices from GET /api/orgs/<orgId>/preferences: rows
 * `{personId, preferredId, rank}` (all of the organisation's, or under `preferences`), or
 * `{personId, preferred: [...]}` (one person's, already ranked).
 */
export function preferredFrom(data: unknown, personId: string): string[] {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as { preferred?: unknown; preferences?: unknown; personId?: unknown };
    if (Array.isArray(o.preferred) && (o.personId === undefined || o.personId === personId)) return o.preferred.filter((x): x is string => typeof x === 'string');
    if (Array.isArray(o.preferences)) return preferredFrom(o.preferences, personId);
    return [];
  }
  if (!Array.isArray(data)) return [];
  const rows = data.filter((r): r is { personId: string; preferredId: string; rank: number } => !!r && typeof r === 'object' && r.personId === personId && typeof r.preferredId === 'string');
  if (rows.length === 0) {
    const one = data.find((r) => r && typeof r === 'object' && r.personId === personId && Array.isArray(r.preferred));
    return one ? preferredFrom(one, personId) : [];
  }
  return rows.sort((a, b) => (Number(a.rank) || 0) - (Number(b.rank) || 0)).map((r) => r.preferredId);
}
