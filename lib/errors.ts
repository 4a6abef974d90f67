// Errors a user can cause. `code` is stable (API clients rely on it); the UI shows the
// message for the code in the user's language (lib/i18n), never the raw text.
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_INPUT',
  'SLUG_TAKEN',
  'EMAIL_TAKEN',
  'THROTTLED',
  // A roadmap document that cannot be imported (lib/import).
  'IMPORT_EMPTY',
  'IMPORT_TOO_LARGE',
  'IMPORT_UNSUPPORTED',
  'IMPORT_UNREADABLE',
  'IMPORT_NO_TABLE',
  // Accounts (own password change).
  'WRONG_PASSWORD',
  // Import: parsing in the worker pool (server/import-pool) ran out of time, or the pool is full.
  'IMPORT_TIMEOUT',
  'IMPORT_BUSY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  SLUG_TAKEN: 409,
  EMAIL_TAKEN: 409,
  THROTTLED: 429,
  IMPORT_EMPTY: 400,
  IMPORT_TOO_LARGE: 413,
  IMPORT_UNSUPPORTED: 415,
  IMPORT_UNREADABLE: 422,
  IMPORT_NO_TABLE: 422,
  WRONG_PASSWORD: 403,
  // Import: worker pool
  IMPORT_TIMEOUT: 422,
  IMPORT_BUSY: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof Error && err.name === 'AppError' && 'code' in err;
}
