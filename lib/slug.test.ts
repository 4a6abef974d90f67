import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugFromName } from './slug';
import { Slug } from './validation';

describe('slugFromName', () => {
  it('transliterates Russian names', () => {
    expect(slugFromName('Новоградская область')).toBe('novogradskaya-oblast');
    expect(slugFromName('Республика Саха (Якутия)')).toBe('respublika-sakha-yakutiya');
    expect(slugFromName('«Школа № 7»')).toBe('shkola-7');
    expect(slugFromName('—')).toBe('org');
  });

  it('always gives a valid slug', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => Slug.safeParse(slugFromName(s)).success));
  });
});
