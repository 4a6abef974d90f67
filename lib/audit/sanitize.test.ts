import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './chain';
import { MAX_DEPTH, storable, storableText, TOO_DEEP } from './sanitize';

// Any UTF-16 code units, with U+0000 and surrogate halves drawn often.
const unit = fc.oneof(fc.constantFrom(0, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00), fc.integer({ min: 0, max: 0xffff }));
const anyText = fc.array(unit, { maxLength: 20 }).map((codes) => String.fromCharCode(...codes));
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyText,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.uint8Array({ maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** What Postgres and the drivers refuse or change: an escaped U+0000 or a lone surrogate in the JSON text. */
const unstorable = (json: string) => /\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(json) || json.includes('\u0000');
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('storable', () => {
  it('always gives a value whose JSON has no U+0000 and no lone surrogate, and that JSON keeps as it is', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        const out = storable(v);
        const json = JSON.stringify(out);
        expect(unstorable(json)).toBe(false);
        expect(wellFormed(json)).toBe(true);
        // Through jsonb and back the value, and so its hash, is the same.
        expect(canonicalJson(JSON.parse(json))).toBe(canonicalJson(out));
        expect(storable(out)).toEqual(out); // idempotent
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves storable text alone and replaces only what is not storable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!s.includes('\u0000'));
        expect(storableText(s)).toBe(s);
      }),
    );
    expect(storableText('a\u0000b')).toBe('a\ufffdb');
    expect(storableText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(storableText('😀\ud83d')).toBe('😀\ufffd');
    expect(storable({ 'k\u0000': ['\u0000', 1n, NaN, new Uint8Array([1, 2])] })).toEqual({ 'k\ufffd': ['\ufffd', '1', null, [1, 2]] });
  });

  it('keeps a key named __proto__ as a key and cuts hostile nesting', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}');
    const out = storable(hostile) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const cut = JSON.stringify(storable(deep));
    expect(cut).toContain(JSON.stringify(TOO_DEEP));
    expect(cut.split('[').length - 1).toBe(MAX_DEPTH);
  });
});
