const PROBE_ORIGIN = 'https://tropa.invalid';

/**
 * A place to send the user after sign-in (callbackUrl, redirects): a path on this site, or
 * `fallback`. Browsers read `/\evil.example`, `//evil.example` and `/<TAB>/evil.example` as
 * another host, and `/..//evil.example` normalises to `//evil.example`; so only a path that
 * starts with one `/`, holds no backslash or control character, and still names this origin
 * after normalisation is accepted, and its normalised form is what is returned.
 */
export function safeLocalPath(input: unknown, fallback = '/'): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) return fallback;
  if (input[0] !== '/' || input[1] === '/' || input.includes('\\')) return fallback;
  // Control characters (tab and newline included, which URL parsers drop silently) and
  // Unicode line separators have no place in a path the user did not type.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(input)) return fallback;
  let url: URL;
  try {
    url = new URL(input, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//')) return fallback;
  return url.href.slice(url.origin.length);
}
