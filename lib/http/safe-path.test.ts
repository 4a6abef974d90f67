import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-path';

const ORIGIN = 'https://tropa.example.ru';

/** What a browser would do with the result: it must stay on this site, as a path. */
function staysHome(result: string): boolean {
  const url = new URL(result, ORIGIN);
  return url.origin === ORIGIN && result.startsWith('/') && !result.startsWith('//') && !result.includes('\\');
}

describe('safeLocalPath', () => {
  it('keeps ordinary paths of this site, with their query and fragment', () => {
    expect(safeLocalPath('/')).toBe('/');
    expect(safeLocalPath('/admin')).toBe('/admin');
    expect(safeLocalPath('/boards/0f8e/history?card=1#c2')).toBe('/boards/0f8e/history?card=1#c2');
    expect(safeLocalPath('/boards/%D0%BA')).toBe('/boards/%D0%BA');
  });

  it('refuses every known way out of the site', () => {
    const attacks = [
      '/\\evil.example',
      '\\\\evil.example',
      '//evil.example',
      '///evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/..//evil.example',
      '/./../\u0000/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
      ' /admin',
      'evil.example',
      '',
      '/\u2028/evil.example',
      `/${'a'.repeat(3000)}`,
    ];
    for (const a of attacks) expect(safeLocalPath(a), JSON.stringify(a)).toBe('/');
    for (const a of [undefined, null, 42, ['/admin'], { toString: () => '/admin' }]) expect(safeLocalPath(a)).toBe('/');
    expect(safeLocalPath('//evil.example', '/signin')).toBe('/signin');
  });

  it('whatever the input, the result stays on this site (property)', () => {
    const dangerous = fc.constantFrom('/', '\\', '//', '/\\', '\t', '\n', '..', '.', '%2f', '%5c', '@', ':', 'evil.example', 'http:', '?', '#', ' ', '\u0000');
    const pieces = fc.array(fc.oneof(dangerous, fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 });
    fc.assert(
      fc.property(pieces, (parts) => {
        const input = parts.join('');
        const result = safeLocalPath(input);
        expect(staysHome(result)).toBe(true);
        // Accepted input is returned unchanged or normalised, never rewritten elsewhere.
        if (result !== '/') expect(new URL(result, ORIGIN).href).toBe(new URL(input, ORIGIN).href);
      }),
      { numRuns: 5000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => safeLocalPath(safeLocalPath(s)) === safeLocalPath(s)));
  });
});
