import type { IncomingMessage } from 'node:http';
import { decode } from 'next-auth/jwt';
import { getDb, type Db } from '../../db';
import { sessionAccount } from '../../db/queries/accounts';

// next-auth's session cookie: the __Secure- name over https, the plain one over http.
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      jar.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed cookie is no session
    }
  }
  return jar;
}

function sessionToken(jar: Map<string, string>): string | undefined {
  for (const name of COOKIE_NAMES) {
    if (jar.has(name)) return jar.get(name);
    // next-auth splits a large token into name.0, name.1, …
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join('');
  }
  return undefined;
}

/** The session version a token was signed in at (tokens from before versions existed: 0). */
export const tokenSessionVersion = (token: Record<string, unknown> | null | undefined): number => (typeof token?.sv === 'number' ? token.sv : 0);

/** The signed-in user's id from a request's session cookie, or null (see sessionClaims). Never throws. */
export async function sessionUserId(req: Pick<IncomingMessage, 'headers'>, secret: string, db?: Db): Promise<string | null> {
  return (await sessionClaims(req, secret, db))?.userId ?? null;
}

/**
 * The session of a request: the user's id and when the session token runs out (ms since the
 * epoch, null if it never does), or null — also when the account is disabled or has ended
 * its sessions since this one began (db/queries/accounts). Long-lived connections close at
 * `expiresAt`. Never throws.
 */
export async function sessionClaims(req: Pick<IncomingMessage, 'headers'>, secret: string, db?: Db): Promise<{ userId: string; expiresAt: number | null } | null> {
  const token = sessionToken(parseCookies(req.headers.cookie));
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    if (!payload?.sub) return null;
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
    if (expiresAt !== null && expiresAt < Date.now()) return null;
    const account = await sessionAccount(db ?? getDb(), payload.sub, tokenSessionVersion(payload));
    return account ? { userId: account.id, expiresAt } : null;
  } catch {
    return null;
  }
}
