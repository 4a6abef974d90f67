// GET /api/health – liveness and which stores are in use; "degraded" while board writes
// wait in memory for an unreachable database (they are retried, nothing is dropped).
import { NextResponse } from 'next/server';
import { getHealth } from '@/server/health';

export const dynamic = 'force-dynamic';

export function GET() {
  const health = getHealth();
  if (!health) return NextResponse.json({ status: 'starting' }, { status: 503 });
  const persistence = health.persistence?.();
  if (persistence && persistence.state !== 'ok') {
    return NextResponse.json({ status: 'degraded', db: health.db, redis: health.redis, persistence });
  }
  return NextResponse.json({ status: 'ok', db: health.db, redis: health.redis });
}
