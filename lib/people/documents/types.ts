// The inputs of the personal-data documents (issue 13): plain data, no database types.
// The db/ and app/ layers read the rows, decide what may be shown, and pass these in;
// the builders in this folder only lay the text out as DOCX.

import type { Bank, ConsentPurpose, IsoDate, Operator, Signer } from '../types';

/**
 * The operator as the documents name it. `ogrn` and `site` are optional extras that the
 * publication consent asks for (приказ РКН № 18); any `Operator` fits.
 */
export type DocOperator = Operator & { ogrn?: string | null; site?: string | null };

/**
 * Persons commissioned by the operator to process the data (ч. 3 ст. 6 152-ФЗ).
 * `undefined` or `null`: unknown — a blank line to fill in by hand; `[]`: none («не поручается»).
 */
export type Processors = { name: string; address?: string | null }[] | null | undefined;

export type ConsentFormInput = {
  operator: DocOperator;
  purpose: ConsentPurpose;
  person: { fullName: string; birthDate: IsoDate | null; positionOrClass: string | null };
  signer: Signer;
  /** Read only when `signer` is 'guardian'. */
  guardian?: { fullName: string | null; relation: string | null };
  documentRef: string | null;
  textVersion: string;
  validUntil: IsoDate | null;
  signedOn: IsoDate | null;
  /** The day the form is printed (printed at the foot; the form's date stays blank when unsigned). */
  today: IsoDate;
  processors?: Processors;
};

/** Why the data was destroyed (приказ РКН № 179, п. 3 «и»). */
export type DestructionReason =
  | { kind: 'withdrawal'; withdrawnOn: IsoDate | null }
  | { kind: 'term_expired'; validUntil: IsoDate | null }
  | { kind: 'curator_request'; requestedBy: string | null }
  | { kind: 'other'; text: string };

/** One row of the person's event log, as the audit trail holds it (actors are staff). */
export type PersonEvent = {
  /** ISO date-time (UTC or with offset); printed in `timeZone`. */
  at: string;
  actor: string;
  /** e.g. 'person.created', 'consent.withdrawn', 'person.erased' (see describePersonEvent). */
  type: string;
  note?: string | null;
  /** For an entry into a bank: which one («Внесён в банк наставляемых»). */
  bank?: Bank | null;
};

export type DestructionActInput = {
  operator: DocOperator;
  actNumber: string | null;
  /** «Участник №N»: the name is already gone when the act is printed. */
  subjectLabel: string;
  /** The internal id of the person's record. */
  personId: string;
  destroyedBy: { fullName: string; position: string | null }[];
  /** The categories destroyed; DESTROYED_CATEGORIES when absent. */
  categories?: string[];
  /** DEFAULT_SYSTEM when absent. */
  system?: string;
  /** DEFAULT_METHOD when absent. */
  method?: string;
  reason: DestructionReason;
  destroyedOn: IsoDate;
  events: PersonEvent[];
  processors?: Processors;
  /** IANA zone for the event times; 'Europe/Moscow' when absent. */
  timeZone?: string;
  today: IsoDate;
};

/** A consent as the answer lists it (the fields of ConsentRecord it prints). */
export type DocConsent = {
  purpose: ConsentPurpose;
  signer: Signer;
  signerName: string | null;
  guardianRelation: string | null;
  signedOn: IsoDate | null;
  validUntil: IsoDate | null;
  withdrawnOn: IsoDate | null;
  documentRef: string | null;
  textVersion: string | null;
};

/** One read of the person's record or of a list showing it (the personal-data access log). */
export type AccessEntry = {
  /** ISO date-time. */
  at: string;
  actorName: string;
  /** A role code of lib/permissions/roles (printed in Russian) or any text. */
  role: string | null;
  /** Which view: e.g. «карточка участника», «банк наставляемых». */
  view: string | null;
};

export type SubjectRequestAnswerInput = {
  operator: DocOperator;
  answerNumber: string | null;
  /** The request being answered: who asked (the subject or the representative) and when. */
  request: { receivedOn: IsoDate | null; requesterName: string | null; requesterAddress?: string | null; ref?: string | null };
  /** The subject as the record holds them now. */
  subjectName: string;
  /** What is held: each field with its current value (null or '' = nothing held). */
  fields: { label: string; value: string | null }[];
  /** When the data was entered (the record's creation date). */
  enteredOn: IsoDate | null;
  /** Where the data came from; «от субъекта персональных данных (его законного представителя)» when absent. */
  source?: string | null;
  consents: DocConsent[];
  access: AccessEntry[];
  processors?: Processors;
  responsible: { fullName: string | null; position: string | null };
  timeZone?: string;
  today: IsoDate;
};
