'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import {
  addIndicator,
  removeIndicator,
  reopenReport,
  setConclusions,
  setContingent,
  setIndicatorActual,
  setIndicatorLink,
  setRound,
  setSatisfactionSetting,
  signReport,
} from '@/db/queries/reports';
import type { Principal } from '@/lib/permissions';
import { asUser, type ActionState } from './result';

// The report page's forms (app/orgs/[orgId]/reports). Each verb authenticates, authorises
// ('report.edit' / 'report.sign'), validates, applies and audits inside db/queries/reports;
// here the form's fields only become the verb's input, and the page is read again.

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** '' → null (not entered); a number stays a number; anything else goes as typed, for the verb to refuse. */
function count(form: FormData, name: string): number | string | null {
  const v = text(form, name).trim().replace(/\s+/g, '').replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

function refresh(orgId: string) {
  revalidatePath(`/orgs/${orgId}/reports`);
}

/** Runs a verb for the org in the form's `orgId` and refreshes its report. */
async function onOrg(form: FormData, body: (principal: Principal, orgId: string) => Promise<unknown>): Promise<ActionState> {
  const orgId = text(form, 'orgId');
  const state = await asUser(async (user) => {
    await body(user.principal, orgId);
  });
  if (state?.ok) refresh(orgId);
  return state;
}

export async function setContingentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) =>
    setContingent(getDb(), p, orgId, text(form, 'round'), {
      students: count(form, 'students'),
      teachers: count(form, 'teachers'),
      youngSpecialists: count(form, 'youngSpecialists'),
      studentsBand: text(form, 'studentsBand').trim() || null,
    }),
  );
}

export async function setRoundAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) =>
    setRound(getDb(), p, orgId, { key: text(form, 'round'), from: text(form, 'from'), to: text(form, 'to'), forBelow: form.get('forBelow') === 'on' }),
  );
}

/** One form for every indicator's link: only the links that changed are written (each its own audited change). */
export async function setIndicatorLinksAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, async (p, orgId) => {
    for (const key of form.getAll('key').map(String)) {
      const link = text(form, `link:${key}`);
      if (link === text(form, `was:${key}`)) continue;
      await setIndicatorLink(getDb(), p, orgId, { key, link: link === '' ? null : link });
    }
  });
}

export async function setIndicatorActualAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) =>
    setIndicatorActual(getDb(), p, orgId, text(form, 'round'), { key: text(form, 'key'), value: count(form, 'value'), note: text(form, 'note').trim() || null }),
  );
}

/** An indicator by hand: its targets come as `target:YYYY` fields; empty years are left out. */
export async function addIndicatorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const targets: Record<string, number | string> = {};
  for (const [name] of form.entries()) {
    const year = /^target:(\d{4})$/.exec(name)?.[1];
    const value = year ? count(form, name) : null;
    if (year && value !== null) targets[year] = value;
  }
  return onOrg(form, (p, orgId) => addIndicator(getDb(), p, orgId, { title: text(form, 'title').trim(), unit: text(form, 'unit').trim() || null, targets }));
}

export async function removeIndicatorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) => removeIndicator(getDb(), p, orgId, text(form, 'key')));
}

export async function setSatisfactionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) => setSatisfactionSetting(getDb(), p, orgId, { formula: text(form, 'formula'), threshold: count(form, 'threshold') ?? 7 }));
}

export async function setConclusionsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) => setConclusions(getDb(), p, orgId, text(form, 'round'), text(form, 'conclusions')));
}

export async function signReportAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) => signReport(getDb(), p, orgId, text(form, 'round')));
}

export async function reopenReportAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return onOrg(form, (p, orgId) => reopenReport(getDb(), p, orgId, text(form, 'round'), text(form, 'reason').trim()));
}
