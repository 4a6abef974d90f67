'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { createOrganisation } from '@/db/queries/organisations';
import { resetPassword, setAccountDisabled } from '@/db/queries/accounts';
import { changeRole, createUser, grantRoleByEmail, revokeRole } from '@/db/queries/users';
import { asUser, type ActionState } from './result';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser(async (user) => {
    await createUser(
      getDb(),
      user.principal,
      { email: text(form, 'email'), name: text(form, 'name'), password: text(form, 'password') },
      { orgId: text(form, 'orgId'), role: text(form, 'role') as never },
    );
  });
  if (state?.ok) revalidatePath('/admin');
  return state;
}

export async function grantRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) =>
    grantRoleByEmail(getDb(), user.principal, { email: text(form, 'email'), orgId: text(form, 'orgId'), role: text(form, 'role') }),
  );
  if (state?.ok) revalidatePath('/admin');
  return state;
}

export async function revokeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) =>
    revokeRole(getDb(), user.principal, { userId: text(form, 'userId'), orgId: text(form, 'orgId'), role: text(form, 'role') }),
  );
  if (state?.ok) revalidatePath('/admin');
  return state;
}

export async function changeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) =>
    changeRole(getDb(), user.principal, { userId: text(form, 'userId'), orgId: text(form, 'orgId'), role: text(form, 'role'), to: text(form, 'to') }),
  );
  if (state?.ok) revalidatePath('/admin');
  return state;
}

export async function createOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser(async (user) => {
    await createOrganisation(getDb(), user.principal, {
      parentId: text(form, 'parentId'),
      kind: text(form, 'kind'),
      name: text(form, 'name'),
      slug: text(form, 'slug'),
    });
  });
  if (state?.ok) revalidatePath('/', 'layout');
  return state;
}

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) => resetPassword(getDb(), user.principal, { userId: text(form, 'userId'), password: text(form, 'password') }));
  if (state?.ok) revalidatePath('/admin');
  return state;
}

export async function setAccountDisabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) =>
    setAccountDisabled(getDb(), user.principal, { userId: text(form, 'userId'), disabled: text(form, 'disabled') === 'true' }),
  );
  if (state?.ok) revalidatePath('/', 'layout');
  return state;
}
