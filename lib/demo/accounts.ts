import type { Role } from '../permissions/roles';

export const DEMO_DOMAIN = 'demo.tropa';
/** The demo account of a role, e.g. curator@demo.tropa. */
export const demoEmail = (role: Role) => `${role}@${DEMO_DOMAIN}`;
