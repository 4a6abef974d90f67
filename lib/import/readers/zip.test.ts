import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateParts, InflateLimitError, limitMessage, listZip } from './zip';

const LOOSE = { maxBytes: 1 << 30, maxElements: 1 << 30 };

/** The error `fn` throws (the test fails when it throws none). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('listZip', () => {
  it('lists the entries from the central directory without inflating', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'), 'dir/b.xml': strToU8('<b/>') }, { level: 9 });
    expect(listZip(zip)?.map((e) => [e.name, e.method])).toEqual([
      ['a.xml', 8],
      ['dir/b.xml', 8],
    ]);
  });

  it('gives null for what is not a readable zip', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>') });
    expect(listZip(strToU8('PK\u0003\u0004 nothing more'))).toBeNull();
    expect(listZip(zip.subarray(0, zip.length - 10))).toBeNull();
    expect(listZip(zip.subarray(10))).toBeNull();
    expect(listZip(new Uint8Array(0))).toBeNull();
  });
});

describe('inflateParts', () => {
  it('returns the wanted parts, stored or deflated, and inflates no others', () => {
    const zip = zipSync({ 'a.xml': [strToU8('<a>один</a>'), { level: 0 }], 'b.xml': strToU8('<b/>'), 'c.xml': strToU8('<c/>') });
    const parts = inflateParts(zip, (n) => n !== 'c.xml', LOOSE);
    expect(Object.keys(parts)).toEqual(['a.xml', 'b.xml']);
    expect(new TextDecoder().decode(parts['a.xml'])).toBe('<a>один</a>');
    expect(inflateParts(zip, () => true, LOOSE, (n) => n === 'b.xml')).toEqual({ 'b.xml': strToU8('<b/>') });
  });

  it('counts what comes out of the inflater, across all parts, not what the headers declare', () => {
    const mb = 1024 * 1024;
    const zip = zipSync({ 'a.xml': strToU8('x'.repeat(6 * mb)), 'b.xml': strToU8('x'.repeat(6 * mb)) }, { level: 9 });
    // The central directory says 10 bytes each.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 10, true);
    expect(Object.keys(inflateParts(zip, () => true, { maxBytes: 12 * mb, maxElements: 10 }))).toHaveLength(2);
    const err = thrown(() => inflateParts(zip, () => true, { maxBytes: 10 * mb, maxElements: 10 }));
    expect(err).toBeInstanceOf(InflateLimitError);
    expect((err as InflateLimitError).limit).toBe('bytes');
    expect(limitMessage(err as InflateLimitError)).toMatch(/больше 10 МБ/);
  });

  it('counts start tags only, in UTF-8 and UTF-16 (either byte order), across chunk boundaries', () => {
    const xml = '<?xml version="1.0"?><!-- c --><r a="1"><x/><ж>т</ж><![CDATA[ ]]></r>' + '<p/>'.repeat(5000);
    const elements = 3 + 5000;
    // «м» is U+043C: a `<` in one of its bytes is not a tag.
    const text = xml.replace('т', 'мммм');
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    for (const bytes of [strToU8(xml), le, be]) {
      const zip = zipSync({ 'a.xml': bytes }, { level: 9 });
      expect(() => inflateParts(zip, () => true, { maxBytes: 1 << 20, maxElements: elements })).not.toThrow();
      const err = thrown(() => inflateParts(zip, () => true, { maxBytes: 1 << 20, maxElements: elements - 1 }));
      expect((err as InflateLimitError).limit).toBe('elements');
      expect(limitMessage(err as InflateLimitError)).toMatch(/элементов разметки/);
    }
  });

  it('stops a bomb at the limit instead of inflating it whole', () => {
    const bomb = zipSync({ 'a.xml': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = performance.now();
    expect(thrown(() => inflateParts(bomb, () => true, { maxBytes: 1024 * 1024, maxElements: 10 }))).toBeInstanceOf(InflateLimitError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('throws a plain Error for corrupt data or an unknown compression', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a>' + 'текст '.repeat(1000) + '</a>') }, { level: 9 });
    const entry = listZip(zip)![0];
    const corrupt = zip.slice();
    corrupt.fill(0xff, entry.dataStart, entry.dataStart + 20);
    const err = thrown(() => inflateParts(corrupt, () => true, LOOSE));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(InflateLimitError);
    const unknown = zip.slice();
    const view = new DataView(unknown.buffer);
    for (let i = 0; i + 4 <= unknown.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 99, true);
    expect(thrown(() => inflateParts(unknown, () => true, LOOSE))).not.toBeInstanceOf(InflateLimitError);
  });
});
