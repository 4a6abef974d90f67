import 'server-only';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { AppError } from '@/lib/errors';
import { loggableError } from '@/db/error-text';
import { currentUser, type SessionUser } from '../_lib/session';

export type ActionState =
  | { ok: true; at: number; data?: Record<string, string | number | boolean | null> }
  | { ok: false; code: ErrorCode | 'UNKNOWN'; fields?: string[]; existingId?: string; at: number }
  | null;

/**
 * Runs a server action's body for the signed-in user (authenticate first, always) and
 * turns errors into stable codes for the form to show; nothing the user typed is lost.
 */
export async function asUser(body: (user: SessionUser) => Promise<void>): Promise<ActionState> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED');
    await body(user);
    return { ok: true, at: Date.now() };
  } catch (err) {
    if (isAppError(err)) {
      // Only a duplicate's existing record id leaves the server (the form links to it); no other detail.
      const existingId = err.code === 'PERSON_DUPLICATE' && typeof err.details?.existingId === 'string' ? err.details.existingId : undefined;
      return { ok: false, code: err.code, fields: err.details?.fields as string[] | undefined, ...(existingId ? { existingId } : {}), at: Date.now() };
    }
    console.error(`[tropa] action failed: ${loggableError(err)}`); // no statement parameters in the log
    return { ok: false, code: 'UNKNOWN', at: Date.now() };
  }
}
