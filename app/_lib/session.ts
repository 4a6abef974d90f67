import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { sessionAccount } from '@/db/queries/accounts';
import { loadPrincipal } from '@/db/queries/users';
import type { Principal } from '@/lib/permissions';
import { authOptions } from '@/server/auth/next-auth';

export type SessionUser = { id: string; name: string; email: string; principal: Principal };

/**
 * The signed-in user with its roles read fresh from the database, or null (also for a
 * disabled account and a session ended by a password change). Cached per request: the
 * layout and the page both ask, and the session and roles are read once.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const { id, sv } = (session?.user ?? {}) as { id?: string; sv?: number };
  if (!id) return null;
  const db = getDb();
  const user = await sessionAccount(db, id, typeof sv === 'number' ? sv : 0);
  const principal = user && (await loadPrincipal(db, id));
  if (!user || !principal) return null;
  return { id, name: user.name, email: user.email, principal };
});
