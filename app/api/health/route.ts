// GET /api/health – liveness and which stores are in use
import { NextResponse } from 'next/server';
import { getHealth } from '@/server/health';

export const dynamic = 'force-dynamic';

export function GET() {
  const health = getHealth();
  if (!health) return NextResponse.json({ status: 'starting' }, { status: 503 });
  return NextResponse.json({ status: 'ok', db: health.db, redis: health.redis });
}
