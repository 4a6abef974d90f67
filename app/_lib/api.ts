import 'server-only';
import { NextResponse } from 'next/server';
import { isAppError } from '@/lib/errors';
import { isImportError, type ImportErrorCode } from '@/lib/import/types';

const IMPORT_STATUS: Record<ImportErrorCode, number> = {
  IMPORT_EMPTY: 400,
  IMPORT_TOO_LARGE: 413,
  IMPORT_UNSUPPORTED: 415,
  IMPORT_UNREADABLE: 422,
  IMPORT_NO_TABLE: 422,
};

/** Errors as `{error: {code, message}}` with the code's status; unknown errors as 500. */
export function apiError(err: unknown): NextResponse {
  if (isAppError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message, ...err.details } }, { status: err.status });
  }
  if (isImportError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message } }, { status: IMPORT_STATUS[err.code] });
  }
  console.error('[tropa] api error', err);
  return NextResponse.json({ error: { code: 'INTERNAL', message: 'internal error' } }, { status: 500 });
}
