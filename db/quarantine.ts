import { createHash } from 'node:crypto';
import { storableText } from '../lib/audit/sanitize';
import type { Db } from './client';
import { describeDbError } from './error-text';
import { auditQuarantine } from './schema';

/**
 * The bytes a refused audit row is kept as: its JSON in UTF-8. JSON escapes U+0000 and lone
 * surrogates, so the bytes hold the row exactly, whatever it contains; a value JSON has no
 * form for (a BigInt) is written as its decimal string.
 */
export function quarantineBytes(row: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');
}

/** Keeps a refused audit row in audit_quarantine (inside the caller's transaction); returns its id and hash. */
export async function quarantineAuditRow(tx: Db, boardId: string | null, row: unknown, err: unknown): Promise<{ id: number; sha256: string }> {
  const content = quarantineBytes(row);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const [kept] = await tx
    .insert(auditQuarantine)
    .values({ boardId: boardId && storableText(boardId), content, sha256, error: storableText(describeDbError(err)) })
    .returning({ id: auditQuarantine.id });
  return { id: kept.id, sha256 };
}
