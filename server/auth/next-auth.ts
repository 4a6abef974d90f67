import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../../db';
import { findUserByEmail } from '../../db/queries/users';
import { dummyHash, verifyPassword } from '../../lib/auth/password';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { signInThrottle } from './throttle';


type Credentials = Record<'email' | 'password', string> | undefined;

/**
 * Checks a password sign-in. Returns the user, null for a wrong email or password (the
 * caller cannot tell which), or throws Error('THROTTLED') after too many failures.
 */
export async function authorizeCredentials(credentials: Credentials, headers: Record<string, string | undefined>) {
  const email = String(credentials?.email ?? '').trim().toLowerCase();
  const password = String(credentials?.password ?? '');
  const address = headers[CLIENT_ADDRESS_HEADER] ?? 'unknown';
  const throttle = signInThrottle();
  if (!throttle.check(email, address).allowed) throw new Error('THROTTLED');

  const user = email && password ? await findUserByEmail(getDb(), email) : undefined;
  // Verify against a dummy hash for unknown accounts: the response time tells nothing.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok || user.disabledAt) {
    throttle.failed(email, address);
    return null;
  }
  throttle.succeeded(email);
  return { id: user.id, email: user.email, name: user.name };
}

export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  // The secret comes from NEXTAUTH_SECRET, which server/ sets at start (see auth/secret.ts).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials, req) => authorizeCredentials(credentials, (req?.headers ?? {}) as Record<string, string | undefined>),
    }),
  ],
  callbacks: {
    // JWT sessions carry the user id in `sub`; roles are read fresh from the database.
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
