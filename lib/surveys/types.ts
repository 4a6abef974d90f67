import type { Locale } from '../i18n/messages';

// The built-in satisfaction questionnaires (DOMAIN.md, "Monitoring"): items rated 1–10, yes/no
// and open questions. Raw answers are stored (db/schema/pairs.ts survey_responses.answers) as
// `SurveyAnswers`: item id → the answer, only the items answered.

export const SURVEY_TEMPLATE_IDS = ['mentee_satisfaction', 'mentor_satisfaction'] as const;
export type SurveyTemplateId = (typeof SURVEY_TEMPLATE_IDS)[number];

export const SURVEY_ITEM_KINDS = ['scale', 'yesno', 'open'] as const;
export type SurveyItemKind = (typeof SURVEY_ITEM_KINDS)[number];

/** A text in every locale of the UI. */
export type Localized = Record<Locale, string>;

export type SurveyItem = {
  /** Stable: stored answers are keyed by it. */
  id: string;
  kind: SurveyItemKind;
  text: Localized;
  /** A required item must be answered (the scale items of the built-in templates). */
  required: boolean;
};

export type SurveyTemplate = {
  id: SurveyTemplateId;
  /** Who answers it. */
  audience: 'mentor' | 'mentee';
  /** Raised when an item's wording changes; stored answers keep meaning what they meant. */
  version: number;
  title: Localized;
  /** What the respondent reads first (how the scale works). */
  intro: Localized;
  items: readonly SurveyItem[];
};

/** A scale item: an integer 1–10; a yes/no item: a boolean; an open item: text ≤ OPEN_MAX characters. */
export type SurveyAnswer = number | boolean | string;
export type SurveyAnswers = Record<string, SurveyAnswer>;

export const SCALE_MIN = 1;
export const SCALE_MAX = 10;
/** Characters (code points) an open answer may hold. */
export const OPEN_MAX = 2000;
/** The share formula counts respondents whose mean is at or above this. */
export const SHARE_THRESHOLD = 7;
