import type { Bank } from '../types';

/*
 * The events of a person's history in words, for the destruction act's extract of the
 * event log and for the UI's history of a person. Unknown types fall back to a neutral
 * phrase that still names the type, so a new event never prints as nothing.
 */

type Words = { ru: string; en: string };

const EVENTS: Record<string, Words> = {
  'person.created': { ru: 'Внесён в банк программы наставничества', en: 'Entered into the programme bank' },
  'person.updated': { ru: 'Сведения изменены', en: 'Details changed' },
  'person.approved': { ru: 'Утверждён в банке', en: 'Approved in the bank' },
  'person.status_changed': { ru: 'Изменён статус в банке', en: 'Bank status changed' },
  'person.left': { ru: 'Выбыл из программы наставничества', en: 'Left the mentoring programme' },
  'person.account_linked': { ru: 'Привязана учётная запись', en: 'Account linked' },
  'person.erasure_scheduled': { ru: 'Назначено уничтожение персональных данных', en: 'Erasure scheduled' },
  'person.erased': { ru: 'Персональные данные уничтожены', en: 'Personal data destroyed' },
  'bank_entry.created': { ru: 'Внесён в банк программы наставничества', en: 'Entered into the programme bank' },
  'bank_entry.updated': { ru: 'Изменена запись в банке', en: 'Bank entry changed' },
  'consent.recorded': { ru: 'Согласие зарегистрировано', en: 'Consent recorded' },
  'consent.updated': { ru: 'Сведения о согласии изменены', en: 'Consent details changed' },
  'consent.withdrawn': { ru: 'Согласие отозвано', en: 'Consent withdrawn' },
  'consent.expired': { ru: 'Истёк срок действия согласия', en: 'Consent expired' },
  'pair.formed': { ru: 'Включён в наставническую пару (группу)', en: 'Included in a mentoring pair (group)' },
  'pair.ended': { ru: 'Наставническая пара (группа) завершена', en: 'Mentoring pair (group) ended' },
  'meeting.recorded': { ru: 'Записана встреча пары', en: 'Pair meeting recorded' },
  'pd.viewed': { ru: 'Просмотр персональных данных', en: 'Personal data viewed' },
  'pd.exported': { ru: 'Выгрузка персональных данных', en: 'Personal data exported' },
  'pd.printed': { ru: 'Печать документа с персональными данными', en: 'Document with personal data printed' },
};

const BANK_WORDS: Record<Bank, Words> = {
  mentor: { ru: 'Внесён в банк наставников', en: 'Entered into the mentor bank' },
  mentee: { ru: 'Внесён в банк наставляемых', en: 'Entered into the mentee bank' },
};

/** The event types describePersonEvent knows by name. */
export const KNOWN_PERSON_EVENTS = Object.keys(EVENTS);

/**
 * An event type in words. `bank` makes an entry into a bank name the bank
 * («Внесён в банк наставляемых»). Unknown types: «Событие «<type>»» / «Event “<type>”».
 */
export function describePersonEvent(type: string, locale: 'ru' | 'en' = 'ru', detail: { bank?: Bank | null } = {}): string {
  if ((type === 'person.created' || type === 'bank_entry.created') && detail.bank && BANK_WORDS[detail.bank]) {
    return BANK_WORDS[detail.bank][locale];
  }
  const words = Object.prototype.hasOwnProperty.call(EVENTS, type) ? EVENTS[type] : undefined;
  if (words) return words[locale];
  const shown = type.trim() === '' ? '—' : type;
  return locale === 'ru' ? `Событие «${shown}»` : `Event “${shown}”`;
}
