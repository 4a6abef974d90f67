import { messagesFor, type Locale } from '../i18n/messages';
import { pairLabels } from '../pairs/labels';

/*
 * Values of audit events as a person reads them (issue 15): a card's deadline «01.03.2024 –
 * 15.03.2024, ежегодно», its status «в работе», a list «Иванов И. И., Петрова А. А.», a date
 * «15.03.2024», and the markers of personal data the reader may not see («скрыто») or that
 * was destroyed («уничтожено»). Pure, browser-safe.
 */

export const NONE = '—';

/** A sealed personal value the reader may not see, or whose key is gone (lib/people/pd-crypto.ts). */
export function pdMarker(v: unknown): 'hidden' | 'erased' | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const pd = (v as { $pd?: unknown }).$pd;
  if (Object.keys(v).length !== 1) return null;
  return pd === 'hidden' ? 'hidden' : pd === 'erased' ? 'erased' : null;
}

const PD_WORDS: Record<Locale, Record<'hidden' | 'erased', string>> = {
  ru: { hidden: 'скрыто', erased: 'уничтожено' },
  en: { hidden: 'hidden', erased: 'destroyed' },
};
export const pdWord = (marker: 'hidden' | 'erased', locale: Locale) => PD_WORDS[locale][marker];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** 'YYYY-MM-DD' → 'dd.MM.yyyy'; anything else as given. */
export function formatDate(v: string): string {
  const m = ISO_DATE.exec(v.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : v;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  let fmt = dateTimeFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('ru-RU', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    dateTimeFormats.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** An ISO instant as 'dd.MM.yyyy HH:mm' (or with seconds) in `timeZone`; an unparsable value as given. */
export function formatDateTime(at: string, timeZone = 'Europe/Moscow', seconds = false): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  const p = zonedParts(new Date(t), timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

type Deadline = { text?: unknown; start?: unknown; end?: unknown; recurrence?: unknown };

function deadlineDates(d: Deadline, locale: Locale): string {
  const start = typeof d.start === 'string' && d.start ? formatDate(d.start) : null;
  const end = typeof d.end === 'string' && d.end ? formatDate(d.end) : null;
  const dates = start && end ? (start === end ? end : `${start} – ${end}`) : end ? end : start ? (locale === 'ru' ? `с ${start}` : `from ${start}`) : '';
  const recurrence = typeof d.recurrence === 'string' && d.recurrence !== 'once' ? (messagesFor(locale).board.recurrences[d.recurrence] ?? d.recurrence) : '';
  return [dates, recurrence].filter(Boolean).join(', ');
}

/**
 * A card's deadline: its dates (and recurrence when not once), or its wording when it has no
 * dates. `withText` adds the wording to the dates — for a change that only touched the wording.
 */
export function formatDeadline(v: unknown, locale: Locale, withText = false): string {
  if (v === null || v === undefined) return NONE;
  if (typeof v !== 'object' || Array.isArray(v)) return formatValue(v, locale);
  const d = v as Deadline;
  const text = typeof d.text === 'string' ? d.text.trim() : '';
  const dates = deadlineDates(d, locale);
  if (!dates) return text || NONE;
  return withText && text ? `${dates} (${text})` : dates;
}

/** Any value in words: lists joined, yes/no, objects as «key: value», null as «—». */
export function formatValue(v: unknown, locale: Locale): string {
  const marker = pdMarker(v);
  if (marker) return pdWord(marker, locale);
  if (v === null || v === undefined || v === '') return NONE;
  if (typeof v === 'boolean') return locale === 'ru' ? (v ? 'да' : 'нет') : v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return ISO_DATE.test(v) ? formatDate(v) : ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? formatDateTime(v) : v;
  if (Array.isArray(v)) return v.length === 0 ? NONE : v.map((x) => formatValue(x, locale)).join(', ');
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? NONE : entries.map(([k, x]) => `${k}: ${formatValue(x, locale)}`).join('; ');
  }
  return String(v);
}

/** A checklist's items: «☑ text; ☐ text». */
export function formatChecklist(v: unknown, locale: Locale): string {
  if (!Array.isArray(v)) return formatValue(v, locale);
  if (v.length === 0) return NONE;
  return v
    .map((i) => (i && typeof i === 'object' ? `${(i as { done?: unknown }).done === true ? '☑' : '☐'} ${String((i as { text?: unknown }).text ?? '')}` : formatValue(i, locale)))
    .join('; ');
}

/** A card's field: by what the field holds (status words, deadline dates, names listed). */
export function formatCardField(field: string, v: unknown, locale: Locale, withText = false): string {
  const marker = pdMarker(v);
  if (marker) return pdWord(marker, locale);
  switch (field) {
    case 'deadline':
      return formatDeadline(v, locale, withText);
    case 'status':
      return typeof v === 'string' ? (messagesFor(locale).board.statuses[v] ?? v) : formatValue(v, locale);
    case 'checklist':
      return formatChecklist(v, locale);
    case 'comments':
      return Array.isArray(v) ? String(v.length) : formatValue(v, locale);
    default:
      return formatValue(v, locale);
  }
}

/** A board's meta field: the period as «2022–2024», indicators counted. */
export function formatBoardField(field: string, v: unknown, locale: Locale): string {
  if (field === 'period' && v && typeof v === 'object' && !Array.isArray(v)) {
    const p = v as { from?: unknown; to?: unknown };
    return `${formatValue(p.from, locale)}–${formatValue(p.to, locale)}`;
  }
  if (field === 'indicators' && Array.isArray(v)) return v.map((i) => String((i as { title?: unknown })?.title ?? '')).filter(Boolean).join('; ') || NONE;
  if (field === 'kind' && typeof v === 'string') return messagesFor(locale).kinds[v as 'roadmap'] ?? v;
  return formatValue(v, locale);
}

const CARD_FIELDS: Record<Locale, Record<string, string>> = {
  ru: {
    title: 'название',
    description: 'описание',
    deadline: 'срок',
    responsible: 'ответственные',
    result: 'результат',
    status: 'статус',
    number: 'номер',
    checklist: 'чек-лист',
    comments: 'комментарии',
    pairId: 'пара',
    columnId: 'этап',
  },
  en: {
    title: 'title',
    description: 'description',
    deadline: 'deadline',
    responsible: 'responsible people',
    result: 'result',
    status: 'status',
    number: 'number',
    checklist: 'checklist',
    comments: 'comments',
    pairId: 'pair',
    columnId: 'stage',
  },
};
/** The accusative where it differs («изменила ответственных»). */
const CARD_FIELDS_ACC: Record<string, string> = { responsible: 'ответственных' };

/** A card field's name («срок»), or the key itself for a field the history does not know. */
export const cardFieldLabel = (field: string, locale: Locale) => (Object.hasOwn(CARD_FIELDS[locale], field) ? CARD_FIELDS[locale][field] : field);
export const cardFieldAcc = (field: string, locale: Locale) => (locale === 'ru' && Object.hasOwn(CARD_FIELDS_ACC, field) ? CARD_FIELDS_ACC[field] : cardFieldLabel(field, locale));

const BOARD_FIELDS: Record<Locale, Record<string, string>> = {
  ru: { title: 'название', period: 'период', organisation: 'организация в заголовке', indicators: 'показатели', kind: 'вид доски' },
  en: { title: 'title', period: 'period', organisation: 'organisation in the heading', indicators: 'indicators', kind: 'board kind' },
};
export const boardFieldLabel = (field: string, locale: Locale) => (Object.hasOwn(BOARD_FIELDS[locale], field) ? BOARD_FIELDS[locale][field] : field);

const PERSON_FIELDS: Record<Locale, Record<string, string>> = {
  ru: {
    fullName: 'ФИО',
    birthDate: 'дата рождения',
    category: 'категория',
    positionOrClass: 'класс / должность',
    experienceYears: 'педагогический стаж',
    email: 'электронная почта',
    phone: 'телефон',
    tags: 'теги',
    requestText: 'запрос',
    forms: 'формы наставничества',
    capacity: 'нагрузка',
    status: 'статус',
    bank: 'банк',
    purpose: 'цель',
    signer: 'подписал',
    signerName: 'ФИО подписавшего',
    guardianRelation: 'степень родства',
    signedOn: 'дата подписания',
    validUntil: 'действует до',
    withdrawnOn: 'дата отзыва',
    documentRef: '№ документа',
    textVersion: 'версия текста',
    role: 'роль',
    preferred: 'предпочтения',
  },
  en: {
    fullName: 'full name',
    birthDate: 'date of birth',
    category: 'category',
    positionOrClass: 'class / position',
    experienceYears: 'teaching experience',
    email: 'email',
    phone: 'phone',
    tags: 'tags',
    requestText: 'request',
    forms: 'mentoring forms',
    capacity: 'capacity',
    status: 'status',
    bank: 'bank',
    purpose: 'purpose',
    signer: 'signed by',
    signerName: 'signer’s name',
    guardianRelation: 'relation',
    signedOn: 'signed on',
    validUntil: 'valid until',
    withdrawnOn: 'withdrawn on',
    documentRef: 'document No.',
    textVersion: 'text version',
    role: 'role',
    preferred: 'preferences',
  },
};
export const personFieldLabel = (field: string, locale: Locale) => (Object.hasOwn(PERSON_FIELDS[locale], field) ? PERSON_FIELDS[locale][field] : field);

/** A person's field value in words: categories, bank statuses, consent purposes and signers, roles. */
export function formatPersonField(field: string, v: unknown, locale: Locale): string {
  const m = messagesFor(locale);
  const word = (table: Record<string, string>) => (typeof v === 'string' ? (table[v] ?? v) : formatValue(v, locale));
  switch (field) {
    case 'category':
      return word(m.people.categories);
    case 'status':
      return word(m.people.statuses);
    case 'purpose':
      return word(m.people.purposes);
    case 'signer':
      return word(m.bankImport.consentBy);
    case 'bank':
      return word(locale === 'ru' ? { mentor: 'наставников', mentee: 'наставляемых' } : { mentor: 'mentors', mentee: 'mentees' });
    case 'role':
      return word(m.roles);
    default:
      return formatValue(v, locale);
  }
}

/** A pair's stage as its column names it («Встреча-планирование»). */
export const stageName = (stage: unknown, locale: Locale) => (typeof stage === 'string' ? (pairLabels(locale).stages[stage as 'intro'] ?? stage) : formatValue(stage, locale));
