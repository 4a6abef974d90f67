'use server';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { changeOwnPassword } from '@/db/queries/accounts';
import { AppError } from '@/lib/errors';
import { parseInput, PasswordChange } from '@/lib/validation';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/client-address';
import { signInThrottle } from '@/server/auth/throttle';
import { asUser, type ActionState } from './result';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/**
 * The signed-in user changes its own password. Wrong current passwords count with the
 * sign-in throttle: a session left open on a shared computer is no way to guess it.
 */
export async function changeOwnPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return asUser(async (user) => {
    if (text(form, 'newPassword') !== text(form, 'repeatPassword')) {
      throw new AppError('INVALID_INPUT', 'the new passwords differ', { fields: ['repeatPassword'] });
    }
    // Checked before the throttle counts anything: a too-short new password is no guess.
    const input = parseInput(PasswordChange, { currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword') });
    const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
    const throttle = signInThrottle();
    if (!throttle.attempt(user.email, address).allowed) throw new AppError('THROTTLED');
    await changeOwnPassword(getDb(), user.id, input);
    throttle.succeeded(user.email, address);
  });
}
