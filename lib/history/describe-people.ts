import type { Locale } from '../i18n/messages';
import { obj, plural, Sentence, str, V } from './sentence';
import { formatPersonField, formatValue, NONE, pdMarker, pdWord, personFieldLabel } from './values';

/*
 * The sentences of the programme's people and accounts (db/queries/people.ts, users.ts,
 * accounts.ts, organisations.ts, people-import.ts, pairs.ts preferences). A person's personal
 * values sit in `pd` of before/after: opened for a reader who may see them, else the marker
 * {"$pd":"hidden"} or, once erased, {"$pd":"erased"}. A person is named only from what the
 * reader may see (names.people or the opened values); otherwise «участника», no name.
 */

type Handler = (s: Sentence) => void;

const PD_LABEL: Record<Locale, string> = { ru: 'персональные данные', en: 'personal data' };
const TEXT_FIELDS = new Set(['requestText']);

/** A side's sealed part: opened values, or the marker that stands for them. */
function pdOf(side: Record<string, unknown>): { marker: 'hidden' | 'erased' | null; values: Record<string, unknown> } {
  const pd = side.pd;
  if (pd === undefined || pd === null) return { marker: null, values: {} };
  const marker = pdMarker(pd);
  return marker ? { marker, values: {} } : { marker: null, values: obj(pd) };
}

/** The person's opened full name from either side, if the reader may see it. */
const openedName = (s: Sentence) => pdOf(s.after).values.fullName ?? pdOf(s.before).values.fullName;

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The differences between two records (plain fields and their `pd` part), one change per field.
 * `skip` fields are in the sentence already. A side whose personal data is hidden or destroyed
 * gives one change «персональные данные: скрыто».
 */
export function recordChanges(s: Sentence, before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[] = []) {
  const fmt = (k: string, v: unknown) => formatPersonField(k, v, s.locale);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== 'pd' && !skip.includes(k)));
  for (const k of keys) {
    const label = personFieldLabel(k, s.locale);
    if (TEXT_FIELDS.has(k)) s.text(label, before[k] ?? '', after[k] ?? '');
    else {
      const was = fmt(k, before[k]);
      const is = fmt(k, after[k]);
      if (was !== is) s.value(label, was, is);
    }
  }
  const pb = pdOf(before);
  const pa = pdOf(after);
  if (pb.marker || pa.marker) {
    const word = (p: typeof pb, present: boolean) => (p.marker ? pdWord(p.marker, s.locale) : present ? '' : NONE);
    s.value(PD_LABEL[s.locale], word(pb, 'pd' in before) || NONE, word(pa, 'pd' in after) || NONE);
    return;
  }
  for (const k of new Set([...Object.keys(pb.values), ...Object.keys(pa.values)])) {
    if (empty(pb.values[k]) && empty(pa.values[k])) continue;
    const label = personFieldLabel(k, s.locale);
    if (TEXT_FIELDS.has(k)) s.text(label, pb.values[k] ?? '', pa.values[k] ?? '');
    else {
      const was = fmt(k, pb.values[k]);
      const is = fmt(k, pa.values[k]);
      if (was !== is) s.value(label, was, is);
    }
  }
}

const BANK_GEN: Record<Locale, Record<string, string>> = {
  ru: { mentor: 'банк наставников', mentee: 'банк наставляемых' },
  en: { mentor: 'the mentor bank', mentee: 'the mentee bank' },
};
const BANK_LOC: Record<string, string> = { mentor: 'банке наставников', mentee: 'банке наставляемых' };
const bankWords = (s: Sentence, bank: unknown) => (typeof bank === 'string' ? BANK_GEN[s.locale][bank] : undefined) ?? (s.ru ? 'банк' : 'a bank');

const PURPOSE_RU: Record<string, string> = {
  pd_processing: 'на обработку персональных данных',
  publication: 'на распространение персональных данных',
  mentor_duties: 'на выполнение обязанностей наставника',
};
const PURPOSE_EN: Record<string, string> = {
  pd_processing: 'to the processing of personal data',
  publication: 'to the publication of personal data',
  mentor_duties: 'to mentoring duties',
};
function purposeWords(s: Sentence, purpose: unknown): string {
  const table = s.ru ? PURPOSE_RU : PURPOSE_EN;
  return typeof purpose === 'string' && Object.hasOwn(table, purpose) ? table[purpose] : s.ru ? 'на обработку персональных данных' : 'to the processing of personal data';
}

const ROLE_INSTR: Record<string, string> = {
  admin: 'администратором',
  head: 'руководителем',
  curator: 'куратором',
  member: 'членом рабочей группы',
  mentor: 'наставником',
  mentee: 'наставляемым',
  viewer: 'наблюдателем',
};
const ROLE_GEN: Record<string, string> = {
  admin: 'администратора',
  head: 'руководителя',
  curator: 'куратора',
  member: 'члена рабочей группы',
  mentor: 'наставника',
  mentee: 'наставляемого',
  viewer: 'наблюдателя',
};
const roleIn = (table: Record<string, string>, role: unknown) => (typeof role === 'string' && Object.hasOwn(table, role) ? table[role] : `«${String(role ?? '')}»`);
const roleWord = (s: Sentence, role: unknown) => formatPersonField('role', role, s.locale);


function bankEntered(s: Sentence) {
  const bank = bankWords(s, s.after.bank);
  const who = s.person(s.e.data.entityId, 'acc', openedName(s));
  if (s.ru) s.say(' ', s.v(V('добавил')), ` в ${bank} `, who);
  else s.say(' added ', who, ` to ${bank}`);
  recordChanges(s, {}, s.after, ['bank', 'number']);
}

const ERASE_REASON: Record<Locale, Record<string, string>> = {
  ru: { withdrawal: 'после отзыва согласия', term: 'по истечении срока после отзыва согласия', curator: 'по представлению куратора' },
  en: { withdrawal: 'after the consent was withdrawn', term: 'when the term after the withdrawal ended', curator: 'at the curator’s request' },
};

const PEOPLE: Record<string, Handler> = {
  'person.created': bankEntered,
  'bank.entry_added': bankEntered,
  'bank.entry_updated': (s) => {
    const bank = s.after.bank ?? s.before.bank;
    const who = s.person(s.e.data.entityId, 'gen', openedName(s));
    if (s.ru) s.say(' ', s.v(V('изменил')), ' запись ', who, ` в ${(typeof bank === 'string' && BANK_LOC[bank]) || 'банке'}`);
    else s.say(` changed the entry of `, who, ` in ${bankWords(s, bank)}`);
    recordChanges(s, s.before, s.after, ['bank']);
  },
  'bank.status_changed': (s) => {
    const bank = s.after.bank ?? s.before.bank;
    const who = s.person(s.e.data.entityId, 'gen', openedName(s));
    const was = formatPersonField('status', s.before.status, s.locale);
    const is = formatPersonField('status', s.after.status, s.locale);
    if (s.ru) s.say(' ', s.v(V('изменил')), ' статус ', who, ` в ${(typeof bank === 'string' && BANK_LOC[bank]) || 'банке'}`, s.arrow(was, is));
    else s.say(' changed the status of ', who, ` in ${bankWords(s, bank)}`, s.arrow(was, is));
    s.value(personFieldLabel('status', s.locale), was, is);
  },
  'person.updated': (s) => {
    const who = s.person(s.e.data.entityId, 'gen', openedName(s));
    s.say(' ', s.ru ? `${s.v(V('изменил'))} сведения ` : 'changed the details of ', who);
    recordChanges(s, s.before, s.after);
  },
  'consent.recorded': (s) => {
    const who = s.person(s.e.data.entityId, 'gen');
    const guardian = s.after.signer === 'guardian';
    if (s.ru) s.say(' ', s.v(V('зарегистрировал')), ' согласие ', who, ` ${purposeWords(s, s.after.purpose)}`, guardian && ', подписанное законным представителем');
    else s.say(' recorded the consent of ', who, ` ${purposeWords(s, s.after.purpose)}`, guardian && ', signed by a guardian');
    recordChanges(s, {}, s.after, ['consentId', 'purpose']);
  },
  'consent.withdrawn': (s) => {
    const who = s.person(s.e.data.entityId, 'gen');
    if (s.ru) s.say(' ', s.v(V('отметил')), ' отзыв согласия ', who, ` ${purposeWords(s, s.after.purpose)}`);
    else s.say(' recorded the withdrawal of the consent of ', who, ` ${purposeWords(s, s.after.purpose)}`);
    s.value(personFieldLabel('withdrawnOn', s.locale), NONE, formatValue(s.after.withdrawnOn, s.locale));
  },
  'person.processing_stopped': (s) => {
    const who = s.person(s.e.data.entityId, 'gen');
    s.say(' ', s.ru ? `${s.v(V('прекратил'))} обработку персональных данных ` : 'stopped processing the personal data of ', who);
    s.value(s.ru ? 'уничтожить до' : 'to be destroyed by', NONE, formatValue(s.after.eraseDueOn, s.locale));
    const left = Array.isArray(s.after.banksLeft) ? s.after.banksLeft : [];
    if (left.length) s.value(s.ru ? 'выбыл из банков' : 'left the banks', NONE, left.map((b) => bankWords(s, b)).join(', '));
  },
  'person.processing_resumed': (s) => {
    const who = s.person(s.e.data.entityId, 'gen');
    s.say(' ', s.ru ? `${s.v(V('возобновил'))} обработку персональных данных ` : 'resumed processing the personal data of ', who, s.ru ? ' по новому согласию' : ' under a new consent');
  },
  'person.erased': (s) => {
    const n = s.after.number;
    const who = typeof n === 'number' ? s.ref('person', s.e.data.entityId, s.ru ? `участника № ${n}` : `participant No. ${n}`) : s.person(s.e.data.entityId, 'gen');
    const reason = typeof s.after.reason === 'string' ? ERASE_REASON[s.locale][s.after.reason] : undefined;
    s.say(' ', s.ru ? `${s.v(V('уничтожил'))} персональные данные ` : 'destroyed the personal data of ', who, reason && ` ${reason}`);
  },
  'person.account_invited': (s) => {
    const who = s.person(s.e.data.entityId, 'gen', openedName(s));
    s.say(' ', s.ru ? `${s.v(V('создал'))} учётную запись для ` : 'created an account for ', who);
    accountChanges(s);
  },
  'person.account_linked': (s) => {
    const who = s.person(s.e.data.entityId, 'acc', openedName(s));
    if (s.ru) s.say(' ', s.v(V('связал')), ' ', who, ' с учётной записью');
    else s.say(' linked ', who, ' to an account');
    accountChanges(s);
  },
  'preferences.set': (s) => {
    const who = s.person(s.e.data.entityId, 'gen');
    s.say(' ', s.ru ? `${s.v(V('записал'))} предпочтения ` : 'recorded the preferences of ', who);
    const list = (v: unknown) => {
      const ids = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      if (ids.length === 0) return NONE;
      const known = ids.map((id) => s.names.people[id]).filter((n): n is string => typeof n === 'string');
      // Names only when the reader may see every one of them; else how many.
      if (known.length === ids.length) return ids.map((id) => s.person(id, 'nom').text).join(', ');
      return s.ru ? `${ids.length} ${plural(ids.length, ['участник', 'участника', 'участников'])}` : `${ids.length} participant${ids.length === 1 ? '' : 's'}`;
    };
    s.value(personFieldLabel('preferred', s.locale), list(s.before.preferred), list(s.after.preferred));
  },

  'user.created': (s) => {
    const who = s.user(s.e.data.entityId, 'gen', pdOf(s.after).values.name);
    s.say(' ', s.ru ? `${s.v(V('создал'))} учётную запись ` : 'created the account of ', who, `: ${roleWord(s, s.after.role)}`, ...inOrg(s));
    const pd = pdOf(s.after);
    if (pd.marker) s.value(PD_LABEL[s.locale], NONE, pdWord(pd.marker, s.locale));
    else if (str(pd.values.email)) s.value(s.ru ? 'электронная почта' : 'email', NONE, String(pd.values.email));
  },
  'membership.granted': (s) => {
    const who = s.user(s.e.data.entityId, 'acc');
    if (s.ru) s.say(' ', s.v(V('назначил')), ' ', who, ` ${roleIn(ROLE_INSTR, s.after.role)}`, ...inOrg(s));
    else s.say(' gave ', who, ` the role of ${roleWord(s, s.after.role)}`, ...inOrg(s));
  },
  'membership.revoked': (s) => {
    const who = s.user(s.e.data.entityId, 'gen');
    if (s.ru) s.say(' ', s.v(V('снял')), ` роль ${roleIn(ROLE_GEN, s.before.role)} с `, who, ...inOrg(s));
    else s.say(` took the role of ${roleWord(s, s.before.role)}`, ...inOrg(s), ' from ', who);
  },
  'membership.changed': (s) => {
    const who = s.user(s.e.data.entityId, 'gen');
    const was = roleWord(s, s.before.role);
    const is = roleWord(s, s.after.role);
    if (s.ru) s.say(' ', s.v(V('изменил')), ' роль ', who, ...inOrg(s), s.arrow(was, is));
    else s.say(' changed the role of ', who, ...inOrg(s), s.arrow(was, is));
    s.value(personFieldLabel('role', s.locale), was, is);
  },
  'user.password_changed': (s) => {
    if (s.e.actor?.id && s.e.actor.id === s.e.data.entityId) s.say(' ', s.ru ? `${s.v(V('сменил'))} свой пароль` : 'changed their password');
    else s.say(' ', s.ru ? `${s.v(V('сменил'))} пароль ` : 'changed the password of ', s.user(s.e.data.entityId, 'gen'));
  },
  'user.password_reset': (s) => s.say(' ', s.ru ? `${s.v(V('задал'))} новый пароль для ` : 'set a new password for ', s.user(s.e.data.entityId, 'gen')),
  'user.disabled': (s) => s.say(' ', s.ru ? `${s.v(V('заблокировал'))} учётную запись ` : 'disabled the account of ', s.user(s.e.data.entityId, 'gen')),
  'user.enabled': (s) => s.say(' ', s.ru ? `${s.v(V('разблокировал'))} учётную запись ` : 'enabled the account of ', s.user(s.e.data.entityId, 'gen')),

  'org.created': (s) => {
    const kind = str(s.after.kind);
    const what = s.ru ? ({ region: 'регион', municipality: 'муниципалитет' } as Record<string, string>)[kind ?? ''] ?? 'организацию' : ({ region: 'region', municipality: 'municipality' } as Record<string, string>)[kind ?? ''] ?? 'organisation';
    const org = s.org(s.e.data.entityId, s.after.name);
    s.say(' ', s.ru ? `${s.v(V('создал'))} ${what}` : `created the ${what}`, org && ' ', org);
  },
  'bank.imported': (s) => {
    const n = typeof s.after.count === 'number' ? s.after.count : null;
    const file = str(s.after.fileName);
    const bank = bankWords(s, s.after.bank);
    if (s.ru) {
      s.say(' ', s.v(V('загрузил')), ` в ${bank} `, n === null ? 'участников' : `${n} ${plural(n, ['участника', 'участников', 'участников'])}`, file ? ` из файла ${s.q(file)}` : ' из файла');
    } else s.say(' imported ', n === null ? 'participants' : `${n} participant${n === 1 ? '' : 's'}`, ` into ${bank}`, file ? ` from the file ${s.q(file)}` : ' from a file');
  },
};

/** « в «Школа № 5»» for events about a role in an organisation. */
function inOrg(s: Sentence) {
  const org = s.org();
  return org ? [s.ru ? ' в ' : ' in ', org] : [];
}

function accountChanges(s: Sentence) {
  const roles = Array.isArray(s.after.roles) ? s.after.roles : [];
  if (roles.length) s.value(s.ru ? 'роли' : 'roles', NONE, roles.map((r) => roleWord(s, r)).join(', '));
  recordChanges(s, {}, { pd: s.after.pd }, []);
}

export const PEOPLE_HANDLERS = PEOPLE;
