import { and, eq, isNull } from 'drizzle-orm';
import { NewUser, parseInput } from '../../lib/validation';
import type { Db } from '../client';
import { organisations, type Organisation } from '../schema';
import { createOrganisation, SYSTEM } from './organisations';
import { createUser, type PublicUser } from './users';

/**
 * The installation's first region and its administrator (npm run admin:create), audited as
 * the system's acts. The account is checked before the region is made, so a bad email or
 * password leaves nothing behind; a region with the same slug is taken as it is, so a run
 * that failed half-way can be repeated.
 */
export async function createFirstAdmin(
  db: Db,
  input: { region: string; slug: string; email: string; password: string; name: string },
): Promise<{ region: Organisation; regionCreated: boolean; user: PublicUser }> {
  const account = parseInput(NewUser, { email: input.email, name: input.name, password: input.password });
  const [existing] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.slug, input.slug.trim().toLowerCase()), isNull(organisations.parentId)));
  const region = existing ?? (await createOrganisation(db, SYSTEM, { parentId: null, kind: 'region', name: input.region, slug: input.slug }));
  const user = await createUser(db, SYSTEM, account, { orgId: region.id, role: 'admin' });
  return { region, regionCreated: !existing, user };
}
