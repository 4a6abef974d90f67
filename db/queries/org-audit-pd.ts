import { and, isNotNull } from 'drizzle-orm';
import { mayReadPeople, peopleAccess, type Principal } from '../../lib/permissions';
import { ERASED, HIDDEN, isSealed, openSealed } from '../../lib/people/pd-crypto';
import type { Db } from '../client';
import { people, personKeys, userKeys, type AuditEvent } from '../schema';
import { anyOf } from './any-of';

/*
 * Personal values in audit rows as one reader may see them (DESIGN.md, "Personal data"): only
 * a role held in the row's own organisation — curator, admin or head there — opens them; a
 * head or curator above, and anyone else, gets {"$pd":"hidden"}; a value whose key was
 * destroyed (erasure) reads {"$pd":"erased"}. A row about a person (entityType 'person') is
 * sealed with the person's key, one about an account ('user') with the account's.
 *
 * Account rows written before the accounts' own keys (migration 0005) hold the account's name
 * and email in clear ('user.created' {email, name, role}); they cannot be rewritten (the trail
 * is append-only and hashed), so they are treated as if sealed: hidden from readers who may
 * not see them, and erased once the person the account belongs to is erased.
 */

const hasSealed = (v: unknown, depth = 0): boolean =>
  isSealed(v) ||
  (depth < 8 && v !== null && typeof v === 'object' && Object.values(v as Record<string, unknown>).some((x) => hasSealed(x, depth + 1)));

const CLEAR_ACCOUNT_FIELDS = ['name', 'email'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const clearAccountValues = (row: AuditEvent) =>
  row.type === 'user.created' && row.entityType === 'user' && isObject(row.after) && CLEAR_ACCOUNT_FIELDS.some((k) => typeof (row.after as Record<string, unknown>)[k] === 'string');

export type OpenedValues = {
  /** The rows whose values changed for this reader: their before and after as it may see them. */
  values: Map<number, { before: unknown; after: unknown }>;
  /** The people whose sealed values were opened, by organisation (for the access log). */
  opened: Map<string, Set<string>>;
};

export async function openPersonalValues(
  db: Db,
  principal: Principal,
  rows: readonly AuditEvent[],
  pathOf: (orgId: string | null) => readonly string[] | undefined,
): Promise<OpenedValues> {
  const mayRead = (row: AuditEvent) => {
    const path = pathOf(row.orgId);
    return !!path && mayReadPeople(peopleAccess(principal, path));
  };
  const personal = rows.filter((r) => hasSealed(r.before) || hasSealed(r.after) || clearAccountValues(r));
  const readable = personal.filter((r) => r.entityId && mayRead(r));
  const readableRows = new Set(readable);
  const ids = (type: string, pred: (r: AuditEvent) => boolean = () => true) => [...new Set(readable.filter((r) => r.entityType === type && pred(r)).map((r) => r.entityId!))];
  const personIds = ids('person');
  const userIds = ids('user');
  const clearIds = ids('user', clearAccountValues);
  const [pKeys, uKeys, erasedAccounts] = await Promise.all([
    personIds.length ? db.select().from(personKeys).where(anyOf(personKeys.personId, personIds, 'uuid')) : [],
    userIds.length ? db.select().from(userKeys).where(anyOf(userKeys.userId, userIds, 'uuid')) : [],
    clearIds.length
      ? db.select({ userId: people.userId }).from(people).where(and(anyOf(people.userId, clearIds, 'uuid'), isNotNull(people.erasedAt)))
      : [],
  ]);
  const personKey = new Map(pKeys.map((k) => [k.personId, k.key]));
  const userKey = new Map(uKeys.map((k) => [k.userId, k.key]));
  const erased = new Set(erasedAccounts.map((a) => a.userId));

  const values: OpenedValues['values'] = new Map();
  const opened: OpenedValues['opened'] = new Map();
  for (const row of personal) {
    const allowed = readableRows.has(row);
    const keyOf = (id: string) => {
      if (!allowed) return undefined;
      if (row.entityType === 'person') return personKey.get(id) ?? null;
      if (row.entityType === 'user') return userKey.get(id) ?? null;
      return undefined; // a sealed value in a row of another kind: nobody's key is known for it
    };
    let after = openSealed(row.after, row.entityId, keyOf);
    const before = openSealed(row.before, row.entityId, keyOf);
    if (clearAccountValues(row)) {
      const marker = !allowed ? HIDDEN : erased.has(row.entityId!) ? ERASED : null;
      if (marker) {
        const a = after as Record<string, unknown>;
        after = { ...a, ...Object.fromEntries(CLEAR_ACCOUNT_FIELDS.filter((k) => k in a).map((k) => [k, marker])) };
      }
    }
    values.set(row.id, { before, after });
    if (allowed && row.entityType === 'person' && row.orgId && personKey.has(row.entityId!) && (hasSealed(row.before) || hasSealed(row.after))) {
      (opened.get(row.orgId) ?? opened.set(row.orgId, new Set()).get(row.orgId)!).add(row.entityId!);
    }
  }
  return { values, opened };
}
