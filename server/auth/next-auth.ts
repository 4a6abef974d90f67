import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../../db';
import { findUserByEmail } from '../../db/queries/users';
import { dummyHash, verifyPassword } from '../../lib/auth/password';
import { safeLocalPath } from '../../lib/http/safe-path';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { tokenSessionVersion } from './session';
import { signInThrottle } from './throttle';


type Credentials = Record<'email' | 'password', string> | undefined;

/**
 * Checks a password sign-in. Returns the user, null for a wrong email or password or a
 * disabled account (the caller cannot tell which), or throws Error('THROTTLED') while the
 * throttle asks this email or address to wait (lib/auth/throttle.ts).
 */
export async function authorizeCredentials(credentials: Credentials, headers: Record<string, string | undefined>) {
  const email = String(credentials?.email ?? '').trim().toLowerCase();
  const password = String(credentials?.password ?? '');
  const address = headers[CLIENT_ADDRESS_HEADER] ?? 'unknown';
  const throttle = signInThrottle();
  // Counted before the hash is checked, so parallel guesses cannot all slip through.
  if (!throttle.attempt(email, address).allowed) throw new Error('THROTTLED');

  const user = email && password ? await findUserByEmail(getDb(), email) : undefined;
  // Verify against a dummy hash for unknown accounts: the response time tells nothing.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok || user.disabledAt) return null;
  throttle.succeeded(email, address);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
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
    // JWT sessions carry the user id in `sub` and the account's session version at sign-in
    // in `sv`; roles, and whether the session still stands, are read fresh from the database.
    jwt({ token, user }) {
      if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sv: tokenSessionVersion(token) });
      return session;
    },
    // Only paths of this site, whatever callbackUrl said.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
      return `${baseUrl}${safeLocalPath(path)}`;
    },
  },
};
