// The built-in satisfaction questionnaires (issue 14, item 6): templates, checking answers, satisfaction %.
export * from './types';
export { SURVEY_TEMPLATES, surveyTemplate, isSurveyTemplateId, localizeTemplate, type LocalizedTemplate } from './templates';
export { validateAnswers, parseSurveyAnswers, ANSWER_ERROR_CODES, type AnswerError, type AnswerErrorCode, type AnswersCheck } from './answers';
export {
  satisfaction,
  responseRatings,
  SATISFACTION_FORMULAS,
  type Satisfaction,
  type SatisfactionFormula,
  type SatisfactionResponse,
} from './satisfaction';
