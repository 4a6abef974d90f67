/**
 * Decisions about who is asking and through which name, taken once per request by the HTTP
 * server (server/http.ts) before anything else sees the request. Pure: headers in, verdicts out.
 */

/** The right-most non-empty entry of a comma-separated forwarding header (X-Forwarded-For/-Proto). */
export function lastForwarded(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  const entries = joined.split(',').map((e) => e.trim()).filter(Boolean);
  return entries.at(-1);
}

/**
 * The client's address. Behind a trusted proxy, the entry that proxy appended to
 * X-Forwarded-For: the right-most one. Entries to its left come from the client and prove
 * nothing (anyone can send `X-Forwarded-For: 1.2.3.4`).
 */
export function clientAddress(opts: { trustProxy: boolean; forwardedFor: string | string[] | undefined; socketAddress: string | undefined }): string {
  const forwarded = opts.trustProxy ? lastForwarded(opts.forwardedFor) : undefined;
  return forwarded || opts.socketAddress || 'unknown';
}

/** The host name of a Host header value, lower-case, without port or IPv6 brackets; null when malformed. */
export function hostName(host: string | undefined): string | null {
  if (!host || host.length > 255) return null;
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    if (url.host !== host.toLowerCase().replace(/:80$/, '')) return null;
    return url.hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/**
 * The host names a server answers to when no PUBLIC_URL pins its origin: the loopback
 * names, the address it listens on (or, when it listens on every interface, the addresses of
 * those interfaces and the machine's name), and ALLOWED_HOSTS.
 */
export function allowedHostNames(opts: { listenHost: string; interfaceAddresses: string[]; machineName?: string; extra: string[] }): Set<string> {
  const names = ['localhost', '127.0.0.1', '::1', ...opts.extra];
  const everywhere = opts.listenHost === '0.0.0.0' || opts.listenHost === '::';
  if (everywhere) names.push(...opts.interfaceAddresses, ...(opts.machineName ? [opts.machineName] : []));
  else names.push(opts.listenHost);
  // An entry may carry a port (tropa.local:3000): the name is what counts.
  return new Set(names.map((n) => (hostName(n.trim()) ?? n.trim().toLowerCase()).replace(/^\[|\]$/g, '')).filter(Boolean));
}

/** Whether a Host (or trusted X-Forwarded-Host) value names this server. */
export function isAllowedHost(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostName(host);
  return name !== null && allowed.has(name);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a request to a JSON route must be refused as cross-site: a state-changing method
 * to /api/* whose Origin is not the server's own (the host the browser addressed, or the
 * PUBLIC_URL origin). Requests without Origin come from non-browser clients or same-origin
 * navigations of old browsers, which CSRF cannot forge from another site, and are let through.
 */
export function isCrossSiteApiWrite(opts: { method: string | undefined; path: string; origin: string | undefined; host: string | undefined; publicOrigin?: string }): boolean {
  if (!UNSAFE_METHODS.has((opts.method ?? '').toUpperCase())) return false;
  if (!(opts.path === '/api' || opts.path.startsWith('/api/'))) return false;
  if (opts.origin === undefined) return false;
  let origin: URL;
  try {
    origin = new URL(opts.origin);
  } catch {
    return true; // "null" (sandboxed frames, file://) and garbage
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return true;
  if (opts.publicOrigin && origin.origin === new URL(opts.publicOrigin).origin) return false;
  if (!opts.host) return true;
  try {
    return new URL(`${origin.protocol}//${opts.host}`).host !== origin.host;
  } catch {
    return true;
  }
}
