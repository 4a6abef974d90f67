import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../server/root';
import type { BoardWriter } from '../../db/board-writer';
import { groupAlive, registerProcess, signalGroup, unregisterProcess } from './processes';
import type { WriterReply, WriterRequest } from './server-with-writer';

export type RunningServer = {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM, SIGKILL after 10 s; resolves when the server's process group is gone. */
  stop(): Promise<void>;
  /** SIGKILL to the server's process group; resolves once no process of it is left and its port refuses connections. */
  crash(): Promise<void>;
  /** Only with the 'writer' entry: the board writer registered in the server's process, called as a domain verb calls it. */
  boardWriter: BoardWriter;
};

/** The production server plus an IPC channel to its board writer (tests/helpers/server-with-writer.ts). */
const WRITER_ENTRY = 'tests/helpers/server-with-writer.ts';

/**
 * Starts the real server (production `server/index.ts`, or `server/dev.ts`) on port 0 with a fresh embedded
 * database in a temporary DATA_DIR, seeded with the demo, and waits until it listens.
 *
 * The spawned process IS the server (node with tsx as an import hook, no wrapper process), and it
 * leads its own process group: a signal sent to the group reaches the server and anything it
 * started, and the test run's teardown reaps the group if a test forgets it.
 */
export async function startServer(env: Record<string, string> = {}, which: 'server/index.ts' | 'server/dev.ts' | 'writer' = 'server/index.ts'): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'tropa-test-')));
  const ownDataDir = !env.DATA_DIR;
  const entry = which === 'writer' ? WRITER_ENTRY : which;
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT_DIR,
    detached: true,
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
    stdio: which === 'writer' ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const pid = proc.pid!;
  registerProcess(pid, `server ${entry} in ${dataDir}`);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
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
  }).catch(async (err) => {
    await endGroup(pid, exited);
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  });

  let calls = 0;
  const call = <T = void>(req: WriterRequest extends infer R ? (R extends WriterRequest ? Omit<R, 'id'> : never) : never) =>
    new Promise<T>((resolve, reject) => {
      if (which !== 'writer') return reject(new Error("the board writer needs startServer(env, 'writer')"));
      const id = ++calls;
      const onReply = (r: WriterReply) => {
        if (r.id !== id) return;
        proc.off('message', onReply);
        if (r.ok) resolve(r.value as T);
        else reject(new Error(r.error));
      };
      proc.on('message', onReply);
      proc.send({ ...req, id } as WriterRequest);
    });
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    output: () => output,
    boardWriter: {
      pairCards: (boardId, actorId, ops) => call({ call: 'pairCards', boardId, actorId, ops }),
      pairsChanged: (boardId) => void call({ call: 'pairsChanged', boardId }),
      restore: (boardId, actorId, op) => call<{ cardId: string }>({ call: 'restore', boardId, actorId, op }),
    },
    async stop() {
      await endGroup(pid, exited);
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async crash() {
      signalGroup(pid, 'SIGKILL');
      await exited;
      await waitFor(() => !groupAlive(pid), 'the killed server\'s process group to be gone');
      unregisterProcess(pid);
      const port = Number(new URL(url).port);
      if (await accepts(port)) throw new Error(`port ${port} still accepts connections after SIGKILL: a process of the server survived`);
    },
  };
}

/** SIGTERM to the group, SIGKILL after 10 s; then waits until no process of the group is left. */
async function endGroup(pid: number, exited: Promise<void>) {
  if (groupAlive(pid)) {
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 10_000);
    await exited;
    await waitFor(() => !groupAlive(pid), 'the server\'s process group to end', 11_000).finally(() => clearTimeout(timer));
  }
  unregisterProcess(pid);
}

async function waitFor(done: () => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Does anything accept a TCP connection on this loopback port? */
export function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
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

/** The signed-in user's id, as the session endpoint tells it. */
export async function whoAmI(base: string, cookie: string): Promise<string> {
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { user: { id: string } };
  return session.user.id;
}
