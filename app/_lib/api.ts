import 'server-only';
import { NextResponse } from 'next/server';
import { loggableError } from '@/db/error-text';
import { isAppError } from '@/lib/errors';

/** Errors as `{error: {code, message}}` with the code's status; unknown errors as 500. */
export function apiError(err: unknown): NextResponse {
  if (isAppError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message, ...err.details } }, { status: err.status });
  }
  console.error(`[tropa] api error: ${loggableError(err)}`); // no statement parameters in the log
  return NextResponse.json({ error: { code: 'INTERNAL', message: 'internal error' } }, { status: 500 });
}
