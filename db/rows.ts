import type { SQL } from 'drizzle-orm';
import type { Db } from './client';

/** Rows of a raw query: postgres.js returns an array, PGlite an object with `rows`. */
export async function execRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}
