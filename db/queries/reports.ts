/*
 * Monitoring reports: rounds, contingents, indicator links and actuals, sign-off, and the
 * report itself gathered as of a round's end (DESIGN.md, "Monitoring and reports").
 * INTERFACE FIRST: the signatures below are the contract the UI and the API code against;
 * the bodies are being written (issue 16) and throw until then.
 */
import type { Db } from '../client';
import type { Principal } from '../../lib/permissions';
import type { Contingent, FigureKey, OrgReport, ReportApi, Round, RoundKey, RoundSource, SatisfactionSetting, SignOff } from '../../lib/reports/types';

const todo = (name: string): never => {
  throw new Error(`${name}: not written yet`);
};

export type RoundListItem = Round & { source: RoundSource; signed: boolean };

/** The rounds an organisation reports on (defaults, own and inherited), newest first, and the current one. 'report.read'. */
export async function listRounds(db: Db, principal: Principal | null, orgId: string, today?: string): Promise<{ rounds: RoundListItem[]; current: RoundKey }> {
  return todo('listRounds');
}

/** Sets a round's dates for the organisation, and with `forBelow` for every organisation below it (a region or municipality). 'report.edit'. */
export async function setRound(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<Round> {
  return todo('setRound');
}

/** The whole report for the page and the documents. 'report.read'. */
export async function getOrgReport(db: Db, principal: Principal | null, orgId: string, round: unknown, opts: { now?: Date } = {}): Promise<OrgReport> {
  return todo('getOrgReport');
}

/** DESIGN.md's stable shape. */
export async function reportApi(db: Db, principal: Principal | null, orgId: string, round: unknown): Promise<ReportApi> {
  return todo('reportApi');
}

/** {students?, teachers?, youngSpecialists?, studentsBand?} for a round. 'report.edit'; 409 REPORT_SIGNED when the round is signed. */
export async function setContingent(db: Db, actor: Principal | null, orgId: string, round: unknown, input: unknown): Promise<Contingent> {
  return todo('setContingent');
}

/** {formula: 'mean'|'share', threshold}. 'report.edit'. */
export async function setSatisfactionSetting(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<SatisfactionSetting> {
  return todo('setSatisfactionSetting');
}

/** {key, link: FigureKey|'manual'|null}. 'report.edit'. */
export async function setIndicatorLink(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<{ key: string; link: FigureKey | 'manual' | null }> {
  return todo('setIndicatorLink');
}

/** {title, unit?, targets: {year: number}}: an indicator added by hand. 'report.edit'. */
export async function addIndicator(db: Db, actor: Principal | null, orgId: string, input: unknown): Promise<{ key: string }> {
  return todo('addIndicator');
}

/** Removes an indicator added by hand. 'report.edit'. */
export async function removeIndicator(db: Db, actor: Principal | null, orgId: string, key: unknown): Promise<void> {
  return todo('removeIndicator');
}

/** {key, value: number|null, note?}: the actual of a 'manual' indicator for a round. 'report.edit'; 409 REPORT_SIGNED. */
export async function setIndicatorActual(db: Db, actor: Principal | null, orgId: string, round: unknown, input: unknown): Promise<void> {
  return todo('setIndicatorActual');
}

/** «Выводы и рекомендации» for a round. 'report.edit'; 409 REPORT_SIGNED. */
export async function setConclusions(db: Db, actor: Principal | null, orgId: string, round: unknown, text: unknown): Promise<void> {
  return todo('setConclusions');
}

/** The head signs the round off: figures frozen with the audit chain heads. 'report.sign'; 409 REPORT_SIGNED if already signed. */
export async function signReport(db: Db, actor: Principal | null, orgId: string, round: unknown): Promise<SignOff> {
  return todo('signReport');
}

/** Opens a new version of a signed round, with a reason (required). 'report.sign'; 409 REPORT_NOT_SIGNED. */
export async function reopenReport(db: Db, actor: Principal | null, orgId: string, round: unknown, reason: unknown): Promise<void> {
  return todo('reopenReport');
}
