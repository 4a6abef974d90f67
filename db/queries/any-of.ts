import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/*
 * `column = any($1::type[])`: a list of values as ONE parameter, a Postgres array literal. An
 * IN list (drizzle's inArray) builds a parameter per value, which costs more to build than to
 * run once a page of the history names thousands of ids; one parameter also keeps the text of
 * the statement the same whatever the list's length.
 */
const literal = (values: readonly (string | number)[]) =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

export const anyOf = (column: SQLWrapper, values: readonly (string | number)[], type: 'uuid' | 'text' | 'bigint'): SQL =>
  sql`${column} = any(${literal(values)}::${sql.raw(type)}[])`;
