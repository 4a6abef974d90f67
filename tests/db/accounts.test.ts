import { randomUUID } from 'node:crypto';
import { and, eq, asc } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Db } from '../../db/client';
import { changeOwnPassword, countPublicPasswordAccounts, resetPassword, sessionAccount, setAccountDisabled } from '../../db/queries/accounts';
import { SYSTEM } from '../../db/queries/organisations';
import { createUser, findUserByEmail, grantRoleByEmail, loadPrincipal } from '../../db/queries/users';
import { demoEmail, seedDemo } from '../../db/seed-demo';
import { auditEvents, organisations, users } from '../../db/schema';
import { verifyPassword } from '../../lib/auth/password';
import { DEMO_ORGS } from '../../lib/demo/content';
import type { Role } from '../../lib/permissions';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

async function account(db: Db, role: Role) {
  const user = (await findUserByEmail(db, demoEmail(role)))!;
  return user;
}

const orgId = async (db: Db, slug: string) => (await db.select().from(organisations).where(eq(organisations.slug, slug)))[0]!.id;

describe.each(testDatabases())('accounts ($name)', (target) => {
  const t = useTestDb(target);

  t('an admin disables an account: no principal, no session; enabling does not revive old sessions; both audited', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const admin = await demoPrincipal(db, 'admin');
    const mentor = await account(db, 'mentor');
    expect(await sessionAccount(db, mentor.id, 0)).not.toBeNull();

    await setAccountDisabled(db, admin, { userId: mentor.id, disabled: true });
    expect(await loadPrincipal(db, mentor.id)).toBeNull();
    expect(await sessionAccount(db, mentor.id, 0)).toBeNull();
    expect(await sessionAccount(db, mentor.id, 1)).toBeNull();

    await setAccountDisabled(db, admin, { userId: mentor.id, disabled: false });
    expect(await loadPrincipal(db, mentor.id)).not.toBeNull();
    expect(await sessionAccount(db, mentor.id, 0)).toBeNull();
    expect(await sessionAccount(db, mentor.id, 1)).not.toBeNull();

    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, mentor.id), eq(auditEvents.entityType, 'user'))).orderBy(asc(auditEvents.id));
    const school = await orgId(db, DEMO_ORGS.school.slug);
    expect(rows.filter((r) => r.type.startsWith('user.')).map((r) => [r.type, r.actorId, r.orgId])).toEqual([
      ['user.created', null, school],
      ['user.disabled', admin.id, school],
      ['user.enabled', admin.id, school],
    ]);
  });

  t('only an admin over every organisation of the account may act on it; unknown and foreign accounts get the same answer', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const admin = await demoPrincipal(db, 'admin');
    const curator = await demoPrincipal(db, 'curator');
    const head = await account(db, 'head');
    const school = await orgId(db, DEMO_ORGS.school.slug);
    const schoolAdminUser = await createUser(db, SYSTEM, { email: 'school-admin@x.ru', name: 'Админ школы', password: 'long-enough-1' }, { orgId: school, role: 'admin' });
    const schoolAdmin = (await loadPrincipal(db, schoolAdminUser.id))!;

    for (const userId of [head.id, randomUUID()]) {
      await expect(setAccountDisabled(db, curator, { userId, disabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(resetPassword(db, curator, { userId, password: 'new-password-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setAccountDisabled(db, admin, { userId: userId === head.id ? randomUUID() : userId, disabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The head holds its role in the municipality, above the school's admin.
    await expect(setAccountDisabled(db, schoolAdmin, { userId: head.id, disabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setAccountDisabled(db, admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(resetPassword(db, admin, { userId: admin.id, password: 'new-password-1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await loadPrincipal(db, head.id)).not.toBeNull();
  });

  t('a reset sets the password, ends sessions, clears the public mark, and the audit holds no secret', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const admin = await demoPrincipal(db, 'admin');
    const member = await account(db, 'member');
    expect(await countPublicPasswordAccounts(db)).toBe(7);
    await resetPassword(db, admin, { userId: member.id, password: 'brand-new-secret' });
    const [after] = await db.select().from(users).where(eq(users.id, member.id));
    expect(await verifyPassword(after.passwordHash, 'brand-new-secret')).toBe(true);
    expect(await verifyPassword(after.passwordHash, 'tropa-demo')).toBe(false);
    expect(after.sessionVersion).toBe(1);
    expect(after.passwordPublic).toBe(false);
    expect(await countPublicPasswordAccounts(db)).toBe(6);
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, member.id), eq(auditEvents.type, 'user.password_reset')));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/brand-new-secret|argon2/);
  });

  t('a user changes its own password only with the current one; its sessions end', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const viewer = await account(db, 'viewer');
    await expect(changeOwnPassword(db, viewer.id, { currentPassword: 'wrong', newPassword: 'viewer-secret-2' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(changeOwnPassword(db, viewer.id, { currentPassword: 'tropa-demo', newPassword: 'short' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await changeOwnPassword(db, viewer.id, { currentPassword: 'tropa-demo', newPassword: 'viewer-secret-2' });
    expect(await sessionAccount(db, viewer.id, 0)).toBeNull();
    expect(await sessionAccount(db, viewer.id, 1)).not.toBeNull();
    expect(await countPublicPasswordAccounts(db)).toBe(6);
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, viewer.id), eq(auditEvents.type, 'user.password_changed')));
    expect(rows.map((r) => r.actorId)).toEqual([viewer.id]);
  });

  t('inviting by email authorises first: to a non-admin a known and an unknown email look alike', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const admin = await demoPrincipal(db, 'admin');
    const mentor = await demoPrincipal(db, 'mentor');
    const school = await orgId(db, DEMO_ORGS.school.slug);
    for (const email of [demoEmail('head'), 'nobody@nowhere.ru']) {
      await expect(grantRoleByEmail(db, mentor, { email, orgId: school, role: 'viewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(grantRoleByEmail(db, admin, { email, orgId: randomUUID(), role: 'viewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(grantRoleByEmail(db, admin, { email: 'nobody@nowhere.ru', orgId: school, role: 'viewer' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await grantRoleByEmail(db, admin, { email: demoEmail('head'), orgId: school, role: 'viewer' });
  });
});
