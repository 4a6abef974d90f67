// The people of a programme's banks (DESIGN.md, "Mentoring programme" and "Personal data").
// Personal data (names, birth dates, contacts, free text) lives in Postgres only, in the
// `people`, `bank_entries` and `consents` rows; Yjs documents and audit rows hold ids, and
// an audit row's personal values are encrypted with the person's own key (lib/people/pd-crypto.ts),
// which erasure destroys.

export const CATEGORIES = ['student', 'teacher', 'spo_student', 'employer', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const BANKS = ['mentor', 'mentee'] as const;
export type Bank = (typeof BANKS)[number];

/** candidate → approved (needs a valid processing consent) → in_pair → left. */
export const BANK_STATUSES = ['candidate', 'approved', 'in_pair', 'left'] as const;
export type BankStatus = (typeof BANK_STATUSES)[number];

/** The five forms of the target model (DOMAIN.md); an organisation may add local variants. */
export const DEFAULT_FORMS = [
  'ученик – ученик',
  'учитель – учитель',
  'студент – ученик',
  'работодатель – ученик',
  'работодатель – студент',
] as const;

export const CONSENT_PURPOSES = ['pd_processing', 'publication', 'mentor_duties'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const SIGNERS = ['self', 'guardian'] as const;
export type Signer = (typeof SIGNERS)[number];

/** Age bands kept after erasure instead of the exact birth date (counts stay true). */
export const AGE_BANDS = ['under_10', '10_13', '14_17', '18_24', '25_34', '35_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Dates are ISO calendar dates, 'YYYY-MM-DD', in the organisation's local calendar. */
export type IsoDate = string;

export type Contacts = { email?: string | null; phone?: string | null };

/** A person as the bank shows it to whom DESIGN.md allows (curator, admin, head of its own organisation). */
export type PersonRecord = {
  id: string;
  orgId: string;
  number: number; // «Участник №N» after erasure
  fullName: string; // «Участник №N» once erased
  birthDate: IsoDate | null; // null once erased
  ageBand: AgeBand | null;
  minor: boolean;
  category: Category;
  positionOrClass: string | null; // «8 «Б» класс», «учитель математики»
  experienceYears: number | null; // teaching experience; 0–3 → «молодой специалист»
  youngSpecialist: boolean;
  contacts: Contacts;
  userId: string | null; // the linked account (mentor / mentee role)
  erasedAt: string | null;
  eraseDueOn: IsoDate | null; // withdrawal + 30 days (ст. 21 ч. 5)
  createdAt: string;
};

export type BankEntry = {
  id: string;
  personId: string;
  bank: Bank;
  forms: string[];
  tags: string[]; // competencies (mentor) or requests (mentee)
  requestText: string | null;
  capacity: number | null; // mentors: how many mentees at once
  status: BankStatus;
  registeredOn: IsoDate;
};

export type ConsentRecord = {
  id: string;
  personId: string;
  purpose: ConsentPurpose;
  signer: Signer;
  signerName: string; // the person or the guardian
  guardianRelation: string | null; // «мать», «отец», «опекун»
  signedOn: IsoDate;
  validUntil: IsoDate | null;
  withdrawnOn: IsoDate | null;
  documentRef: string; // the paper's number
  textVersion: string; // which consent text was signed
};

/** The operator (the organisation) as the consent and the act name it. */
export type Operator = { name: string; address?: string | null; inn?: string | null; head?: string | null };
