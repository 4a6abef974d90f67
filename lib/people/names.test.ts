import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, joinName, nameKey } from './names';

describe('nameKey', () => {
  it('ignores case, ё/е, punctuation and spacing', () => {
    expect(nameKey('Фёдоров  Пётр\u00a0Ильич')).toBe('федоров петр ильич');
    expect(nameKey(' федоров, петр ильич. ')).toBe('федоров петр ильич');
    expect(nameKey('Петрова-Водкина Анна')).toBe(nameKey('Петрова Водкина анна'));
    // a decomposed «ё» (е + U+0308) is the same letter
    expect(nameKey('Фе\u0308доров')).toBe('федоров');
  });

  it('keeps different names apart', () => {
    expect(nameKey('Иванов Иван')).not.toBe(nameKey('Иванова Ивана'));
  });

  it('is idempotent, and the key of a re-spaced or re-cased name is the same', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[А-ЯЁа-яё]{1,8}$/), { minLength: 1, maxLength: 3 }), (parts) => {
        const name = parts.join(' ');
        expect(nameKey(nameKey(name))).toBe(nameKey(name));
        expect(nameKey(`  ${parts.join('   ').toUpperCase()} `)).toBe(nameKey(name));
      }),
    );
  });
});

describe('joinName and cleanText', () => {
  it('joins the parts of a name, dropping the empty ones', () => {
    expect(joinName(['Орлов', ' Максим ', null, ''])).toBe('Орлов Максим');
    expect(cleanText(' a \n b\t')).toBe('a b');
  });
});
