// The roles of DESIGN.md, strongest first. Kept apart from the rules so the db schema can use them.
export const ROLES = ['admin', 'head', 'curator', 'member', 'mentor', 'mentee', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const BOARD_KINDS = ['roadmap', 'pairs'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
