import type { BoardView } from './doc';

/**
 * The people a mentor may know by name on a pairs board (DESIGN.md, "Personal data": the
 * pair's own members): itself, the mentees of its own pairs and whoever commented on them.
 * Another pair's card holds only ids; without names they tell a mentor nothing personal.
 */
export function ownPairPeople(view: BoardView, mentorId: string): Set<string> {
  const ids = new Set([mentorId]);
  for (const card of view.columns.flatMap((c) => c.cards)) {
    if (card.fields.mentorId !== mentorId) continue;
    const mentees = card.fields.menteeIds;
    if (Array.isArray(mentees)) for (const id of mentees) if (typeof id === 'string') ids.add(id);
    const comments = card.fields.comments;
    if (Array.isArray(comments)) {
      for (const c of comments) {
        const author = (c as { authorId?: unknown } | null)?.authorId;
        if (typeof author === 'string') ids.add(author);
      }
    }
  }
  return ids;
}
