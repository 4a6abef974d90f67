import { can, type Principal } from '@/lib/permissions';

/** Who may edit (curator: 'report.edit') and sign (head: 'report.sign') an organisation's report. The server checks again in every verb. */
export const mayReport = (principal: Principal, verb: 'edit' | 'sign', orgPath: readonly string[]): boolean =>
  can(principal, verb === 'edit' ? 'report.edit' : 'report.sign', { type: 'org', orgPath });
