/** The Postgres error code of a driver error, through drizzle's wrapping (both drivers). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';

/**
 * A refusal of the data itself, which retrying cannot cure: SQLSTATE class 22 (data
 * exception: U+0000 in text, 22021/22P05; bad JSON, 22P02), 23 (integrity constraint) or
 * 54 (program limit: a value too large or too deep), or a value the driver could not even
 * serialise (a TypeError or RangeError raised on our side, e.g. a BigInt in JSON). Anything
 * else (no connection, a timeout, a restart, a deadlock) is transient.
 */
export function isDataError(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code) return ['22', '23', '54'].includes(code.slice(0, 2));
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TypeError || e instanceof RangeError) return true;
  }
  return false;
}

