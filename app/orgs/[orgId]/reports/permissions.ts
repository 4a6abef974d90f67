import { ACTIONS, can, rolesOn, type Action, type Principal } from '@/lib/permissions';

/**
 * Who may edit (curator) and sign (head) an organisation's report: 'report.edit' and
 * 'report.sign' of lib/permissions once they are there (issue 16 adds them); until then the
 * same rule read from the roles. The server checks again in every verb either way.
 */
export function mayReport(principal: Principal, verb: 'edit' | 'sign', orgPath: readonly string[]): boolean {
  const action = `report.${verb}`;
  if ((ACTIONS as readonly string[]).includes(action)) return can(principal, action as Action, { type: 'org', orgPath });
  return rolesOn(principal, orgPath).includes(verb === 'edit' ? 'curator' : 'head');
}
