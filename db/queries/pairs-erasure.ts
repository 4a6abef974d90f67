import { eq, inArray, or } from 'drizzle-orm';
import { withoutFreeText } from '../../lib/pairs/rules';
import type { Db } from '../client';
import { meetingFeedback, meetings, pairGoals, pairMembers, pairs, preferences, surveyResponses } from '../schema';

/** The tables erasure rewrites for a person's pairs (VACUUM FULL after it, like the people's tables). */
export const PAIR_TEXT_TABLES = ['pairs', 'meetings', 'meeting_feedback', 'pair_goals', 'survey_responses', 'preferences'] as const;

/**
 * Erasure's part in the pairs (inside erasePerson's transaction): the free text of every pair
 * the person belongs to is blanked — meeting summaries, next steps and reasons, the mentees'
 * comments, the goals' wording, the end reason, the open answers of the pairs' surveys (and of
 * the person's own) — and the person's preferences, given and received, are removed. Ids,
 * kinds, dates, ratings and marks stay, so the counts and reports stay true.
 */
export async function erasePairsTextOf(tx: Db, personId: string): Promise<{ pairs: number }> {
  const pairIds = (await tx.select({ id: pairMembers.pairId }).from(pairMembers).where(eq(pairMembers.personId, personId))).map((r) => r.id);
  if (pairIds.length) {
    await tx.update(meetings).set({ summary: null, nextSteps: null, reason: null }).where(inArray(meetings.pairId, pairIds));
    await tx
      .update(meetingFeedback)
      .set({ comment: null })
      .where(inArray(meetingFeedback.meetingId, tx.select({ id: meetings.id }).from(meetings).where(inArray(meetings.pairId, pairIds))));
    await tx.update(pairGoals).set({ text: '—' }).where(inArray(pairGoals.pairId, pairIds));
    await tx.update(pairs).set({ endReason: null }).where(inArray(pairs.id, pairIds));
  }
  const surveys = await tx
    .select({ id: surveyResponses.id, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(pairIds.length ? or(eq(surveyResponses.personId, personId), inArray(surveyResponses.pairId, pairIds)) : eq(surveyResponses.personId, personId));
  for (const s of surveys) await tx.update(surveyResponses).set({ answers: withoutFreeText(s.answers) }).where(eq(surveyResponses.id, s.id));
  await tx.delete(preferences).where(or(eq(preferences.personId, personId), eq(preferences.preferredId, personId)));
  return { pairs: pairIds.length };
}
