/*
 * A suggestion's reasons in the words the curator reads (Russian). `code` is for tests and for
 * a later translation; the text is built here from the pair's score (score.ts).
 */
import type { Reason } from './types';
import type { PairScore } from './score';

const INSTRUMENTAL = ['первым', 'вторым', 'третьим', 'четвёртым', 'пятым', 'шестым', 'седьмым', 'восьмым', 'девятым', 'десятым'];

/** «первым», «вторым», … «десятым», then «11-м». */
export const rankInstrumental = (rank: number) => INSTRUMENTAL[rank - 1] ?? `${rank}-м`;

/** «1-й выбор» */
const choice = (rank: number) => `${rank}-й выбор`;

export function formReason(score: Pick<PairScore, 'form' | 'how'>): Reason {
  const text =
    score.how === 'shared'
      ? `Общая форма: ${score.form}`
      : score.how === 'mentor_only'
        ? `Форма наставника: ${score.form} (наставляемый форму не указал)`
        : `Форма наставляемого: ${score.form} (наставник формы не указал)`;
  return { code: 'form', text };
}

/**
 * The reasons of one suggestion, strongest first after the form: the preferences, the shared
 * requests and competencies, and how many places the mentor keeps (`placesLeft`: its capacity
 * left minus the mentees suggested to it; below 0 when a pair picked by hand would overfill it).
 */
export function reasonsFor(score: PairScore, placesLeft: number): Reason[] {
  const reasons: Reason[] = [formReason(score)];
  const { menteeRank, mentorRank } = score;
  if (menteeRank !== undefined && mentorRank !== undefined) {
    reasons.push({
      code: 'mutual',
      text: `Взаимный выбор: наставляемый назвал наставника ${rankInstrumental(menteeRank)}, наставник — ${rankInstrumental(mentorRank)}`,
    });
  } else if (menteeRank !== undefined) {
    reasons.push({ code: 'mentee_prefers', text: `Наставляемый выбрал этого наставника (${choice(menteeRank)})` });
  } else if (mentorRank !== undefined) {
    reasons.push({ code: 'mentor_prefers', text: `Наставник выбрал этого наставляемого (${choice(mentorRank)})` });
  }
  if (score.tags.length) reasons.push({ code: 'tags', text: `Совпадают запросы и компетенции: ${score.tags.join(', ')}` });
  reasons.push({
    code: 'capacity',
    text:
      placesLeft > 0
        ? `У наставника остаётся мест: ${placesLeft}`
        : placesLeft === 0
          ? 'У наставника это последнее свободное место'
          : 'У наставника нет свободных мест',
  });
  return reasons;
}
