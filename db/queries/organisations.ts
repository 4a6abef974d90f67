import { asc, eq, sql } from 'drizzle-orm';
import { can, type Principal } from '../../lib/permissions';
import { AppError } from '../../lib/errors';
import { NewOrganisation, parseInput } from '../../lib/validation';
import type { Db } from '../client';
import { appendAudit } from '../audit';
import { isUniqueViolation } from '../errors';
import { execRows } from '../rows';
import { organisations, type Organisation } from '../schema';

export type OrgNode = Organisation & { path: string[] };

/** Every organisation with its path of ids from the root (ancestors first, itself last). */
export async function listOrganisations(db: Db): Promise<OrgNode[]> {
  const all = await db.select().from(organisations).orderBy(asc(organisations.name));
  const byId = new Map(all.map((o) => [o.id, o]));
  const pathOf = (o: Organisation): string[] => {
    const path: string[] = [];
    for (let cur: Organisation | undefined = o; cur && path.length < 16; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      path.unshift(cur.id);
    }
    return path;
  };
  return all.map((o) => ({ ...o, path: pathOf(o) }));
}

export async function orgPath(db: Db, orgId: string): Promise<string[]> {
  const rows = await execRows<{ id: string }>(db, sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from organisations where id = ${orgId}
      union all
      select o.id, o.parent_id, up.depth + 1 from organisations o join up on o.id = up.parent_id where up.depth < 16
    )
    select id from up order by depth desc`);
  return rows.map((r) => r.id);
}

/** Organisations the principal holds any role in, and every one below them. */
export async function visibleOrganisations(db: Db, principal: Principal): Promise<OrgNode[]> {
  const all = await listOrganisations(db);
  return all.filter((o) => can(principal, 'org.read', { type: 'org', orgPath: o.path }));
}

/** The installation itself (seed, CLI): the only actor that may create a root region. */
export const SYSTEM = { id: null, system: true } as const;
export type Actor = Principal | typeof SYSTEM;
export const actorId = (actor: Actor) => ('system' in actor ? null : actor.id);

// Create an organisation: an admin of the parent may; a root region only the system.
export async function createOrganisation(db: Db, actor: Actor, input: unknown): Promise<Organisation> {
  const data = parseInput(NewOrganisation, input);
  if (data.parentId === null && !('system' in actor)) throw new AppError('FORBIDDEN');
  if (data.parentId !== null && !('system' in actor)) {
    // An unknown parent is refused like a foreign one: the answer tells a caller nothing.
    const path = await orgPath(db, data.parentId);
    if (path.length === 0 || !can(actor, 'org.manage', { type: 'org', orgPath: path })) throw new AppError('FORBIDDEN');
  }
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.insert(organisations).values(data).returning();
      await appendAudit(tx, {
        actorId: actorId(actor),
        orgId: org.id,
        boardId: null,
        type: 'org.created',
        entityType: 'organisation',
        entityId: org.id,
        after: { name: org.name, slug: org.slug, kind: org.kind, parentId: org.parentId },
      });
      return org;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('SLUG_TAKEN', `slug ${data.slug} is taken`);
    throw err;
  }
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  return org;
}
