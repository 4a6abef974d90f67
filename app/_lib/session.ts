import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { getUser, loadPrincipal } from '@/db/queries/users';
import type { Principal } from '@/lib/permissions';
import { authOptions } from '@/server/auth/next-auth';

export type SessionUser = { id: string; name: string; email: string; principal: Principal };

/**
 * The signed-in user with its roles read fresh from the database, or null. Cached per
 * request: the layout and the page both ask, and the session and roles are read once.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const db = getDb();
  const [principal, user] = await Promise.all([loadPrincipal(db, id), getUser(db, id)]);
  if (!principal || !user) return null;
  return { id, name: user.name, email: user.email, principal };
});
