import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, firstBrokenLink, type AuditFacts } from '../audit/chain';
import { ERASED, HIDDEN, isSealed, newPersonKey, openSealed, seal, unseal } from './pd-crypto';

const ID = '7f1b2c3d-0000-4000-8000-000000000001';

describe('sealed personal values', () => {
  it('open with the person’s key and only with it; the ciphertext shows nothing of the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const key = newPersonKey();
        const sealed = seal(key, ID, value);
        expect(isSealed(sealed)).toBe(true);
        expect(unseal(key, ID, sealed)).toEqual(JSON.parse(JSON.stringify(value ?? null)));
        expect(unseal(newPersonKey(), ID, sealed)).toBeUndefined();
        expect(unseal(key, ID.replace('1', '2'), sealed)).toBeUndefined(); // bound to the person
      }),
      { numRuns: 200 },
    );
    const s = seal(newPersonKey(), ID, { fullName: 'Иванова Мария' });
    expect(JSON.stringify(s)).not.toMatch(/Иванова|Мария/);
  });

  it('a tampered ciphertext does not open', () => {
    const key = newPersonKey();
    const s = seal(key, ID, 'секрет');
    const [v, iv, ct] = s.$pd.split('.');
    const bytes = Buffer.from(ct, 'base64');
    bytes[0] ^= 1;
    expect(unseal(key, ID, { $pd: `${v}.${iv}.${bytes.toString('base64')}` })).toBeUndefined();
  });

  it('for a reader: opened with a key, «erased» without one, hidden from whom may not see it', () => {
    const key = newPersonKey();
    const value = { number: 3, pd: seal(key, ID, { fullName: 'Петров' }) };
    expect(openSealed(value, ID, () => key)).toEqual({ number: 3, pd: { fullName: 'Петров' } });
    expect(openSealed(value, ID, () => null)).toEqual({ number: 3, pd: ERASED });
    expect(openSealed(value, ID, () => undefined)).toEqual({ number: 3, pd: HIDDEN });
  });

  it('the audit chain verifies the same once the key is gone: it hashes the ciphertext', () => {
    const key = newPersonKey();
    const rows: (AuditFacts & { prevHash: string | null; hash: string })[] = [];
    let prev: string | null = null;
    for (const name of ['А', 'Б', 'В']) {
      const facts: AuditFacts = { at: new Date(0).toISOString(), actorId: null, orgId: null, boardId: null, type: 'person.updated', entityType: 'person', entityId: ID, before: null, after: { pd: seal(key, ID, name) } };
      const hash = chainHash(prev, facts);
      rows.push({ ...facts, prevHash: prev, hash });
      prev = hash;
    }
    expect(firstBrokenLink(rows)).toBe(-1); // nothing in a row depends on the key
  });
});
