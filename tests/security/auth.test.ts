import http from 'node:http';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { callAction } from '../helpers/actions';
import { signIn, startServer, whoAmI, type RunningServer } from '../helpers/server';

// Attacks on sign-in and accounts, each against the real server (production build, port 0).
// TRUST_PROXY=1: the test stands in for the proxy, which appends the client's address.

const ADMIN_ACTIONS = 'app/actions/admin.ts';
const action = (name: string, file = ADMIN_ACTIONS) => ({ file, name });

/** A request with headers fetch will not send as given (Host). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let addressSeq = 0;
/** A fresh client address per sign-in, so throttling tests do not touch each other. */
const freshAddress = () => `10.77.${Math.floor(++addressSeq / 250)}.${(addressSeq % 250) + 1}`;

describe('sign-in and accounts under attack', () => {
  let srv: RunningServer;
  const session = async (email: string, password = 'tropa-demo') => (await signIn(srv.url, email, password, freshAddress())).cookie;
  const userId = (cookie: string) => whoAmI(srv.url, cookie);
  const boardsStatus = async (cookie: string) => (await fetch(`${srv.url}/api/boards`, { headers: { cookie } })).status;
  /** The status of a /yjs upgrade with this session to a board `reader` can see (101 when accepted). */
  const yjsUpgrade = async (cookie: string, reader: string) => {
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: reader } })).json()) as { id: string }[];
    const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${boards[0].id}`, { headers: { cookie } });
    return new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });
  };

  /** An open board connection of this session; `closed` resolves with its close code. */
  const openLive = async (cookie: string) => {
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie } })).json()) as { id: string }[];
    const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${boards[0].id}`, { headers: { cookie } });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    return { closed };
  };

  beforeAll(async () => {
    srv = await startServer({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await srv?.stop();
  });

  describe('throttling', () => {
    it('a client cannot choose its throttling address: the entry the proxy appended counts, not the one it sent', async () => {
      // A sprayer rotates the left-most X-Forwarded-For; the proxy appends its real address.
      for (let i = 0; i < 20; i++) {
        await signIn(srv.url, `spray${i}@demo.tropa`, 'wrong-password', `198.51.100.${i}, 10.88.0.1`);
      }
      const next = await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo', '203.0.113.99, 10.88.0.1');
      expect(next.cookie).toBeNull();
      expect(next.location).toContain('error=THROTTLED');
    });

    it('wrong passwords do not lock the owner out: the guessing address is slowed, the owner from another address gets in', async () => {
      const attacker = '10.89.0.1';
      for (let i = 0; i < 3; i++) {
        expect((await signIn(srv.url, 'mentee@demo.tropa', 'wrong-password', attacker)).location).toContain('error=CredentialsSignin');
      }
      expect((await signIn(srv.url, 'mentee@demo.tropa', 'wrong-password', attacker)).location).toContain('error=THROTTLED');
      // More failures from elsewhere (five in all was a lockout before).
      for (let i = 0; i < 4; i++) await signIn(srv.url, 'mentee@demo.tropa', 'wrong-password', `10.89.1.${i}`);
      const owner = await signIn(srv.url, 'mentee@demo.tropa', 'tropa-demo', '10.89.2.1');
      expect(owner.cookie).toBeTruthy();
    });
  });

  describe('disabled accounts and ended sessions', () => {
    it('a disabled account cannot sign in, and its open session stops working everywhere; enabling does not revive it', { timeout: 60_000 }, async () => {
      const admin = (await session('admin@demo.tropa'))!;
      const mentor = (await session('mentor@demo.tropa'))!;
      const mentorId = await userId(mentor);
      expect(await boardsStatus(mentor)).toBe(200);
      const live = await openLive(mentor);

      const disabled = await callAction(srv.url, '/admin', action('setAccountDisabledAction'), admin, { userId: mentorId, disabled: 'true' });
      expect(disabled.result).toMatchObject({ ok: true });
      expect(await live.closed).toBe(4403); // the open board connection is closed at once, not at its next check

      expect(await boardsStatus(mentor)).toBe(401);
      const home = await fetch(`${srv.url}/`, { headers: { cookie: mentor }, redirect: 'manual' });
      expect(home.headers.get('location') ?? '').toContain('/signin');
      expect(await yjsUpgrade(mentor, admin)).toBe(401);
      const socket = ioClient(srv.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: mentor } });
      const outcome = await new Promise<string>((resolve) => {
        socket.on('connect_error', (err) => resolve(err.message));
        socket.on('connect', () => resolve('CONNECTED'));
      });
      expect(outcome).toBe('UNAUTHENTICATED');
      socket.close();

      const again = await signIn(srv.url, 'mentor@demo.tropa', 'tropa-demo', freshAddress());
      expect(again.cookie).toBeNull();
      expect(again.location).toContain('error=CredentialsSignin');

      expect((await callAction(srv.url, '/admin', action('setAccountDisabledAction'), admin, { userId: mentorId, disabled: 'false' })).result).toMatchObject({ ok: true });
      expect(await boardsStatus(mentor)).toBe(401);
      const fresh = (await session('mentor@demo.tropa'))!;
      expect(await boardsStatus(fresh)).toBe(200);
    });

    it('an admin resets a password: the old password and every old session stop working', async () => {
      const admin = (await session('admin@demo.tropa'))!;
      const member = (await session('member@demo.tropa'))!;
      const memberId = await userId(member);
      expect(await yjsUpgrade(member, member)).toBe(101);
      const live = await openLive(member);
      const reset = await callAction(srv.url, '/admin', action('resetPasswordAction'), admin, { userId: memberId, password: 'member-new-secret' });
      expect(reset.result).toMatchObject({ ok: true });
      expect(await live.closed).toBe(4401); // its sessions ended: the open board connection too
      expect(await boardsStatus(member)).toBe(401);
      expect(await yjsUpgrade(member, admin)).toBe(401);
      expect(await session('member@demo.tropa')).toBeNull();
      expect(await session('member@demo.tropa', 'member-new-secret')).toBeTruthy();
    });

    it('a user changes its own password only with the current one; its sessions end', async () => {
      const head = (await session('head@demo.tropa'))!;
      const change = (fields: Record<string, string>) => callAction(srv.url, '/account', action('changeOwnPasswordAction', 'app/actions/account.ts'), head, fields);
      expect((await change({ currentPassword: 'not-it', newPassword: 'head-new-secret', repeatPassword: 'head-new-secret' })).result).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
      expect((await change({ currentPassword: 'tropa-demo', newPassword: 'short', repeatPassword: 'short' })).result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await boardsStatus(head)).toBe(200);
      expect((await change({ currentPassword: 'tropa-demo', newPassword: 'head-new-secret', repeatPassword: 'head-new-secret' })).result).toMatchObject({ ok: true });
      expect(await boardsStatus(head)).toBe(401);
      expect(await session('head@demo.tropa')).toBeNull();
      expect(await session('head@demo.tropa', 'head-new-secret')).toBeTruthy();
    });

    it('a non-admin cannot reset or disable anyone, and cannot tell existing accounts from made-up ones', async () => {
      const curator = (await session('curator@demo.tropa'))!;
      const viewerId = await userId((await session('viewer@demo.tropa'))!);
      for (const id of [viewerId, crypto.randomUUID()]) {
        expect((await callAction(srv.url, '/admin', action('setAccountDisabledAction'), curator, { userId: id, disabled: 'true' })).result).toEqual(expect.objectContaining({ ok: false, code: 'FORBIDDEN' }));
        expect((await callAction(srv.url, '/admin', action('resetPasswordAction'), curator, { userId: id, password: 'taken-over-1' })).result).toEqual(expect.objectContaining({ ok: false, code: 'FORBIDDEN' }));
      }
      expect(await session('viewer@demo.tropa')).toBeTruthy();
    });
  });

  describe('the demo is loud', () => {
    it('every page says «Демонстрационные данные» while demo accounts with the public password are enabled', async () => {
      const curator = (await session('curator@demo.tropa'))!;
      for (const [page, cookie] of [['/signin', null], ['/', curator], ['/account', curator]] as const) {
        const html = await (await fetch(`${srv.url}${page}`, { headers: cookie ? { cookie } : {} })).text();
        expect(html, page).toContain('data-testid="demo-banner"');
        expect(html, page).toContain('Демонстрационные данные');
      }
    });
  });

  describe('email enumeration through the admin actions', () => {
    it('to a non-admin, inviting a known and an unknown email give the same answer', async () => {
      const mentee = (await session('mentee@demo.tropa'))!;
      // The school the mentee belongs to (a mentee has no board of its own to read it from).
      const curator = (await session('curator@demo.tropa'))!;
      const [board] = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as { orgId: string }[];
      for (const orgId of [board.orgId, crypto.randomUUID()]) {
        const answers = [];
        for (const email of ['curator@demo.tropa', 'no-such-person@demo.tropa']) {
          const { result } = await callAction(srv.url, '/admin', action('grantRoleAction'), mentee, { email, orgId, role: 'viewer' });
          // Flight writes an absent field as "$undefined".
          answers.push(result && !result.ok ? [result.code, result.fields && String(result.fields) !== '$undefined' ? result.fields : null] : result);
        }
        expect(answers[0]).toEqual(['FORBIDDEN', null]);
        expect(answers[1]).toEqual(answers[0]);
      }
    });
  });

  describe('open redirect after sign-in', () => {
    it('a callbackUrl that a browser reads as another host never reaches the page or the redirect', async () => {
      for (const callbackUrl of ['/\\evil.example', '//evil.example', '/\t/evil.example', 'https://evil.example/']) {
        const html = await (await fetch(`${srv.url}/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`)).text();
        // The form's prop, where the browser goes after signing in (the page's flight data, escaped in a script).
        expect(html, JSON.stringify(callbackUrl)).toContain('\\"callbackUrl\\":\\"/\\"');
      }
      const csrf = await fetch(`${srv.url}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${srv.url}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-forwarded-for': freshAddress() },
        body: new URLSearchParams({ csrfToken, email: 'viewer@demo.tropa', password: 'tropa-demo', callbackUrl: '/\\evil.example' }),
      });
      const location = res.headers.get('location')!;
      expect(new URL(location, srv.url).host).toBe(new URL(srv.url).host);
      expect(new URL(location, srv.url).pathname.startsWith('//')).toBe(false);
    });
  });

  describe('the Host header', () => {
    it('a forged Host or X-Forwarded-Host is refused and never appears in a redirect', async () => {
      const url = new URL(srv.url);
      const forged: Record<string, string>[] = [{ host: 'evil.example' }, { host: `evil.example:${url.port}` }, { host: url.host, 'x-forwarded-host': 'evil.example' }];
      for (const headers of forged) {
        for (const [method, path] of [['GET', '/api/auth/signin'], ['GET', '/'], ['GET', '/admin'], ['POST', '/api/auth/signout']]) {
          const res = await raw(`${srv.url}${path}`, { method, headers });
          expect(String(res.headers.location ?? ''), `${method} ${path} ${JSON.stringify(headers)}`).not.toContain('evil.example');
          expect(res.body).not.toContain('evil.example');
          expect(res.status).toBe(400);
        }
      }
      const ours = await raw(`${srv.url}/api/auth/signin`, { headers: { host: `localhost:${url.port}` } });
      expect(ours.status).toBe(302);
      expect(decodeURIComponent(String(ours.headers.location))).toContain(`localhost:${url.port}`);
    });
  });

  describe('cross-site writes to JSON routes', () => {
    it('POST/DELETE to /api/* with a foreign Origin is refused with FORBIDDEN before the route runs', async () => {
      const curator = (await session('curator@demo.tropa'))!;
      const before = ((await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as unknown[]).length;
      for (const origin of ['https://evil.example', 'null']) {
        for (const [method, path] of [['POST', '/api/boards/import'], ['POST', '/api/import'], ['DELETE', '/api/boards'], ['POST', '/api/auth/signout']]) {
          const res = await fetch(`${srv.url}${path}`, {
            method,
            headers: { cookie: curator, origin, 'content-type': 'text/plain' },
            body: method === 'POST' ? 'Этап 1\tМероприятие\tсентябрь 2026' : undefined,
          });
          expect(res.status, `${method} ${path} from ${origin}`).toBe(403);
          expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
        }
      }
      expect(await boardsStatus(curator)).toBe(200);
      const after = ((await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as unknown[]).length;
      expect(after).toBe(before);
    });

    it('same-origin requests and next-auth without an Origin still work', async () => {
      const withOrigin = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { origin: srv.url, cookie: (await session('curator@demo.tropa'))!, 'content-type': 'text/plain' }, body: '' });
      expect(withOrigin.status).not.toBe(403);
      expect(await session('viewer@demo.tropa')).toBeTruthy();
    });
  });
});
