import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesSomething, diffAfter, diffBefore, ELLIPSIS, trimDiff, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words a title change added and removed, keeping the rest', () => {
    expect(wordDiff('Разработка положения о наставничестве', 'Разработка и утверждение положения о наставничестве в школе')).toEqual([
      { op: 'same', text: 'Разработка ' },
      { op: 'added', text: 'и утверждение ' },
      { op: 'same', text: 'положения о наставничестве' },
      { op: 'added', text: ' в школе' },
    ]);
  });

  it('replaces a whole word, never letters inside it, removed before added', () => {
    expect(wordDiff('Утверждение положения', 'Утверждение положений')).toEqual([
      { op: 'same', text: 'Утверждение ' },
      { op: 'removed', text: 'положения' },
      { op: 'added', text: 'положений' },
    ]);
  });

  it('reads null and undefined as empty, and an unchanged text as one same part', () => {
    expect(wordDiff(null, 'Новый текст')).toEqual([{ op: 'added', text: 'Новый текст' }]);
    expect(wordDiff('Старый текст', undefined)).toEqual([{ op: 'removed', text: 'Старый текст' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('Без изменений', 'Без изменений')).toEqual([{ op: 'same', text: 'Без изменений' }]);
    expect(changesSomething(wordDiff('Без изменений', 'Без изменений'))).toBe(false);
  });

  it('keeps line breaks of a description', () => {
    const parts = wordDiff('Первый абзац.\nВторой абзац.', 'Первый абзац.\nТретий абзац.');
    expect(parts).toContainEqual({ op: 'removed', text: 'Второй' });
    expect(parts).toContainEqual({ op: 'added', text: 'Третий' });
    expect(diffAfter(parts)).toBe('Первый абзац.\nТретий абзац.');
  });

  it('always spells the old text from same+removed and the new one from same+added', () => {
    const words = fc.constantFrom('план', 'срок', 'наставник', ' ', '  ', '\n', ',', '.', 'Ёлка', '«', '»', '😀', 'x');
    const text = fc.array(words, { maxLength: 30 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = wordDiff(a, b);
        expect(diffBefore(parts)).toBe(a);
        expect(diffAfter(parts)).toBe(b);
        expect(parts.every((p) => p.text !== '')).toBe(true);
        parts.slice(1).forEach((p, i) => expect(p.op).not.toBe(parts[i].op));
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on a rewrite too big to diff finely, and still tells the truth quickly', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `слово${i}`).join(' ');
    const b = Array.from({ length: 6000 }, (_, i) => `иное${i}`).join(' ');
    const t = performance.now();
    const parts = wordDiff(a, b);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(diffBefore(parts)).toBe(a);
    expect(diffAfter(parts)).toBe(b);
  });
});

describe('trimDiff', () => {
  const long = (n: number, w = 'текст') => Array.from({ length: n }, () => w).join(' ');

  it('cuts long unchanged stretches down to the context around the changes', () => {
    const before = `${long(100)} старое ${long(100)}`;
    const after = `${long(100)} новое ${long(100)}`;
    const trimmed = trimDiff(wordDiff(before, after), 30);
    expect(trimmed.filter((p) => p.op !== 'same')).toEqual([
      { op: 'removed', text: 'старое' },
      { op: 'added', text: 'новое' },
    ]);
    const [head, , , tail] = trimmed;
    expect(head.text.startsWith(ELLIPSIS)).toBe(true);
    expect(head.text.length).toBeLessThanOrEqual(32);
    expect(tail.text.endsWith(ELLIPSIS)).toBe(true);
    expect(tail.text.length).toBeLessThanOrEqual(32);
  });

  it('keeps both sides of a stretch between two changes, with «…» in the middle', () => {
    const before = `один ${long(100)} два`;
    const after = `1 ${long(100)} 2`;
    const middle = trimDiff(wordDiff(before, after), 20).find((p) => p.op === 'same' && p.text.includes(ELLIPSIS))!;
    expect(middle.text).toMatch(/^ текст.*….*текст $/);
    expect(middle.text.length).toBeLessThan(45);
  });

  it('leaves short diffs as they are and never cuts a change', () => {
    const parts = wordDiff('короткий текст', 'короткий новый текст');
    expect(trimDiff(parts, 80)).toEqual(parts);
    const big = long(500, 'добавлено');
    expect(trimDiff(wordDiff('', big), 10)).toEqual([{ op: 'added', text: big }]);
  });
});
