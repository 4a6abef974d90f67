import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../server/root';

export type RunningServer = { url: string; port: number; proc: ChildProcess; output: () => string; stop(): Promise<void> };

/**
 * Starts the real server (production `server/index.ts`, or `server/dev.ts`) on port 0 with a fresh embedded
 * database in a temporary DATA_DIR, seeded with the demo, and waits until it listens.
 */
export async function startServer(env: Record<string, string> = {}, entry: 'server/index.ts' | 'server/dev.ts' = 'server/index.ts'): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'tropa-test-')));
  const ownDataDir = !env.DATA_DIR;
  const proc = spawn(process.execPath, [path.join(ROOT_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs'), entry], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      NODE_ENV: entry === 'server/dev.ts' ? 'development' : 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      AUTH_SECRET: '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The caller never gets a handle to stop it: a server left running would load the machine for good.
      proc.kill('SIGKILL');
      if (ownDataDir) void rm(dataDir, { recursive: true, force: true });
      reject(new Error(`server did not start in time:\n${output}`));
    }, 90_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    port: Number(new URL(url).port),
    proc,
    output: () => output,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through next-auth's real routes and returns the session cookie header. */
export async function signIn(base: string, email: string, password: string, address?: string): Promise<{ status: number; cookie: string | null; location: string | null }> {
  const extra: Record<string, string> = address ? { 'x-forwarded-for': address } : {};
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers: extra });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, ...extra },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = (res.headers.getSetCookie() ?? []).find((c) => c.startsWith('next-auth.session-token='));
  // With json=true next-auth answers {url} instead of redirecting; the error is in that url.
  const body = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { url?: string }) : {};
  return { status: res.status, cookie: session ? session.split(';')[0] : null, location: res.headers.get('location') ?? body.url ?? null };
}
