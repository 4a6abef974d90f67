import { addDays, isMinor } from '../people/rules';
import type { Category, ConsentPurpose, ConsentRecord, IsoDate, AgeBand, Signer } from '../people/types';

// Pure consent rules (152-ФЗ; DOMAIN.md "Consent"). No I/O.

/** ст. 21 ч. 5: data is destroyed within 30 days of the withdrawal. */
export const ERASURE_TERM_DAYS = 30;

type ConsentLike = Pick<ConsentRecord, 'purpose' | 'signer' | 'signedOn' | 'validUntil' | 'withdrawnOn'>;
type PersonLike = { birthDate: IsoDate | null; category: Category; ageBand?: AgeBand | null };

/** A consent in force on a date: signed by then, not past its term, not withdrawn by then. */
export function consentInForce(c: ConsentLike, on: IsoDate): boolean {
  if (c.signedOn > on) return false;
  if (c.validUntil !== null && c.validUntil < on) return false;
  if (c.withdrawnOn !== null && c.withdrawnOn <= on) return false;
  return true;
}

export type ConsentState = 'valid' | 'none' | 'withdrawn' | 'expired';

/** The state of a person's consent for one purpose, as the badges and the «нет согласия» filter show it. */
export function consentState(consents: readonly ConsentLike[], purpose: ConsentPurpose, on: IsoDate): ConsentState {
  const mine = consents.filter((c) => c.purpose === purpose && c.signedOn <= on);
  if (mine.some((c) => consentInForce(c, on))) return 'valid';
  if (mine.some((c) => c.withdrawnOn !== null && c.withdrawnOn <= on)) return 'withdrawn';
  if (mine.some((c) => c.validUntil !== null && c.validUntil < on)) return 'expired';
  return 'none';
}

/** The consent in force for a purpose (the latest signed), or undefined. */
export function consentInForceFor<C extends ConsentLike>(consents: readonly C[], purpose: ConsentPurpose, on: IsoDate): C | undefined {
  return consents
    .filter((c) => c.purpose === purpose && consentInForce(c, on))
    .sort((a, b) => (a.signedOn < b.signedOn ? 1 : a.signedOn > b.signedOn ? -1 : 0))[0];
}

export type ConsentProblem =
  | 'CONSENT_GUARDIAN_REQUIRED' // a minor's consent signed by the minor
  | 'CONSENT_GUARDIAN_DETAILS' // a guardian's consent without the guardian's name or relation
  | 'CONSENT_DATE_FUTURE'
  | 'CONSENT_TERM_INVALID' // valid until before it was signed
  | 'CONSENT_BEFORE_BIRTH';

/**
 * Why a consent may not be recorded, or null. Anyone under 18 on the day of signing has a
 * parent or guardian sign (DOMAIN.md: the law names no age, practice has a guardian sign).
 */
export function consentProblem(
  person: PersonLike,
  c: { signer: Signer; signerName: string; guardianRelation: string | null; signedOn: IsoDate; validUntil: IsoDate | null },
  today: IsoDate,
): ConsentProblem | null {
  if (c.signedOn > today) return 'CONSENT_DATE_FUTURE';
  if (person.birthDate && c.signedOn < person.birthDate) return 'CONSENT_BEFORE_BIRTH';
  if (c.validUntil !== null && c.validUntil < c.signedOn) return 'CONSENT_TERM_INVALID';
  if (c.signer === 'self' && isMinor(person, c.signedOn)) return 'CONSENT_GUARDIAN_REQUIRED';
  if (c.signer === 'guardian' && (!c.signerName.trim() || !c.guardianRelation?.trim())) return 'CONSENT_GUARDIAN_DETAILS';
  return null;
}

/** Nobody is approved into a bank (or matched) without a processing consent in force. */
export function mayProcess(consents: readonly ConsentLike[], on: IsoDate): boolean {
  return consentState(consents, 'pd_processing', on) === 'valid';
}

/** The last day by which a withdrawn person's data must be destroyed. */
export const erasureDueOn = (withdrawnOn: IsoDate): IsoDate => addDays(withdrawnOn, ERASURE_TERM_DAYS);
