import type { Locale } from '../i18n/messages';
import { SURVEY_TEMPLATE_IDS, type SurveyItem, type SurveyItemKind, type SurveyTemplate, type SurveyTemplateId } from './types';

/*
 * The two built-in satisfaction questionnaires, worded as the target model's monitoring
 * questionnaires for mentees and mentors are (Р-145; regional and school monitoring forms):
 * items rated 1–10 (1 — the lowest, 10 — the highest), yes/no questions and open questions.
 * The scale items are required (satisfaction is computed from them); the others are not.
 */

const item = (id: string, kind: SurveyItemKind, ru: string, en: string): SurveyItem => ({ id, kind, text: { ru, en }, required: kind === 'scale' });

const INTRO = {
  ru: 'Оцените каждый пункт от 1 до 10, где 1 — самая низкая оценка, 10 — самая высокая, и ответьте на остальные вопросы. Ответы используются для мониторинга программы наставничества.',
  en: 'Rate each item from 1 to 10, where 1 is the lowest and 10 the highest, and answer the other questions. The answers are used to monitor the mentoring programme.',
};

const MENTEE: SurveyTemplate = {
  id: 'mentee_satisfaction',
  audience: 'mentee',
  version: 1,
  title: { ru: 'Анкета удовлетворённости наставляемого', en: 'Mentee satisfaction questionnaire' },
  intro: INTRO,
  items: [
    item('comfort', 'scale', 'Насколько комфортно было работать с наставником?', 'How comfortable was it to work with your mentor?'),
    item('meetings_useful', 'scale', 'Насколько полезными были встречи с наставником?', 'How useful were the meetings with your mentor?'),
    item('mentor_help', 'scale', 'Насколько наставник помогал вам в решении ваших задач?', 'How much did your mentor help you with your tasks?'),
    item('clarity', 'scale', 'Насколько понятно наставник объяснял и ставил задачи?', 'How clearly did your mentor explain things and set tasks?'),
    item('joint_work', 'scale', 'Оцените, насколько вы довольны вашей совместной работой', 'Rate how satisfied you are with your work together'),
    item('expectations', 'scale', 'Насколько оправдались ваши ожидания от участия в программе?', 'How far were your expectations of the programme met?'),
    item('effectiveness', 'scale', 'Оцените эффективность программы наставничества в целом', 'Rate the effectiveness of the mentoring programme as a whole'),
    item('glad', 'yesno', 'Рады ли вы, что участвовали в программе наставничества?', 'Are you glad you took part in the mentoring programme?'),
    item('continue', 'yesno', 'Хотели бы вы продолжить работу в программе наставничества?', 'Would you like to continue in the mentoring programme?'),
    item('become_mentor', 'yesno', 'Хотели бы вы в будущем стать наставником?', 'Would you like to become a mentor in the future?'),
    item('most_valuable', 'open', 'Что было самым ценным для вас в программе?', 'What was the most valuable for you in the programme?'),
    item('improve', 'open', 'Чего вам не хватило? Что хотелось бы изменить?', 'What was missing? What would you change?'),
  ],
};

const MENTOR: SurveyTemplate = {
  id: 'mentor_satisfaction',
  audience: 'mentor',
  version: 1,
  title: { ru: 'Анкета удовлетворённости наставника', en: 'Mentor satisfaction questionnaire' },
  intro: INTRO,
  items: [
    item('comfort', 'scale', 'Насколько комфортно было работать с наставляемым (наставляемыми)?', 'How comfortable was it to work with your mentee(s)?'),
    item('meetings_useful', 'scale', 'Насколько полезными были встречи с наставляемым (наставляемыми)?', 'How useful were the meetings with your mentee(s)?'),
    item('mentee_progress', 'scale', 'Оцените, насколько наставляемый продвинулся в решении своего запроса', 'Rate how far your mentee progressed with their request'),
    item('mentee_engagement', 'scale', 'Оцените включённость наставляемого в совместную работу', 'Rate how engaged your mentee was in the work together'),
    item('joint_work', 'scale', 'Оцените, насколько вы довольны вашей совместной работой', 'Rate how satisfied you are with your work together'),
    item('expectations', 'scale', 'Насколько оправдались ваши ожидания от участия в программе?', 'How far were your expectations of the programme met?'),
    item('curator_support', 'scale', 'Оцените поддержку куратора программы наставничества', 'Rate the support of the programme curator'),
    item('own_growth', 'scale', 'Насколько участие в программе было полезно для вашего собственного развития?', 'How useful was the programme for your own development?'),
    item('glad', 'yesno', 'Рады ли вы, что участвовали в программе наставничества?', 'Are you glad you took part in the mentoring programme?'),
    item('continue', 'yesno', 'Хотели бы вы продолжить работу в программе наставничества?', 'Would you like to continue in the mentoring programme?'),
    item('enough_time', 'yesno', 'Было ли у вас достаточно времени для встреч?', 'Did you have enough time for the meetings?'),
    item('most_valuable', 'open', 'Что было самым ценным для вас в программе?', 'What was the most valuable for you in the programme?'),
    item('improve', 'open', 'Что хотелось бы изменить в организации программы?', 'What would you change in how the programme is run?'),
  ],
};

const TEMPLATES: Record<SurveyTemplateId, SurveyTemplate> = { mentee_satisfaction: MENTEE, mentor_satisfaction: MENTOR };

/** Every built-in template, in SURVEY_TEMPLATE_IDS order. */
export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = SURVEY_TEMPLATE_IDS.map((id) => TEMPLATES[id]);

export const isSurveyTemplateId = (id: unknown): id is SurveyTemplateId =>
  typeof id === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, id);

/** The built-in template `id`, or null when there is none. */
export function surveyTemplate(id: string): SurveyTemplate | null {
  return isSurveyTemplateId(id) ? TEMPLATES[id] : null;
}

/** A template's texts in one locale: what GET /api/surveys/templates and the forms show. */
export type LocalizedTemplate = {
  id: SurveyTemplateId;
  audience: SurveyTemplate['audience'];
  version: number;
  title: string;
  intro: string;
  items: { id: string; kind: SurveyItemKind; text: string; required: boolean }[];
};

export function localizeTemplate(t: SurveyTemplate, locale: Locale = 'ru'): LocalizedTemplate {
  return {
    id: t.id,
    audience: t.audience,
    version: t.version,
    title: t.title[locale],
    intro: t.intro[locale],
    items: t.items.map((i) => ({ id: i.id, kind: i.kind, text: i.text[locale], required: i.required })),
  };
}
