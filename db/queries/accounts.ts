import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifyPrincipalChanged, notifySessionsEnded } from '../../server/realtime/revocation';
import { hashPassword, verifyPassword } from '../../lib/auth/password';
import { AppError } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { parseInput, Password, PasswordChange } from '../../lib/validation';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { memberships, users } from '../schema';
import { actorId, orgPath, type Actor } from './organisations';
import type { PublicUser } from './users';

// Accounts: sessions that still stand, passwords, disabling. Every verb authorises before it
// looks anything up, so a refused caller learns nothing about which accounts exist.

/**
 * The account behind a session, if the session still stands: the account exists, is not
 * disabled, and has not ended its sessions since this one began (a password change or
 * reset, or disabling, raises its session version).
 */
export async function sessionAccount(db: Db, userId: string, sessionVersion: number): Promise<PublicUser | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, locale: row.locale };
}

/** How many enabled accounts have a publicly known password (the demo's): the UI warns while any do. */
export async function countPublicPasswordAccounts(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(and(eq(users.passwordPublic, true), isNull(users.disabledAt)));
  return Number(row?.n ?? 0);
}

/** Marks accounts whose password is published (the demo seed). */
export async function markPasswordsPublic(db: Db, emails: string[]): Promise<void> {
  if (emails.length) await db.update(users).set({ passwordPublic: true }).where(inArray(users.email, emails));
}

/** One audit row in each organisation where the account holds a role (the admins and heads there read it). */
async function auditAccount(tx: Db, actor: Actor, userId: string, type: string, facts: { before?: unknown; after?: unknown }) {
  const orgs = await tx.selectDistinct({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId));
  for (const orgId of orgs.length ? orgs.map((o) => o.orgId) : [null]) {
    await appendAudit(tx, { actorId: actorId(actor), orgId, boardId: null, type, entityType: 'user', entityId: userId, ...facts });
  }
}

/**
 * An admin may act on an account only if it manages every organisation where the account
 * holds a role: a school's admin cannot disable the region's head. An account with no role,
 * or none at all, is refused alike (FORBIDDEN), so the answer tells nothing about it.
 */
async function assertManagesAccount(db: Db, actor: Actor, userId: string): Promise<void> {
  if ('system' in actor) return;
  const held = await db.selectDistinct({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId));
  if (held.length === 0) throw new AppError('FORBIDDEN');
  for (const { orgId } of held) {
    if (!can(actor, 'user.manage', { type: 'org', orgPath: await orgPath(db, orgId) })) throw new AppError('FORBIDDEN');
  }
}

const AccountRef = z.object({ userId: z.uuid() });
const NewPasswordFor = AccountRef.extend({ password: Password });

/** Ends every session of the account and (when the password changed) its public-password mark. */
const endSessions = { sessionVersion: sql`${users.sessionVersion} + 1` };

/** The signed-in user changes its own password; the current one is required. Ends its sessions. */
export async function changeOwnPassword(db: Db, userId: string, input: unknown): Promise<void> {
  const data = parseInput(PasswordChange, input);
  const [user] = await db.select({ passwordHash: users.passwordHash, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', 'the current password is wrong', { fields: ['currentPassword'] });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordPublic: false, ...endSessions }).where(eq(users.id, userId));
    await auditAccount(tx, { id: userId, memberships: [] }, userId, 'user.password_changed', {});
  });
  await notifySessionsEnded(userId);
}

/** An admin sets a new password for an account it manages (never its own: /account is for that). */
export async function resetPassword(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(NewPasswordFor, input);
  await assertManagesAccount(db, actor, data.userId);
  if (!('system' in actor) && actor.id === data.userId) throw new AppError('INVALID_INPUT', 'change your own password on /account', { fields: ['userId'] });
  const passwordHash = await hashPassword(data.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordPublic: false, ...endSessions }).where(eq(users.id, data.userId));
    await auditAccount(tx, actor, data.userId, 'user.password_reset', {});
  });
  await notifySessionsEnded(data.userId);
}

/**
 * Disables (or enables again) an account the admin manages. A disabled account cannot sign
 * in and its sessions end at once; enabling it does not bring them back.
 */
export async function setAccountDisabled(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(AccountRef.extend({ disabled: z.boolean() }), input);
  await assertManagesAccount(db, actor, data.userId);
  if (!('system' in actor) && actor.id === data.userId) throw new AppError('INVALID_INPUT', 'an admin cannot disable its own account', { fields: ['userId'] });
  const changed = await db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, data.userId)).for('update');
    if (!before || (before.disabledAt !== null) === data.disabled) return false;
    await tx
      .update(users)
      .set(data.disabled ? { disabledAt: new Date(), ...endSessions } : { disabledAt: null })
      .where(eq(users.id, data.userId));
    await auditAccount(tx, actor, data.userId, data.disabled ? 'user.disabled' : 'user.enabled', {
      before: { disabled: !data.disabled },
      after: { disabled: data.disabled },
    });
    return true;
  });
  if (changed) await notifyPrincipalChanged(data.userId); // disabled: every open connection closes
}
