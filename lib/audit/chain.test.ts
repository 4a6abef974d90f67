import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, firstBrokenLink, type AuditFacts } from './chain';

const facts = (n: number): AuditFacts => ({
  at: new Date(Date.UTC(2026, 10, 23, 10, n)).toISOString(),
  actorId: 'u1',
  orgId: 'o1',
  boardId: 'b1',
  type: 'board.renamed',
  entityType: 'board',
  entityId: 'b1',
  before: { title: `v${n}` },
  after: { title: `v${n + 1}`, extra: { z: 1, a: [2, 1] } },
});

function chain(n: number) {
  const rows = [];
  let prev: string | null = null;
  for (let i = 0; i < n; i++) {
    const f = facts(i);
    const hash = chainHash(prev, f);
    rows.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('an intact chain verifies', () => {
    expect(firstBrokenLink(chain(5))).toBe(-1);
  });

  it('an edited row, a deleted row and a reordered pair are each found', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2], after: { title: 'forged' } };
    expect(firstBrokenLink(edited)).toBe(2);

    const deleted = chain(5);
    deleted.splice(3, 1);
    expect(firstBrokenLink(deleted)).toBe(3);

    const swapped = chain(5);
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(firstBrokenLink(swapped)).toBe(1);
  });

  it('a check that resumes from the last verified hash links the next rows to it, and only to it', () => {
    const rows = chain(6);
    expect(firstBrokenLink(rows.slice(3), rows[2].hash)).toBe(-1);
    expect(firstBrokenLink(rows.slice(3))).toBe(0); // not the start of the chain
    expect(firstBrokenLink(rows.slice(3), rows[1].hash)).toBe(0); // a row is missing between the two checks
    const forged = rows.slice(3);
    forged[1] = { ...forged[1], after: { title: 'forged' } };
    expect(firstBrokenLink(forged, rows[2].hash)).toBe(1);
  });

  // Each fact the hash claims to cover, forged on its own: a hash that left one out would
  // let that fact be rewritten unnoticed (who did it, what, to which entity, when, from what).
  it.each([
    ['actorId', { actorId: 'u2' }],
    ['actorId to nobody', { actorId: null }],
    ['orgId', { orgId: 'o2' }],
    ['boardId', { boardId: 'b2' }],
    ['type', { type: 'board.archived' }],
    ['entityType', { entityType: 'card' }],
    ['entityId', { entityId: 'k9' }],
    ['at', { at: new Date(Date.UTC(2026, 10, 23, 10, 2, 1)).toISOString() }],
    ['before', { before: { title: 'forged' } }],
    ['after', { after: { title: 'forged' } }],
  ] as [string, Partial<AuditFacts>][])('a row with a forged %s is found', (_what, forged) => {
    const rows = chain(5);
    rows[2] = { ...rows[2], ...forged };
    expect(firstBrokenLink(rows)).toBe(2);
  });

  // From the mutation run (npm run mutate): each of these survived before.
  it('a row whose stored link (prevHash) was rewritten is found, though its hash still matches', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], prevHash: 'f'.repeat(64) };
    expect(firstBrokenLink(rows)).toBe(2);
  });

  it('an array and an object with the same entries hash differently', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson({ 0: 1, 1: 2 }));
    const rows = chain(3);
    rows[1] = { ...rows[1], after: { title: 'v2', extra: { z: 1, a: { 0: 2, 1: 1 } } } };
    expect(firstBrokenLink(rows)).toBe(1);
  });

  it('hashes are 64 hex digits (what the database and the verifier store and compare)', () => {
    for (const row of chain(3)) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
