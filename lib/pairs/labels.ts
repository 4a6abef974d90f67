import type { Locale } from '../i18n/messages';
import type { MeetingFormat, MeetingKind, PairSide, PairStage, PairStatus } from './types';

/*
 * The words for a pair's stages, meeting kinds and formats, statuses and sides, Russian first
 * and English second, for the pairs documents (lib/pairs/documents) and for the UI (client
 * components too: nothing here imports a Node module). The Russian stage titles are the pairs
 * board's column titles (lib/board/templates MEETING_STAGES; labels.test.ts keeps them equal),
 * so a column and a journal never name the same stage differently.
 */

export type PairLabels = {
  /** A stage as a column of the pairs board names it («Регулярные встречи», «Завершено»). */
  stages: Record<PairStage, string>;
  /** One meeting of a kind («Регулярная встреча»). */
  kinds: Record<MeetingKind, string>;
  /** очно / дистанционно */
  formats: Record<MeetingFormat, string>;
  statuses: Record<PairStatus, string>;
  sides: Record<PairSide, string>;
  /** How a pair ends (EndInput.outcome). */
  outcomes: Record<'completed' | 'terminated', string>;
  /** A plan goal's state: reached, not reached, not yet assessed. */
  goal: { reached: string; notReached: string; pending: string };
  /** «Пара № N», or «Группа № N» for a mentor with two or more mentees. */
  pairTitle: (number: number | string, menteeCount: number) => string;
};

const ru: PairLabels = {
  stages: {
    intro: 'Встреча-знакомство',
    trial: 'Пробная рабочая встреча',
    planning: 'Встреча-планирование',
    regular: 'Регулярные встречи',
    final: 'Итоговая встреча',
    done: 'Завершено',
  },
  kinds: {
    intro: 'Встреча-знакомство',
    trial: 'Пробная рабочая встреча',
    planning: 'Встреча-планирование',
    regular: 'Регулярная встреча',
    final: 'Итоговая встреча',
  },
  formats: { in_person: 'очно', remote: 'дистанционно' },
  statuses: { active: 'действует', completed: 'завершена', terminated: 'прекращена досрочно' },
  sides: { mentor: 'наставник', mentee: 'наставляемый' },
  outcomes: { completed: 'Завершена (итоговая встреча проведена)', terminated: 'Прекращена досрочно' },
  goal: { reached: 'достигнута', notReached: 'не достигнута', pending: 'не оценена' },
  pairTitle: (n, menteeCount) => `${menteeCount >= 2 ? 'Группа' : 'Пара'} № ${n}`,
};

const en: PairLabels = {
  stages: {
    intro: 'Introductory meeting',
    trial: 'Trial working meeting',
    planning: 'Planning meeting',
    regular: 'Regular meetings',
    final: 'Final meeting',
    done: 'Finished',
  },
  kinds: {
    intro: 'Introductory meeting',
    trial: 'Trial working meeting',
    planning: 'Planning meeting',
    regular: 'Regular meeting',
    final: 'Final meeting',
  },
  formats: { in_person: 'in person', remote: 'remote' },
  statuses: { active: 'active', completed: 'completed', terminated: 'terminated early' },
  sides: { mentor: 'mentor', mentee: 'mentee' },
  outcomes: { completed: 'Completed (final meeting held)', terminated: 'Terminated early' },
  goal: { reached: 'reached', notReached: 'not reached', pending: 'not assessed' },
  pairTitle: (n, menteeCount) => `${menteeCount >= 2 ? 'Group' : 'Pair'} No. ${n}`,
};

const LABELS: Record<Locale, PairLabels> = { ru, en };

/** The pairs' words in `locale` (Russian when the locale is not known). */
export function pairLabels(locale: Locale = 'ru'): PairLabels {
  return LABELS[locale] ?? ru;
}
