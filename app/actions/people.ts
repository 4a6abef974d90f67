'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import {
  createPerson,
  erasePerson,
  linkAccount,
  recordConsent,
  saveBankEntry,
  setBankStatus,
  updatePerson,
  withdrawConsent,
} from '@/db/queries/people';
import { consentFieldsOf, entryFieldsOf, newPersonInputOf, personFieldsOf } from '@/lib/people/view';
import { asUser, type ActionState } from './result';

// The banks' forms. Each verb authorises, validates, applies and audits inside db/queries/people.

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

function refresh(personId: string | null, orgId: string | null) {
  if (personId) revalidatePath(`/people/${personId}`);
  if (orgId) revalidatePath(`/orgs/${orgId}/people`);
}

/** Adds a person to a bank; on success opens the person's page (consents, approval). */
export async function createPersonAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const orgId = text(form, 'orgId');
  let id = '';
  const state = await asUser(async (user) => {
    id = (await createPerson(getDb(), user.principal, orgId, newPersonInputOf(form))).id;
  });
  if (!state?.ok) return state;
  refresh(null, orgId);
  redirect(`/people/${id}`);
}

export async function updatePersonAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  const state = await asUser(async (user) => {
    await updatePerson(getDb(), user.principal, personId, personFieldsOf(form));
  });
  if (state?.ok) refresh(personId, text(form, 'orgId'));
  return state;
}

export async function saveBankEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  const state = await asUser(async (user) => {
    await saveBankEntry(getDb(), user.principal, personId, entryFieldsOf(form, text(form, 'bank')));
  });
  if (state?.ok) refresh(personId, text(form, 'orgId'));
  return state;
}

export async function setBankStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  const state = await asUser(async (user) => {
    await setBankStatus(getDb(), user.principal, personId, { bank: text(form, 'bank'), status: text(form, 'status') });
  });
  if (state?.ok) refresh(personId, text(form, 'orgId'));
  return state;
}

export async function recordConsentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  const state = await asUser(async (user) => {
    await recordConsent(getDb(), user.principal, personId, consentFieldsOf(form, '', text(form, 'personName') || null));
  });
  if (state?.ok) refresh(personId, text(form, 'orgId'));
  return state;
}

export async function withdrawConsentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  let eraseDueOn: string | null = null;
  const state = await asUser(async (user) => {
    eraseDueOn = (await withdrawConsent(getDb(), user.principal, personId, { consentId: text(form, 'consentId') })).eraseDueOn;
  });
  if (!state?.ok) return state;
  refresh(personId, text(form, 'orgId'));
  return { ...state, data: { eraseDueOn } };
}

export async function erasePersonAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  let number = 0;
  const state = await asUser(async (user) => {
    number = (await erasePerson(getDb(), user.principal, personId, 'curator')).number;
  });
  if (!state?.ok) return state;
  refresh(personId, text(form, 'orgId'));
  return { ...state, data: { number } };
}

/** Links an account by email, or invites (creates) one: its one-time password is returned once, to this form only. */
export async function linkAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, 'personId');
  let result: { created: boolean; password?: string } = { created: false };
  const state = await asUser(async (user) => {
    result = await linkAccount(getDb(), user.principal, personId, { email: text(form, 'email') });
  });
  if (!state?.ok) return state;
  refresh(personId, null);
  return { ...state, data: { created: result.created, password: result.password ?? null } };
}
