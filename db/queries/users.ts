import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { getBoardFor } from './boards';
import { ownPairPeople } from '../../lib/board/pairs';
import { loadBoardPairAccounts } from './board-pairs';
import { can, peopleScope, type Principal } from '../../lib/permissions';
import { AppError } from '../../lib/errors';
import { Email, MembershipInput, NewUser, parseInput } from '../../lib/validation';
import { hashPassword } from '../../lib/auth/password';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { isUniqueViolation } from '../errors';
import { memberships, userKeys, users, type User } from '../schema';
import { newPersonKey, seal } from '../../lib/people/pd-crypto';
import { actorId, orgPath, type Actor } from './organisations';
import { notifyPrincipalChanged } from '../../server/realtime/revocation';

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'locale'>;
const publicColumns = { id: users.id, email: users.email, name: users.name, locale: users.locale };

export async function loadPrincipal(db: Db, userId: string): Promise<Principal | null> {
  const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const rows = await db.select({ orgId: memberships.orgId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
  return { id: user.id, memberships: rows };
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const parsed = Email.safeParse(email);
  if (!parsed.success) return undefined;
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data));
  return user;
}

export async function getUser(db: Db, id: string): Promise<PublicUser | undefined> {
  const [user] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return user;
}

// An unknown organisation is refused like a foreign one: the answer tells a caller nothing.
async function assertManages(db: Db, actor: Actor, orgId: string) {
  if ('system' in actor) return;
  const path = await orgPath(db, orgId);
  if (path.length === 0 || !can(actor, 'user.manage', { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
}

/**
 * Creates an account and its first role in one transaction: either both exist afterwards
 * or neither does (a taken email leaves nothing half-created).
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: unknown,
  firstRole: { orgId: string; role: MembershipInput['role'] },
): Promise<PublicUser> {
  const data = parseInput(NewUser, input);
  const role = parseInput(MembershipInput.omit({ userId: true }), firstRole);
  await assertManages(db, actor, role.orgId);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: data.email, name: data.name, passwordHash }).returning(publicColumns);
      await tx.insert(memberships).values({ userId: user.id, orgId: role.orgId, role: role.role });
      // The account's name and email enter the audit sealed with its own key (erasable, lib/people/pd-crypto.ts).
      const key = newPersonKey();
      await tx.insert(userKeys).values({ userId: user.id, key });
      await appendAudit(tx, {
        actorId: actorId(actor),
        orgId: role.orgId,
        boardId: null,
        type: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { role: role.role, pd: seal(key, user.id, { email: user.email, name: user.name }) },
      });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN', 'email is taken');
    throw err;
  }
}

/** Gives a user a role in an organisation (an invitation of an existing account). */
export async function grantRole(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(MembershipInput, input);
  await assertManages(db, actor, data.orgId);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, data.userId));
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const inserted = await tx.insert(memberships).values(data).onConflictDoNothing().returning();
    if (inserted.length === 0) return;
    await appendAudit(tx, {
      actorId: actorId(actor),
      orgId: data.orgId,
      boardId: null,
      type: 'membership.granted',
      entityType: 'user',
      entityId: data.userId,
      after: { role: data.role },
    });
  });
  await notifyPrincipalChanged(data.userId);
}

/**
 * Invites an existing account by its email. Authorises on the organisation before the email
 * is looked up: to anyone who may not invite there, a known and an unknown email look alike.
 */
export async function grantRoleByEmail(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(MembershipInput.omit({ userId: true }).extend({ email: z.string().max(254) }), input);
  await assertManages(db, actor, data.orgId);
  const invited = await findUserByEmail(db, data.email);
  if (!invited) throw new AppError('NOT_FOUND', 'no such user', { fields: ['email'] });
  await grantRole(db, actor, { userId: invited.id, orgId: data.orgId, role: data.role });
}

/** Checks a role may be taken away, then deletes it; returns whether it existed. */
async function takeRole(db: Db, actor: Actor, data: MembershipInput): Promise<boolean> {
  if (!('system' in actor) && actor.id === data.userId && data.role === 'admin') {
    throw new AppError('INVALID_INPUT', 'an admin cannot take away its own admin role', { fields: ['role'] });
  }
  const deleted = await db
    .delete(memberships)
    .where(and(eq(memberships.userId, data.userId), eq(memberships.orgId, data.orgId), eq(memberships.role, data.role)))
    .returning();
  return deleted.length > 0;
}

export async function revokeRole(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(MembershipInput, input);
  await assertManages(db, actor, data.orgId);
  await db.transaction(async (tx) => {
    if (!(await takeRole(tx, actor, data))) return;
    await appendAudit(tx, {
      actorId: actorId(actor),
      orgId: data.orgId,
      boardId: null,
      type: 'membership.revoked',
      entityType: 'user',
      entityId: data.userId,
      before: { role: data.role },
    });
  });
  // Open boards and feeds lose the role now, not at their next reconnect.
  await notifyPrincipalChanged(data.userId);
}

/** Replaces one role of a user in an organisation with another, in one transaction. */
export async function changeRole(db: Db, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(MembershipInput.extend({ to: MembershipInput.shape.role }), input);
  await assertManages(db, actor, data.orgId);
  if (data.role === data.to) return;
  await db.transaction(async (tx) => {
    if (!(await takeRole(tx, actor, data))) throw new AppError('NOT_FOUND', 'no such membership');
    await tx.insert(memberships).values({ userId: data.userId, orgId: data.orgId, role: data.to }).onConflictDoNothing();
    await appendAudit(tx, {
      actorId: actorId(actor),
      orgId: data.orgId,
      boardId: null,
      type: 'membership.changed',
      entityType: 'user',
      entityId: data.userId,
      before: { role: data.role },
      after: { role: data.to },
    });
  });
  await notifyPrincipalChanged(data.userId);
}

export type MemberRow = PublicUser & { orgId: string; role: MembershipInput['role']; disabled: boolean };

/** Members of the given organisations, for the admin page. */
export async function listMembers(db: Db, orgIds: string[]): Promise<MemberRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .select({ ...publicColumns, orgId: memberships.orgId, role: memberships.role, disabledAt: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.orgId, orgIds))
    .orderBy(asc(users.name))
    .then((rows) => rows.map(({ disabledAt, ...row }) => ({ ...row, disabled: disabledAt !== null })));
}

/**
 * Names for a board's "responsible" and comment authors: the people who hold a role on its
 * organisation or above, for those who edit or audit the board or manage its users; a
 * mentor gets only itself and the accounts of its own pairs' people (from the pairs tables,
 * never from card fields); anyone else is refused (DESIGN.md, "Personal data").
 */
export async function listBoardPeople(db: Db, principal: Principal | null, boardId: string): Promise<{ id: string; name: string }[]> {
  const board = await getBoardFor(db, principal, boardId);
  const scope = peopleScope(principal, board.resource);
  if (scope === 'none') throw new AppError('FORBIDDEN');
  // A mentor: itself and the accounts of its own pairs' people, from the pairs tables.
  const only = scope === 'own-pairs' ? [...ownPairPeople(await loadBoardPairAccounts(db, board.id), principal!.id)] : null;
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.orgId, [...board.resource.orgPath]), only ? inArray(users.id, only) : undefined))
    .orderBy(asc(users.name));
}
