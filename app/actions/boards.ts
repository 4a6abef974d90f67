'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { createBoard, renameBoard, setBoardArchived } from '@/db/queries/boards';
import { asUser, type ActionState } from './result';

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};

// Each verb authorises, validates, applies and audits inside db/queries/boards.
export async function createBoardAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) =>
    createBoard(getDb(), user.principal, {
      orgId: field(form, 'orgId'),
      kind: field(form, 'kind'),
      title: field(form, 'title') ?? '',
      periodFrom: field(form, 'periodFrom'),
      periodTo: field(form, 'periodTo'),
    }).then(() => undefined),
  );
  if (state?.ok) revalidatePath('/');
  return state;
}

export async function renameBoardAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await asUser((user) => renameBoard(getDb(), user.principal, String(form.get('boardId')), form.get('title')).then(() => undefined));
  if (state?.ok) revalidatePath('/');
  return state;
}

export async function archiveBoardAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const archived = form.get('archived') === '1';
  const state = await asUser((user) => setBoardArchived(getDb(), user.principal, String(form.get('boardId')), archived).then(() => undefined));
  if (state?.ok) revalidatePath('/');
  return state;
}
