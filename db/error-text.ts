import { pgErrorCode } from './errors';

/*
 * Database errors carry the values of the failed statement: drizzle's message is
 * "Failed query: <sql>\nparams: <every parameter>" (card text, ids, audit before/after), and
 * some Postgres messages quote the offending value (invalid input syntax for type uuid: "…").
 * What leaves the process (a log line, an admin's health view) says what failed, not with what.
 */

// A quoted identifier ("audit_events", "board_updates.seq") tells where; anything else quoted is a value.
const QUOTED = /"([^"\n]*)"/g;
const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** Text about a database failure without the values in it. */
export function redactDbText(text: string): string {
  const params = text.search(/\n?params: /);
  const head = params >= 0 ? `${text.slice(0, params)} [parameters withheld]` : text;
  return head.replace(QUOTED, (whole, inner: string) => (IDENTIFIER.test(inner) ? whole : '"…"'));
}

/** One line about a failed database call: the Postgres code, the driver's reason and the statement, no values. */
export function describeDbError(err: unknown): string {
  const e = (err ?? {}) as { message?: unknown; query?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? e.cause.message : null;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = pgErrorCode(err);
  const statement = typeof e.query === 'string' ? e.query.replace(/\s+/g, ' ').slice(0, 80) : null;
  const reason = cause ?? (statement ? 'query failed' : message);
  return redactDbText(`${code ? `[${code}] ` : ''}${reason}${statement ? ` (in: ${statement})` : ''}`);
}

/** An error for the log: its stack frames kept, the values of a failed statement withheld. */
export function loggableError(err: unknown): string {
  if (!(err instanceof Error)) return redactDbText(String(err));
  const head = `${err.name}: ${err.message}`;
  const stack = err.stack ?? '';
  const frames = stack.startsWith(head) ? stack.slice(head.length).replace(/^\n/, '') : '';
  const what = 'params' in err || pgErrorCode(err) ? describeDbError(err) : redactDbText(head);
  return frames ? `${what}\n${frames}` : what;
}
