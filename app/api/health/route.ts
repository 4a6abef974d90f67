// GET /api/health – liveness and which stores are in use; "degraded" while board writes
// wait in memory for an unreachable database (they are retried, nothing is dropped).
// Anyone may ask, so it says only how things stand: the reason of a failure goes to the log
// and to a signed-in administrator, and never with the values of the failed statement.
import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { redactDbText } from '@/db/error-text';
import { getHealth } from '@/server/health';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

// Health must answer even while the database hangs: an admin's details wait this long at most
// (only a request with a session cookie, while degraded, waits at all; monitors send none).
const ADMIN_CHECK_MS = 2_000;

async function isAdmin(): Promise<boolean> {
  const jar = await cookies();
  if (!jar.getAll().some((c) => c.name.includes('next-auth.session-token'))) return false;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ADMIN_CHECK_MS).unref());
  const user = await Promise.race([currentUser().catch(() => null), timeout]);
  return !!user?.principal.memberships.some((m) => m.role === 'admin');
}

export async function GET() {
  const health = getHealth();
  if (!health) return NextResponse.json({ status: 'starting' }, { status: 503 });
  const persistence = health.persistence?.();
  if (persistence && persistence.state !== 'ok') {
    const { state, pendingUpdates, lastError } = persistence;
    const details = lastError && (await isAdmin()) ? { lastError: redactDbText(lastError) } : {};
    return NextResponse.json({ status: 'degraded', db: health.db, redis: health.redis, persistence: { state, pendingUpdates, ...details } });
  }
  return NextResponse.json({ status: 'ok', db: health.db, redis: health.redis });
}
