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
  // People, banks and consents (issue 13): refusals of the data, 422 with the reason.
  'UNPROCESSABLE',
  'PERSON_DUPLICATE',
  'PERSON_ERASED',
  'PROCESSING_STOPPED',
  'BIRTH_DATE_FUTURE',
  'AGE_ABSURD',
  'CONSENT_REQUIRED',
  'CONSENT_GUARDIAN_REQUIRED',
  'CONSENT_GUARDIAN_DETAILS',
  'CONSENT_DATE_FUTURE',
  'CONSENT_TERM_INVALID',
  'CONSENT_BEFORE_BIRTH',
  'BANK_FILE_INVALID',
  // Pairs and meetings (issue 14): refusals of the data, 422 with the reason.
  'PAIR_CONSENT_REQUIRED',
  'MENTOR_OVER_CAPACITY',
  'MENTEE_ALREADY_PAIRED',
  'NOT_APPROVED_IN_BANK',
  'PAIR_NOT_ACTIVE',
  'PAIR_CONSENT_WITHDRAWN',
  'REASON_REQUIRED',
  'MEETING_IN_FUTURE',
  'MEETING_BEFORE_START',
  'MEETING_ALREADY_HELD',
  'MEETING_STAGE_PASSED',
  'RATING_OUT_OF_RANGE',
  'FINAL_MEETING_REQUIRED',
  // History (issue 15): a DOCX extract of the event log holds a bounded number of events.
  'EXTRACT_TOO_LARGE',
  // History (issue 15): a restore that has nothing to restore (the card exists, the field has that value, a pair card).
  'RESTORE_NOT_APPLICABLE',
  // Reports (issue 16).
  'REPORT_SIGNED',
  'REPORT_NOT_SIGNED',
  'ROUND_INVALID',
  'CONTINGENT_INVALID',
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
  // People, banks and consents
  UNPROCESSABLE: 422,
  PERSON_DUPLICATE: 422,
  PERSON_ERASED: 422,
  PROCESSING_STOPPED: 422,
  BIRTH_DATE_FUTURE: 422,
  AGE_ABSURD: 422,
  CONSENT_REQUIRED: 422,
  CONSENT_GUARDIAN_REQUIRED: 422,
  CONSENT_GUARDIAN_DETAILS: 422,
  CONSENT_DATE_FUTURE: 422,
  CONSENT_TERM_INVALID: 422,
  CONSENT_BEFORE_BIRTH: 422,
  BANK_FILE_INVALID: 422,
  // Pairs and meetings
  PAIR_CONSENT_REQUIRED: 422,
  MENTOR_OVER_CAPACITY: 422,
  MENTEE_ALREADY_PAIRED: 422,
  NOT_APPROVED_IN_BANK: 422,
  PAIR_NOT_ACTIVE: 422,
  PAIR_CONSENT_WITHDRAWN: 422,
  REASON_REQUIRED: 422,
  MEETING_IN_FUTURE: 422,
  MEETING_BEFORE_START: 422,
  MEETING_ALREADY_HELD: 422,
  MEETING_STAGE_PASSED: 422,
  RATING_OUT_OF_RANGE: 422,
  FINAL_MEETING_REQUIRED: 422,
  // History
  EXTRACT_TOO_LARGE: 422,
  RESTORE_NOT_APPLICABLE: 409,
  // Reports
  REPORT_SIGNED: 409,
  REPORT_NOT_SIGNED: 409,
  ROUND_INVALID: 422,
  CONTINGENT_INVALID: 422,
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
