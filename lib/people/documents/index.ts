// The personal-data documents of issue 13: pure builders from plain data to DOCX bytes.
export { consentFormDocx, ConsentFormError, CONSENT_TITLES } from './consent-form';
export { destructionActDocx, ACT_TITLE, EXTRACT_TITLE, DESTROYED_CATEGORIES, DEFAULT_SYSTEM, DEFAULT_METHOD } from './destruction-act';
export { subjectRequestAnswerDocx, ANSWER_TITLE } from './subject-request';
export { describePersonEvent, KNOWN_PERSON_EVENTS } from './events';
export type * from './types';
