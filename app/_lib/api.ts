import 'server-only';
import { NextResponse } from 'next/server';
import { loggableError } from '@/db/error-text';
import { AppError, isAppError } from '@/lib/errors';
import { readCappedBody } from './body';
import { currentUser } from './session';

/** Errors as `{error: {code, message}}` with the code's status; unknown errors as 500. */
export function apiError(err: unknown): NextResponse {
  if (isAppError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message, ...err.details } }, { status: err.status });
  }
  console.error(`[tropa] api error: ${loggableError(err)}`); // no statement parameters in the log
  return NextResponse.json({ error: { code: 'INTERNAL', message: 'internal error' } }, { status: 500 });
}

/** A JSON request body of at most `max` bytes (after authorising); a missing or broken body is UNPROCESSABLE. */
export async function readJsonBody(req: Request, max = 64 * 1024): Promise<unknown> {
  const bytes = await readCappedBody(req, max, () => new AppError('UNPROCESSABLE', 'body too large'));
  if (bytes.byteLength === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('UNPROCESSABLE', 'body is not JSON', { fields: ['(body)'] });
  }
}

/** The signed-in user's principal, or UNAUTHENTICATED. */
export async function requirePrincipal() {
  const user = await currentUser();
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}
