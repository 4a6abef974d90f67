/*
 * Presence on a board (Yjs awareness). The server fills in `user` from the session (name,
 * and a colour from this fixed palette), and browsers read states only through
 * readPresence, so a bad peer's state can neither crash a board nor inject CSS.
 */
export type Presence = { clientId: number; id: string; name: string; color: string; editing: string | null };

// White initials are drawn on these: each is dark enough for 4.5:1 (WCAG 2 AA, normal text).
export const PRESENCE_COLORS = ['#b83a4b', '#2f6f5e', '#00798c', '#8a5a00', '#6a4c93', '#3d5a80', '#a8432f', '#11776b'] as const;
/** A user's colour: the same on every board and in every browser. */
export const colorFor = (userId: string) => PRESENCE_COLORS[[...userId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % PRESENCE_COLORS.length];

/** The cap of one awareness state, as JSON text. */
export const MAX_PRESENCE_CHARS = 2048;
const MAX_NAME = 200;
const MAX_EDITING = 100;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A string fit to show: control characters dropped, length capped. */
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, max) : '');

/** The state a server relays for a connection: the session's user and what it is editing. */
export function serverPresenceState(state: unknown, user: { id: string; name: string }): { user: { id: string; name: string; color: string }; editing: string | null } | null {
  if (!isObject(state)) return null;
  const editing = text(state.editing, MAX_EDITING);
  return { user: { id: user.id, name: text(user.name, MAX_NAME) || user.id, color: colorFor(user.id) }, editing: editing || null };
}

/** A peer's state as a browser may render it, or null when it shows nobody. */
export function readPresence(clientId: number, state: unknown): Presence | null {
  if (!isObject(state) || !isObject(state.user)) return null;
  const id = text(state.user.id, MAX_NAME);
  const name = text(state.user.name, MAX_NAME);
  if (!id || !name) return null;
  // Only a colour of the palette: another would be CSS from a peer, or too light for the initials.
  const color = (PRESENCE_COLORS as readonly unknown[]).includes(state.user.color) ? (state.user.color as string) : colorFor(id);
  const editing = text(state.editing, MAX_EDITING);
  return { clientId, id, name, color, editing: editing || null };
}
