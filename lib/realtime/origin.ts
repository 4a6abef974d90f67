/*
 * Cross-site websocket hijacking: a browser sends the session cookie with a websocket
 * opened by any page, and names that page in Origin. Upgrades whose Origin is present and
 * not Tropa's own are refused; clients that send no Origin (not browsers) are not affected.
 */
export function upgradeOriginAllowed(origin: string | undefined, own: { publicUrl?: string; host?: string }): boolean {
  if (origin === undefined) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) and junk
  }
  if (own.publicUrl) return from.origin === new URL(own.publicUrl).origin;
  return !!own.host && from.host.toLowerCase() === own.host.toLowerCase() && (from.protocol === 'http:' || from.protocol === 'https:');
}
