import { z } from 'zod';
import { storableText } from '../audit/sanitize';
import { AppError } from '../errors';
import { isIsoDate } from './rules';
import { BANK_STATUSES, BANKS, CATEGORIES, CONSENT_PURPOSES, SIGNERS } from './types';

// The shapes a client may send for people, bank entries and consents. Refusals are 422
// UNPROCESSABLE naming the fields (DESIGN.md: people and pairs answer 401/403/404/422).

const storable = (s: string) => storableText(s) === s;
const Text = (max: number) => z.string().trim().max(max).refine(storable, { message: 'unstorable text' });
const OptText = (max: number) =>
  z
    .union([Text(max), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));
export const IsoDate = z.string().trim().refine(isIsoDate, { message: 'not a date YYYY-MM-DD' });
const OptDate = z
  .union([IsoDate, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));
// A whole number or nothing: '' and null are nothing (never coerced to 0).
const OptInt = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.union([z.null(), z.coerce.number().int().min(min).max(max)]));
const Tags = z
  .array(Text(100))
  .max(30)
  .optional()
  .transform((v) => [...new Set((v ?? []).map((t) => t.trim()).filter(Boolean))]);

export const FullName = Text(200).pipe(z.string().min(3, 'too short'));

export const Contacts = z
  .object({ email: OptText(254), phone: OptText(40) })
  .optional()
  .transform((c) => ({ email: c?.email ?? null, phone: c?.phone ?? null }));

export const ConsentInput = z.object({
  purpose: z.enum(CONSENT_PURPOSES).default('pd_processing'),
  signer: z.enum(SIGNERS),
  signerName: Text(200),
  guardianRelation: OptText(60),
  signedOn: IsoDate,
  validUntil: OptDate,
  documentRef: OptText(60),
  textVersion: OptText(60),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

const PersonFields = {
  fullName: FullName,
  birthDate: OptDate,
  category: z.enum(CATEGORIES),
  positionOrClass: OptText(200),
  experienceYears: OptInt(0, 70),
  contacts: Contacts,
};

const EntryFields = {
  forms: Tags,
  tags: Tags,
  requestText: OptText(2000),
  capacity: OptInt(1, 30),
};

export const NewPersonInput = z.object({
  ...PersonFields,
  bank: z.enum(BANKS),
  ...EntryFields,
  status: z.enum(['candidate', 'approved']).optional(),
  consent: ConsentInput.optional(),
});
export type NewPersonInput = z.infer<typeof NewPersonInput>;

export const PersonPatch = z.object(PersonFields).partial();
export type PersonPatch = z.infer<typeof PersonPatch>;

export const EntryInput = z.object({ bank: z.enum(BANKS), ...EntryFields });
export type EntryInput = z.infer<typeof EntryInput>;

export const StatusInput = z.object({ bank: z.enum(BANKS), status: z.enum(BANK_STATUSES) });

export const WithdrawInput = z
  .object({ consentId: z.uuid().optional(), withdrawnOn: OptDate, purpose: z.enum(CONSENT_PURPOSES).optional() })
  .optional()
  .transform((v) => v ?? { withdrawnOn: null });

/** Parses or throws AppError('UNPROCESSABLE') naming the fields that failed. */
export function parsePeopleInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(input)'))];
  throw new AppError('UNPROCESSABLE', `invalid: ${fields.join(', ')}`, { fields });
}
