import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describeDbError, loggableError, redactDbText } from './error-text';

const failed = () => {
  const cause = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
  return new DrizzleQueryError(
    'insert into "audit_events" ("id", "after") values (default, $1)',
    ['{"title":"Секретная карточка \\u0000"}', 'a1b2c3d4-0000-4000-8000-000000000000'],
    cause,
  );
};

describe('database errors without their values', () => {
  it("drizzle's failed query keeps the code, reason and statement, not the parameters", () => {
    const text = describeDbError(failed());
    expect(failed().message).toContain('Секретная карточка'); // what drizzle puts in its message
    expect(text).toBe('[22P05] unsupported Unicode escape sequence (in: insert into "audit_events" ("id", "after") values (default, $1))');
    expect(text).not.toContain('Секретная');
    expect(text).not.toContain('a1b2c3d4');
  });

  it('a quoted value in a Postgres message is withheld, a quoted identifier kept', () => {
    expect(redactDbText('invalid input syntax for type uuid: "Иванов Иван"')).toBe('invalid input syntax for type uuid: "…"');
    expect(redactDbText('relation "audit_events" does not exist')).toBe('relation "audit_events" does not exist');
  });

  it('a message with "params:" loses everything after it, whatever it holds', () => {
    expect(redactDbText('cannot write (Failed query: insert into x values ($1)\nparams: тайна)); keeping 3')).toBe(
      'cannot write (Failed query: insert into x values ($1) [parameters withheld]',
    );
  });

  it('other errors keep their message', () => {
    expect(describeDbError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('an error for the log keeps its frames but not the parameters', () => {
    const text = loggableError(failed());
    expect(text).toMatch(/^\[22P05\] unsupported Unicode escape sequence/);
    expect(text).toMatch(/\n\s+at /);
    expect(text).not.toContain('Секретная');
    expect(loggableError(new TypeError('x is not a function'))).toMatch(/^TypeError: x is not a function\n\s+at /);
  });
});
