import { ageOn } from './rules';
import type { IsoDate } from './types';

// Pure helpers for the banks' pages and forms: dates as schools write them, which badge a
// row shows, which form fields a refusal points at, and form data → the verbs' input shapes.

/** 'YYYY-MM-DD' → 'dd.mm.yyyy' (as Russian papers write dates); '' for none. */
export function ruDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** Russian plural of «год»: 1 год, 2 года, 5 лет, 11 лет, 21 год. */
export function yearsRu(n: number): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a >= 11 && a <= 14) return `${n} лет`;
  if (b === 1) return `${n} год`;
  if (b >= 2 && b <= 4) return `${n} года`;
  return `${n} лет`;
}

export const ageOf = (birthDate: IsoDate | null, today: IsoDate): number | null => (birthDate ? ageOn(birthDate, today) : null);

export type ConsentBadge = 'valid' | 'none' | 'withdrawn' | 'expired' | 'erased' | 'stopped';

/**
 * The consent badge of a bank row: an erased person shows «данные уничтожены»; a person whose
 * processing stopped and whose erasure is due shows the term; otherwise the consent's state.
 */
export function consentBadge(row: { erased: boolean; eraseDueOn: IsoDate | null; consent: { state: 'valid' | 'none' | 'withdrawn' | 'expired' } }): ConsentBadge {
  if (row.erased) return 'erased';
  if (row.eraseDueOn) return 'stopped';
  return row.consent.state;
}

/** «10.1, 10.2» or «a; b» → trimmed, de-duplicated tags (commas and semicolons separate). */
export function splitTags(s: string | null | undefined): string[] {
  if (!s) return [];
  return [...new Set(s.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean))];
}

// The form fields a refusal points at, beyond the fields the server names.
const CODE_FIELDS: Record<string, string[]> = {
  PERSON_DUPLICATE: ['fullName', 'birthDate'],
  BIRTH_DATE_FUTURE: ['birthDate'],
  AGE_ABSURD: ['birthDate'],
  CONSENT_GUARDIAN_REQUIRED: ['@signer'],
  CONSENT_GUARDIAN_DETAILS: ['@signerName', '@guardianRelation'],
  CONSENT_DATE_FUTURE: ['@signedOn'],
  CONSENT_BEFORE_BIRTH: ['@signedOn'],
  CONSENT_TERM_INVALID: ['@validUntil'],
};

/**
 * The names of the form's fields to mark invalid for a refusal. `consentPrefix` is how the
 * form names the consent's fields ('consent.' inside the add-person form, '' in the consent form).
 */
export function fieldsInError(code: string, fields: readonly string[] | undefined, consentPrefix = ''): Set<string> {
  const out = new Set<string>();
  for (const f of fields ?? []) {
    if (f === 'consent' && consentPrefix) continue; // the whole block: the code says which field
    out.add(f);
  }
  for (const f of CODE_FIELDS[code] ?? []) out.add(f.startsWith('@') ? consentPrefix + f.slice(1) : f);
  return out;
}

type FormLike = { get(name: string): unknown; getAll(name: string): unknown[] };

const str = (form: FormLike, name: string): string => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};
const optStr = (form: FormLike, name: string): string | null => str(form, name) || null;
// An empty number field is left out (undefined), not sent as null: lib/people/input.ts's
// `union([coerce.number(), null])` coerces null to 0 (a teacher of unknown experience would
// become a «молодой специалист»).
const optInt = (form: FormLike, name: string): number | string | undefined => {
  const v = str(form, name);
  if (v === '') return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v; // a non-number goes on to be refused by name
};

/** The person's own fields from a form (names as lib/people/input.ts spells the paths). */
export function personFieldsOf(form: FormLike) {
  return {
    fullName: str(form, 'fullName'),
    birthDate: optStr(form, 'birthDate'),
    category: str(form, 'category'),
    positionOrClass: optStr(form, 'positionOrClass'),
    experienceYears: optInt(form, 'experienceYears'),
    contacts: { email: optStr(form, 'contacts.email'), phone: optStr(form, 'contacts.phone') },
  };
}

/** A bank entry's fields from a form: forms are checkboxes, tags one comma-separated line. */
export function entryFieldsOf(form: FormLike, bank: string) {
  return {
    bank,
    forms: form.getAll('forms').filter((f): f is string => typeof f === 'string' && f.trim() !== ''),
    tags: splitTags(str(form, 'tags')),
    requestText: bank === 'mentee' ? optStr(form, 'requestText') : null,
    capacity: bank === 'mentor' ? optInt(form, 'capacity') : undefined,
  };
}

/**
 * A consent's fields from a form, prefixed as the form names them. A self-signed consent
 * without a signer's name takes the person's own name (`selfName`).
 */
export function consentFieldsOf(form: FormLike, prefix: string, selfName: string | null) {
  const signer = str(form, `${prefix}signer`);
  const signerName = str(form, `${prefix}signerName`) || (signer === 'self' && selfName ? selfName : '');
  return {
    purpose: str(form, `${prefix}purpose`) || 'pd_processing',
    signer,
    signerName,
    guardianRelation: signer === 'guardian' ? optStr(form, `${prefix}guardianRelation`) : null,
    signedOn: str(form, `${prefix}signedOn`),
    validUntil: optStr(form, `${prefix}validUntil`),
    documentRef: optStr(form, `${prefix}documentRef`),
  };
}

/** The new person's whole input (NewPersonInput) from the add-person form. */
export function newPersonInputOf(form: FormLike) {
  const bank = str(form, 'bank');
  const person = personFieldsOf(form);
  const withConsent = str(form, 'withConsent') === 'on';
  return {
    ...person,
    ...entryFieldsOf(form, bank),
    ...(withConsent ? { consent: consentFieldsOf(form, 'consent.', person.fullName) } : {}),
  };
}

/** Keeps only the bank list's filter parameters that are set (for links: paging, export). */
export const BANK_FILTERS = ['bank', 'q', 'form', 'tag', 'status', 'consent', 'minor', 'youngSpecialist'] as const;
export function filterQuery(params: Record<string, string | string[] | undefined>, extra: Record<string, string | undefined> = {}): string {
  const out = new URLSearchParams();
  for (const k of BANK_FILTERS) {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s) out.set(k, s);
  }
  for (const [k, v] of Object.entries(extra)) if (v) out.set(k, v);
  return out.toString();
}
