import { z } from 'zod';
import { BOARD_KINDS, ROLES } from './permissions/roles';
import { AppError } from './errors';
import { storableText } from './audit/sanitize';

// Text columns refuse U+0000 (a 500 and the statement in the log, instead of a clear 400);
// drivers turn an unpaired surrogate into U+FFFD, so what is stored is not what was sent.
const storable = (s: string) => storableText(s) === s;
const UNSTORABLE = { message: 'contains U+0000 or an unpaired surrogate' };

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
export const Password = z.string().min(8).max(200);
export const PersonName = z.string().trim().min(1).max(200).refine(storable, UNSTORABLE);
export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);

export const NewUser = z.object({ email: Email, name: PersonName, password: Password });
export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export type NewUser = z.infer<typeof NewUser>;

export const NewOrganisation = z.object({
  parentId: z.uuid().nullable(),
  kind: z.enum(['region', 'municipality', 'organisation']),
  name: z.string().trim().min(1).max(300).refine(storable, UNSTORABLE),
  slug: Slug,
});
export type NewOrganisation = z.infer<typeof NewOrganisation>;

const Year = z.coerce.number().int().min(2000).max(2100);
export const NewBoard = z
  .object({
    orgId: z.uuid(),
    kind: z.enum(BOARD_KINDS),
    title: z.string().trim().min(1).max(300).refine(storable, UNSTORABLE),
    periodFrom: Year.nullable().default(null),
    periodTo: Year.nullable().default(null),
  })
  .refine((b) => b.periodFrom === null || b.periodTo === null || b.periodFrom <= b.periodTo, {
    path: ['periodTo'],
    message: 'period ends before it starts',
  });
export type NewBoard = z.infer<typeof NewBoard>;

export const BoardTitle = z.string().trim().min(1).max(300).refine(storable, UNSTORABLE);
export const MembershipInput = z.object({ userId: z.uuid(), orgId: z.uuid(), role: z.enum(ROLES) });
export type MembershipInput = z.infer<typeof MembershipInput>;

/** Parses or throws AppError('INVALID_INPUT') naming the fields that failed. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(input)'))];
  throw new AppError('INVALID_INPUT', `invalid: ${fields.join(', ')}`, { fields });
}
